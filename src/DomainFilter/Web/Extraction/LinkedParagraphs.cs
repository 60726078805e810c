using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// Links to other pages set as paragraphs inside an article's own container ("Read also: …", a row of other
/// stories' headlines in one <c>p</c>, a quoted teaser), measured on the DOM: the share of a paragraph's text that
/// sits in <c>a</c> elements leading away from the page. The block pruning (<see cref="IContentScorer.Prune"/>)
/// judges containers only (div, section, lists), and the renderer sees links only in short runs of short lines, so a
/// paragraph made of links survived both whenever it was long or alone. A paragraph that is one linked sentence stays. With it goes the line
/// that announces such links ("More on this topic", "Read also"): a heading or a short link-free paragraph right
/// before a paragraph dropped here or before a container that is mostly links, which the pruning removes. Paragraphs
/// in list items and table cells are left to the list and table rules (a table of contents, a reference list).
/// </summary>
internal static class LinkedParagraphs
{
    /// <summary>A paragraph with at least this share of its text in links to other pages is a link, not prose (trafilatura's 0.8).</summary>
    private const double MinLinkShare = 0.8;

    /// <summary>A container after an announcing line with more than this share of links is a link block (the pruning drops lists above it).</summary>
    private const double LinkBlockShare = 0.5;

    /// <summary>
    /// A link block holds at least this much text (an author's linked name under a headline is not one) and fewer
    /// commas than this (a reference list, whose entries are prose with links, is kept by the pruning too).
    /// </summary>
    private const int MinLinkBlockChars = 60;

    private const int MaxLinkBlockCommas = 10;

    /// <summary>A link-free paragraph shorter than this, right before a link block, announces it.</summary>
    private const int MaxAnnounceChars = 60;

    /// <summary>Nothing is dropped when the paragraphs found hold more than this share of the content's text: a page of links is what it is.</summary>
    private const double MaxDroppedShare = 0.5;

    /// <summary>As <see cref="Remove"/>, except in a thread, where a reply that is only a link is still a post.</summary>
    public static int RemoveUnlessThread(IElement root, ElementStats stats, bool thread, ExtractionBudget budget) =>
        thread ? 0 : Remove(root, stats, budget);

    /// <summary>Removes the linked paragraphs under <paramref name="root"/> and the lines announcing link blocks; returns how many elements went.</summary>
    public static int Remove(IElement root, ElementStats stats, ExtractionBudget budget)
    {
        if (!stats.TryGetValue(root, out var rootStat) || rootStat.Chars == 0)
        {
            return 0;
        }

        var drop = new List<IElement>();
        var dropped = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
        var droppedChars = 0;
        var stack = new Stack<IElement>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var parent = stack.Pop();
            IElement? previous = null;
            foreach (var e in DomEdits.ElementChildren(parent, budget))
            {
                if (!stats.TryGetValue(e, out var s))
                {
                    previous = e;
                    continue;
                }

                var linked = IsLinkedParagraph(e, s, stats, budget);
                if (linked && dropped.Add(e))
                {
                    drop.Add(e);
                    droppedChars += s.Chars;
                }

                if ((linked || IsLinkBlock(e, s)) && previous is not null && !dropped.Contains(previous)
                    && stats.TryGetValue(previous, out var ps) && Announces(previous, ps))
                {
                    dropped.Add(previous);
                    drop.Add(previous);
                    droppedChars += ps.Chars;
                }

                if (!linked && e.LocalName is not ("li" or "td" or "th" or "dd" or "pre" or "table"))
                {
                    stack.Push(e);
                }

                previous = e;
            }
        }

        if (drop.Count == 0 || droppedChars > rootStat.Chars * MaxDroppedShare)
        {
            return 0;
        }

        DomEdits.Remove(drop, budget);
        return drop.Count;
    }

    private static bool IsLinkedParagraph(IElement e, ElementStat s, ElementStats stats, ExtractionBudget budget)
    {
        if (e.LocalName is not ("p" or "blockquote") || s.Chars == 0 || s.LinkDensity < MinLinkShare)
        {
            return false;
        }

        // Links within the page (footnote marks, a table of contents) do not lead away from it.
        int away = 0, links = 0;
        foreach (var a in e.GetElementsByTagName("a"))
        {
            budget.Tick();
            if (stats.TryGetValue(a, out var sa) && !(a.GetAttribute("href") ?? "").StartsWith('#') && !ShowsAddress(a.TextContent))
            {
                away += sa.Chars;
                links++;
            }
        }

        // One link that is a whole sentence ("The council has published the full plan on its website.") is the
        // article speaking; a row of headlines, or a link line that ends no sentence, is not.
        return away >= s.Chars * MinLinkShare && (links > 1 || !PlainText.EndsSentence(e.TextContent));
    }

    /// <summary>
    /// A link that shows its own address ("http://…", "www.example.org") cites a source; another story's teaser shows
    /// its headline. One word with a dot or a slash in it is an address.
    /// </summary>
    private static bool ShowsAddress(string text)
    {
        var t = text.AsSpan().Trim();
        return t.Length > 0 && t.IndexOfAny(' ', '\n', '\t') < 0 && t.IndexOfAny('.', '/') >= 0;
    }

    private static bool IsLinkBlock(IElement e, ElementStat s) =>
        e.LocalName is "div" or "section" or "aside" or "nav" or "ul" or "ol"
        && s.Chars >= MinLinkBlockChars && s.LinkDensity > LinkBlockShare && s.Commas < MaxLinkBlockCommas;

    private static bool Announces(IElement e, ElementStat s)
    {
        var tag = e.LocalName;
        // Not h1: the page's headline stays whatever follows it.
        if (HtmlBlockTags.IsSubheading(tag))
        {
            return true;
        }

        return tag == "p" && s.Chars > 0 && s.Chars < MaxAnnounceChars && s.LinkChars == 0;
    }
}
