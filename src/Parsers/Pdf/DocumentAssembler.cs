using System.Text;
using System.Text.RegularExpressions;

namespace SciCurate.Parsers.Pdf;

/// <summary>One page as it enters the merge: its cheap blocks, and the Markdown that replaces them when a VLM read the page.</summary>
public sealed record PageContent(int PageNo, double Height, IReadOnlyList<TextBlock> Blocks, string? ReplacementMarkdown = null);

/// <summary>Each page's Markdown after clean-up, and the document's.</summary>
public sealed record AssembledDocument(IReadOnlyList<string> PageMarkdown, string Markdown, int RemovedFurniture);

/// <summary>
/// Merges pages into one document in page order: running headers and footers (text repeated at the top or
/// bottom of pages) and page numbers are removed, and paragraphs broken by a page turn are joined again.
/// </summary>
public static partial class DocumentAssembler
{
    /// <summary>Share of the page height, from the top or bottom edge, where running headers and footers live.</summary>
    public const double FurnitureZone = 0.12;

    public static AssembledDocument Assemble(IReadOnlyList<PageContent> pages)
    {
        var furniture = FindRepeated(pages);
        var pageMarkdown = new string[pages.Count];
        var doc = new StringBuilder();
        var removed = 0;
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            string md;
            if (page.ReplacementMarkdown is { } replacement)
            {
                md = replacement.Trim();
            }
            else
            {
                var kept = new List<TextBlock>(page.Blocks.Count);
                foreach (var block in page.Blocks)
                {
                    if (IsFurniture(block, page, furniture))
                    {
                        removed++;
                        continue;
                    }

                    kept.Add(block);
                }

                md = MarkdownComposer.Compose(kept);
            }

            pageMarkdown[i] = md;
            AppendPage(doc, md);
        }

        return new AssembledDocument(pageMarkdown, doc.ToString(), removed);
    }

    /// <summary>Joins a page to the document; a hyphenated or unfinished sentence continues across the page turn.</summary>
    private static void AppendPage(StringBuilder doc, string md)
    {
        if (md.Length == 0)
        {
            return;
        }

        if (doc.Length == 0)
        {
            doc.Append(md);
            return;
        }

        var first = md[0];
        var continues = char.IsLower(first) && !EndsWithBlockSyntax(doc);
        if (continues && BlockBuilder.IsHyphenated(doc, md))
        {
            doc.Length--;
            doc.Append(md);
        }
        else if (continues && !".:!?\"”)".Contains(doc[^1], StringComparison.Ordinal))
        {
            doc.Append(' ').Append(md);
        }
        else
        {
            doc.Append("\n\n").Append(md);
        }
    }

    private static bool EndsWithBlockSyntax(StringBuilder doc)
    {
        // A table row or a display formula does not continue into the next page's prose.
        var c = doc[^1];
        return c is '|' or '$';
    }

    private static bool IsFurniture(TextBlock block, PageContent page, HashSet<string> repeated)
    {
        if (MarkdownComposer.IsMargin(block.Kind))
        {
            return true;
        }

        if (!InZone(block, page.Height))
        {
            return false;
        }

        return PageNumber().IsMatch(block.Text) || repeated.Contains(Key(block.Text));
    }

    private static bool InZone(TextBlock block, double height) =>
        height > 0 && (block.Bottom >= height * (1 - FurnitureZone) || block.Top <= height * FurnitureZone);

    private static HashSet<string> FindRepeated(IReadOnlyList<PageContent> pages)
    {
        var counts = new Dictionary<string, int>();
        var cheapPages = 0;
        foreach (var page in pages)
        {
            if (page.ReplacementMarkdown is not null)
            {
                continue;
            }

            cheapPages++;
            var seen = new HashSet<string>();
            foreach (var block in page.Blocks)
            {
                if (InZone(block, page.Height) && block.Text.Length <= 200)
                {
                    var key = Key(block.Text);
                    if (key.Length > 0 && seen.Add(key))
                    {
                        counts[key] = counts.GetValueOrDefault(key) + 1;
                    }
                }
            }
        }

        // Repeated on at least three pages, or on every page of a short document; alternating
        // left/right headers appear on half the pages, hence the 40%.
        var needed = Math.Max(Math.Min(3, cheapPages), (int)Math.Ceiling(cheapPages * 0.4));
        var result = new HashSet<string>();
        if (cheapPages < 2)
        {
            return result;
        }

        foreach (var (key, count) in counts)
        {
            if (count >= needed)
            {
                result.Add(key);
            }
        }

        return result;
    }

    /// <summary>Digits become '#', so "Page 3 of 10" and "Page 4 of 10" share a key.</summary>
    internal static string Key(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(char.IsDigit(c) ? '#' : char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"^\s*(?:page\s+)?(?:\d{1,5}|[ivxlcdm]{1,7})(?:\s*(?:/|of)\s*\d{1,5})?\s*$|^\s*[-–—]\s*\d{1,5}\s*[-–—]\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();
}
