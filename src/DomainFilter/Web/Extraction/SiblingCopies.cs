using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// A block whose text is the same as an earlier sibling's, word for word: the same content printed again for another
/// screen size (a site builder's per-breakpoint variants, of which the style sheet shows one) or a carousel's cloned
/// slides. The page says it once; the copies tripled an article's text and, scored as three equal candidates, moved
/// the choice to their common wrapper. Only the first copy stays. Siblings are compared by their measured figures
/// first (text, link text, commas), and their text only when those agree; short blocks (a repeated "Read more", a
/// price shown twice) are left to the other rules, and so is a single paragraph said again (see <see cref="HoldsBlocks"/>).
/// </summary>
internal static class SiblingCopies
{
    /// <summary>A copy holds at least this many characters of text: a paragraph or more, not a label or a button.</summary>
    internal const int MinChars = 100;

    /// <summary>Removes every element whose text repeats an earlier sibling's; returns how many went.</summary>
    public static int Remove(ElementStats stats, ExtractionBudget budget)
    {
        List<IElement>? copies = null;
        var seen = new Dictionary<(string Tag, int Chars, int Links, int Commas), IElement>();
        foreach (var (parent, ps) in stats)
        {
            budget.Tick();
            if (ps.Chars < 2 * MinChars || parent.ChildElementCount < 2)
            {
                continue;
            }

            seen.Clear();
            foreach (var c in DomEdits.ElementChildren(parent, budget))
            {
                if (!stats.TryGetValue(c, out var cs) || cs.Chars < MinChars || !HoldsBlocks(c))
                {
                    continue;
                }

                var key = (c.LocalName, cs.Chars, cs.LinkChars, cs.Commas);
                if (seen.TryGetValue(key, out var first) && SameText(first, c))
                {
                    (copies ??= []).Add(c);
                }
                else
                {
                    seen.TryAdd(key, c);
                }
            }
        }

        if (copies is null)
        {
            return 0;
        }

        // A copy inside another copy goes with it.
        var set = new HashSet<IElement>(copies, ReferenceEqualityComparer.Instance);
        var outer = copies.Where(c => !DomEdits.HasAncestorIn(c.ParentElement, set, budget)).ToList();
        DomEdits.Remove(outer, budget);
        return outer.Count;
    }

    /// <summary>
    /// A part of the page (a block of blocks), not one paragraph: a text that says the same sentence again under
    /// another heading (a meal plan's breakfast on each day) repeats it on purpose.
    /// </summary>
    private static bool HoldsBlocks(IElement e)
    {
        for (var c = e.FirstElementChild; c is not null; c = c.NextElementSibling)
        {
            if (HtmlBlockTags.Contains(c.LocalName))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameText(IElement a, IElement b) =>
        string.Equals(PlainText.Collapse(a.TextContent), PlainText.Collapse(b.TextContent), StringComparison.Ordinal);
}
