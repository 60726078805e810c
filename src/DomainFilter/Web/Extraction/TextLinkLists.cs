using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// Lists of links that belong to the text, not to navigation. The pruning drops a list over half links and the
/// renderer drops runs of link-only items, both by link share alone, so a resource list, the products an article
/// names or a checklist of linked steps went with their items. Two structures tell such a list apart:
/// <list type="bullet">
/// <item>the article introduces it: the paragraph right before it is a sentence of at least
/// <see cref="MinIntroWords"/> words ending in a colon, and the text goes on after it (a paragraph or heading follows
/// in the same container). A list of other stories is announced by a short label ("Read also:", "Related") or a
/// heading, and ends the article;</item>
/// <item>its items carry text beside their links ("Official website: …", "Name – what it is"): at least two thirds
/// of them hold <see cref="MinItemOwnChars"/> characters outside links. A menu's items are links and nothing else.</item>
/// </list>
/// Such a list's links are read as text (unwrapped, and its link characters taken off its own and its ancestors'
/// figures). Runs on the chosen content only, not on threads.
/// </summary>
internal static class TextLinkLists
{
    /// <summary>An introducing sentence has at least this many words: labels such as "Mehr zum Thema:" are shorter.</summary>
    private const int MinIntroWords = 6;

    /// <summary>The introducing paragraph and the text after the list are prose: at most this share of links.</summary>
    private const double MaxProseLinkShare = 0.5;

    /// <summary>Only lists over this link share are touched: lighter ones are not pruned as navigation anyway.</summary>
    private const double MinListLinkShare = 0.33;

    /// <summary>Reads the links of the text's own lists under <paramref name="root"/> as text (not on threads); returns how many lists.</summary>
    public static int Keep(IElement root, ElementStats stats, bool thread, ExtractionBudget budget)
    {
        if (thread)
        {
            return 0;
        }

        var found = new List<IElement>();
        var stack = new Stack<IElement>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var parent = stack.Pop();
            IElement? previous = null;
            IElement? introduced = null;
            foreach (var e in DomEdits.ElementChildren(parent, budget))
            {
                if (introduced is not null && GoesOn(e, stats))
                {
                    // The text goes on after the list the sentence introduced.
                    found.Add(introduced);
                }

                introduced = null;
                if (e.LocalName is "ul" or "ol")
                {
                    if (stats.TryGetValue(e, out var s) && s.LinkDensity > MinListLinkShare && s.ListItems >= 2)
                    {
                        if (ItemsWithText(e, stats, budget))
                        {
                            found.Add(e);
                        }
                        else if (previous is not null && Introduces(previous, stats))
                        {
                            introduced = e;
                        }
                    }
                }
                else if (e.LocalName is not ("li" or "td" or "th" or "pre" or "table" or "p"))
                {
                    stack.Push(e);
                }

                previous = e;
            }
        }

        foreach (var list in found)
        {
            var linkChars = stats[list].LinkChars;
            for (var a = list; a is not null; a = a.ParentElement)
            {
                budget.Tick();
                if (stats.TryGetValue(a, out var sa))
                {
                    sa.LinkChars = Math.Max(0, sa.LinkChars - linkChars);
                }

                if (a == root)
                {
                    break;
                }
            }

            foreach (var link in list.QuerySelectorAll("a").ToList())
            {
                budget.Tick();
                if (stats.TryGetValue(link, out var sl))
                {
                    sl.LinkChars = 0;
                }

                DomEdits.Unwrap(link, budget);
            }
        }

        return found.Count;
    }

    private static bool Introduces(IElement e, ElementStats stats)
    {
        if (e.LocalName != "p" || !stats.TryGetValue(e, out var s) || s.Chars == 0 || s.LinkDensity > MaxProseLinkShare)
        {
            return false;
        }

        var text = e.TextContent.AsSpan().Trim();
        if (text.Length == 0 || text[^1] != ':')
        {
            return false;
        }

        return PlainText.WordCount(text) >= MinIntroWords;
    }

    /// <summary>At least two thirds of the list's items, and two or more, hold this much text beside their links.</summary>
    private const int MinItemOwnChars = 20;

    private static bool ItemsWithText(IElement list, ElementStats stats, ExtractionBudget budget)
    {
        int items = 0, withText = 0;
        foreach (var li in DomEdits.ElementChildren(list, budget))
        {
            if (li.LocalName != "li" || !stats.TryGetValue(li, out var s))
            {
                continue;
            }

            items++;
            withText += s.Chars - s.LinkChars >= MinItemOwnChars ? 1 : 0;
        }

        return withText >= 2 && withText * 3 >= items * 2;
    }

    private static bool GoesOn(IElement e, ElementStats stats)
    {
        var tag = e.LocalName;
        if (HtmlBlockTags.IsSubheading(tag))
        {
            return true;
        }

        return tag is "p" or "blockquote" && stats.TryGetValue(e, out var s) && s.Chars > 0 && s.LinkDensity <= MaxProseLinkShare;
    }
}
