using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// A thread's short posts kept with its long ones. When the chosen content is several copies of one block template
/// (the posts' bodies, taken together because they share a tag and class), the scorer takes the other copies only
/// when they are long (an article cut into chunks between ads repeats its class, and a short copy there is an
/// excerpt or a teaser). On a thread every post is content however short it is ("same here", a one-line answer),
/// so there every copy of the template that holds text and is not mostly links is taken, in document order.
/// </summary>
internal static class ShortPosts
{
    /// <summary>The chosen content is a post template when at least this many chosen blocks share a tag and class.</summary>
    private const int MinChosenCopies = 2;

    /// <summary>A copy taken is at most this share links (a link preview alone is not a post's text).</summary>
    private const double MaxLinkDensity = 0.5;

    /// <summary><paramref name="selected"/> with the other copies of its post template added, or unchanged.</summary>
    public static List<IElement> Add(IElement body, List<IElement> selected, ElementStats stats, ExtractionBudget budget)
    {
        if (selected.Count < MinChosenCopies)
        {
            return selected;
        }

        // The template: the tag and class that most chosen blocks share.
        var counts = new Dictionary<(string Tag, string Class), int>();
        foreach (var e in selected)
        {
            if (e.GetAttribute("class") is { Length: > 0 } c)
            {
                var key = (e.LocalName, c);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        if (counts.Count == 0)
        {
            return selected;
        }

        var template = counts.MaxBy(kv => kv.Value);
        if (template.Value < MinChosenCopies)
        {
            return selected;
        }

        var (tag, cls) = template.Key;
        var taken = new HashSet<IElement>(selected, ReferenceEqualityComparer.Instance);
        var above = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
        foreach (var e in selected)
        {
            DomEdits.MarkAncestors(e, above, budget);
        }

        var added = new List<IElement>();
        foreach (var (e, s) in stats)
        {
            budget.Tick();
            if (e.LocalName != tag || taken.Contains(e) || s.Chars - s.LinkChars <= 0 || s.LinkDensity > MaxLinkDensity
                || !string.Equals(e.GetAttribute("class"), cls, StringComparison.Ordinal) || above.Contains(e) || DomEdits.HasAncestorIn(e.ParentElement, taken, budget))
            {
                continue;
            }

            added.Add(e);
            taken.Add(e);
            DomEdits.MarkAncestors(e, above, budget);
        }

        if (added.Count == 0)
        {
            return selected;
        }

        // Document order: one walk of the body, collecting the taken blocks as they come.
        var ordered = new List<IElement>(taken.Count);
        var stack = new Stack<IElement>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (taken.Contains(e))
            {
                ordered.Add(e);
                continue;
            }

            if (!above.Contains(e))
            {
                continue;
            }

            foreach (var c in DomEdits.ElementChildrenReversed(e, budget))
            {
                stack.Push(c);
            }
        }

        return ordered;
    }
}
