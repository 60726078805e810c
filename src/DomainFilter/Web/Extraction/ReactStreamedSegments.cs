using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// Puts the parts of a React streamed page (server rendering with Suspense: Next.js, Remix) where the browser would.
/// Such a page sends its sections late, each in a <c>&lt;div hidden id="S:n"&gt;</c> at the end of the body, with
/// an inline call that moves it into its place: <c>$RC("B:n","S:n")</c> replaces a Suspense boundary's fallback
/// (from its <c>&lt;template id="B:n"&gt;</c> to the closing <c>&lt;!--/$--&gt;</c> comment) and
/// <c>$RS("S:n","P:n")</c> replaces a placeholder <c>&lt;template id="P:n"&gt;</c>. Left at the end, the sections are
/// siblings of one another outside the page's <c>main</c>, and the scorer takes one of them for the page.
/// </summary>
internal static partial class ReactStreamedSegments
{
    // $RC(boundary, segment), $RR(boundary, segment, styles): complete a boundary; $RS(segment, placeholder): a segment.
    [GeneratedRegex("""\$R([CRS])\("([^"]{1,40})","([^"]{1,40})""", RegexOptions.CultureInvariant)]
    private static partial Regex Calls();

    /// <summary>True when the page's source calls React's streaming functions: only then is the tree searched.</summary>
    public static bool Present(string html) =>
        html.Contains("$RC(\"", StringComparison.Ordinal) || html.Contains("$RS(\"", StringComparison.Ordinal)
                                                          || html.Contains("$RR(\"", StringComparison.Ordinal);

    /// <summary>Moves each streamed segment into its boundary or placeholder, in the order the page's scripts do. Returns how many moved.</summary>
    public static int Place(IElement body, ExtractionBudget budget)
    {
        var byId = new Dictionary<string, IElement>(StringComparer.Ordinal);
        var scripts = new List<IElement>();
        var stack = new Stack<IElement>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (e.LocalName == "script")
            {
                scripts.Add(e);
                continue;
            }

            if (e.Id is { Length: > 2 } id && id[1] == ':' && id[0] is 'S' or 'B' or 'P')
            {
                byId.TryAdd(id, e);
            }

            foreach (var c in DomEdits.ElementChildrenReversed(e, budget))
            {
                stack.Push(c);
            }
        }

        var moved = 0;
        foreach (var script in scripts)
        {
            var source = script.TextContent;
            if (!source.Contains("$R", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match m in Calls().Matches(source))
            {
                budget.Tick();
                var boundary = m.Groups[1].Value != "S";
                var (segmentId, targetId) = boundary ? (m.Groups[3].Value, m.Groups[2].Value) : (m.Groups[2].Value, m.Groups[3].Value);
                if (byId.Remove(segmentId, out var segment) && byId.Remove(targetId, out var target)
                    && target.Parent is { } parent && !segment.Contains(target))
                {
                    Move(segment, target, parent, boundary, budget);
                    moved++;
                }
            }
        }

        return moved;
    }

    private static void Move(IElement segment, IElement target, INode parent, bool boundary, ExtractionBudget budget)
    {
        segment.Remove();
        INode? end = target.NextSibling;
        if (boundary)
        {
            // The boundary's fallback (a skeleton, "Loading…") runs from its template to the matching <!--/$-->.
            var depth = 0;
            while (end is not null)
            {
                budget.Tick();
                if (end is IComment c)
                {
                    if (c.Data == "/$")
                    {
                        if (depth == 0)
                        {
                            break;
                        }

                        depth--;
                    }
                    else if (c.Data is "$" or "$?" or "$!")
                    {
                        depth++;
                    }
                }

                var next = end.NextSibling;
                parent.RemoveChild(end);
                end = next;
            }
        }

        while (segment.FirstChild is { } child)
        {
            budget.Tick();
            if (end is null)
            {
                parent.AppendChild(child);
            }
            else
            {
                parent.InsertBefore(child, end);
            }
        }

        target.Remove();
    }
}
