using System.Text;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// A linear pre-pass over raw HTML that drops start and end tags nested deeper than a limit, keeping their text.
/// The HTML tree builder checks element scope against the stack of open elements at every tag, so tens of thousands
/// of nested tags cost quadratic time; this keeps the stack short. Elements whose end tag is optional (p, li, td, …)
/// and void elements do not count, so ordinary pages pass through unchanged. The same pass closes a self-closed raw-text
/// element (<c>&lt;iframe/&gt;</c>), which would otherwise swallow the rest of the page.
/// </summary>
public static class NestingLimiter
{
    private static readonly HashSet<string> NotCounted = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp", "caption",
        "html", "head", "body",
    };

    // Tag names are looked up as spans of the page: no string per tag.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotCountedNames = NotCounted.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Elements whose content the parser reads as text up to their end tag.</summary>
    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase) { "iframe", "textarea", "title", "xmp", "noembed", "noframes" };
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> RawTextNames = RawText.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Returns <paramref name="html"/> itself when no tag is nested deeper than <paramref name="maxDepth"/>.</summary>
    public static string Limit(string html, int maxDepth, out bool limited)
    {
        limited = false;
        StringBuilder? output = null;
        var depth = 0;
        var dropped = 0;
        var copiedTo = 0;
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= html.Length)
            {
                break;
            }

            var next = html[lt + 1];
            var gt = html.IndexOf('>', lt + 1);
            if (gt < 0)
            {
                break;
            }

            var isEnd = next == '/';
            if (!isEnd && !char.IsAsciiLetter(next))
            {
                // Comments, doctype, processing instructions, stray '<'.
                i = next == '!' && html.AsSpan(lt).StartsWith("<!--") ? EndOfComment(html, lt) : lt + 1;
                continue;
            }

            var nameStart = lt + (isEnd ? 2 : 1);
            var nameEnd = nameStart;
            while (nameEnd < gt && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == '-'))
            {
                nameEnd++;
            }

            var name = html.AsSpan(nameStart, nameEnd - nameStart);
            i = gt + 1;
            if (!isEnd && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
            {
                var close = html.IndexOf(string.Concat("</", name), gt, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : close;
                continue;
            }

            if (!isEnd && html[gt - 1] == '/' && RawTextNames.Contains(name))
            {
                // <iframe … /> (a tag manager's noscript snippet): HTML has no self-closing tags, so a browser without
                // scripts would read the rest of the page as the frame's text, and so does this parser (a browser
                // with scripts reads the noscript as text and never sees it). The page continues after it.
                output ??= new StringBuilder(html.Length + 16);
                output.Append(html, copiedTo, gt + 1 - copiedTo).Append("</").Append(name).Append('>');
                copiedTo = gt + 1;
                continue;
            }

            if (name.Length == 0 || NotCountedNames.Contains(name) || (!isEnd && html[gt - 1] == '/'))
            {
                continue;
            }

            bool drop;
            if (isEnd)
            {
                drop = dropped > 0;
                if (drop)
                {
                    dropped--;
                }
                else if (depth > 0)
                {
                    depth--;
                }
            }
            else
            {
                drop = depth >= maxDepth;
                if (drop)
                {
                    dropped++;
                }
                else
                {
                    depth++;
                }
            }

            if (drop)
            {
                limited = true;
                output ??= new StringBuilder(html.Length);
                output.Append(html, copiedTo, lt - copiedTo);
                copiedTo = gt + 1;
            }
        }

        if (output is null)
        {
            return html;
        }

        output.Append(html, copiedTo, html.Length - copiedTo);
        return output.ToString();
    }

    private static int EndOfComment(string html, int at)
    {
        var end = html.IndexOf("-->", at + 4, StringComparison.Ordinal);
        return end < 0 ? html.Length : end + 3;
    }
}
