using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// In the chosen content, an element whose whole text is the same as an earlier sibling's is a copy the page's
/// scripts or styles need, not more content: a slider library clones its slides for an endless loop (Slick's
/// <c>slick-cloned</c>, Swiper's duplicates), and a site builder renders one section once per breakpoint (Framer's
/// <c>ssr-variant</c> blocks, shown one at a time by CSS). Readers see it once. Told by structure, not by class names:
/// siblings with the same figures (characters and link characters), then the same text, each a frame of at least two
/// blocks (a slide's heading and paragraph). A single line the page repeats (a training plan's warm-up, a meal plan's
/// breakfast) is content where it stands.
/// Run on the chosen content only, after scoring: removing copies before scoring moved the choice on other pages
/// (WCXB listing and service pages lost more than the copies cost).
/// </summary>
internal static class SiblingCopies
{
    /// <summary>A sibling with less text than this is not taken as a copy (buttons, labels, prices).</summary>
    private const int MinCopyChars = 50;

    /// <summary>
    /// At most this many earlier siblings with the same figures are compared with each later one: a grid of thousands of
    /// equally long rows (codes, dates) is then linear, not quadratic, in its rows.
    /// </summary>
    private const int MaxSameFigures = 8;

    /// <summary>Removes every element under <paramref name="root"/> whose text repeats an earlier sibling's; returns how many went.</summary>
    public static int Remove(IElement root, ElementStats stats, ExtractionBudget budget)
    {
        var remove = new List<IElement>();
        var stack = new Stack<IElement>();
        stack.Push(root);
        var seen = new Dictionary<(int Chars, int LinkChars), List<IElement>>();
        var texts = new Dictionary<IElement, string>(ReferenceEqualityComparer.Instance);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            budget.Tick();
            seen.Clear();
            foreach (var c in DomEdits.ElementChildren(e, budget))
            {
                if (stats.TryGetValue(c, out var s) && s.Chars >= MinCopyChars)
                {
                    var key = (s.Chars, s.LinkChars);
                    if (seen.TryGetValue(key, out var same))
                    {
                        // Text is read only for siblings whose figures already match, so a page reads little of it.
                        if (HoldsBlocks(c, stats, budget) && same.Exists(o => Text(o, texts) == Text(c, texts)))
                        {
                            remove.Add(c);
                            continue;
                        }

                        if (same.Count < MaxSameFigures)
                        {
                            same.Add(c);
                        }
                    }
                    else
                    {
                        seen[key] = [c];
                    }
                }

                stack.Push(c);
            }
        }

        DomEdits.Remove(remove, budget);
        return remove.Count;
    }

    /// <summary>
    /// True when the element is a frame of at least two children holding text (a slide's heading and paragraph), not
    /// one line: a training plan repeats its "warm up" line, a meal plan its breakfast, and each is content where it stands.
    /// </summary>
    private static bool HoldsBlocks(IElement e, ElementStats stats, ExtractionBudget budget)
    {
        // Wrappers of one child are looked through: a slide is often a frame around a frame around its content.
        for (var depth = 0; depth < MaxWrapperDepth; depth++)
        {
            IElement? only = null;
            var blocks = 0;
            foreach (var c in DomEdits.ElementChildren(e, budget))
            {
                if (stats.TryGetValue(c, out var s) && s.Chars > 0)
                {
                    only = c;
                    if (++blocks >= 2)
                    {
                        return true;
                    }
                }
            }

            if (only is null)
            {
                return false;
            }

            e = only;
        }

        return false;
    }

    /// <summary>How many single-child wrappers are looked through for a copy's blocks.</summary>
    private const int MaxWrapperDepth = 8;

    private static string Text(IElement e, Dictionary<IElement, string> texts)
    {
        if (!texts.TryGetValue(e, out var t))
        {
            t = PlainText.Collapse(e.TextContent);
            texts[e] = t;
        }

        return t;
    }
}
