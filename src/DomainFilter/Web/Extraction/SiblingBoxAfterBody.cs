using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// A box beside the article that the scorer took with it as a sibling: an author's bio, a sign-up or membership call
/// placed after the body in a wrapper of its own. The scorer takes a short run of prose next to the chosen container
/// (an article's last paragraph set apart), and <see cref="ArticleEnd"/> never sees such a box as trailing, because
/// each chosen node is cleaned alone. Told by structure, as ArticleEnd tells a trailing block: when one chosen node
/// (the body) holds most of the chosen text and speaks in paragraphs, a chosen wrapper block after it that is short,
/// holds at most two paragraphs and is not the body's template, a table, a text list or one of a run of one template,
/// is not the article's. Chosen nodes before the body (an intro set apart) and bare paragraphs stay. A chosen grid of
/// other pages' teasers (<see cref="TeaserRuns"/>) after the body goes at any length up to half the body's, with no
/// share of the text asked of the body: it is told by its cards' shape, not by being small.
/// </summary>
internal static class SiblingBoxAfterBody
{
    /// <summary>
    /// The body holds at least this share of the chosen content's own (non-link) text, and is an article as
    /// <see cref="ArticleEnd"/> has it: at least <see cref="ArticleEnd.MinProseChars"/> of that text in at least
    /// <see cref="ArticleEnd.MinParagraphs"/> paragraphs.
    /// </summary>
    private const double BodyShare = 0.8;

    /// <summary>
    /// A box after the body goes when it is at most <see cref="ArticleEnd.MaxBlockChars"/> long and holds at most this
    /// many paragraphs: a bio's name line and its text, a call's pitch and its ask (1 was
    /// run 1; 2 took eight more looked-at WCXB bios and calls, none down, and both held-out halves rose).
    /// </summary>
    private const int MaxBoxParagraphs = 2;

    /// <summary>A grid of other pages' teasers (<see cref="TeaserRuns"/>) after the body goes up to this share of the body's own text.</summary>
    private const double MaxTeaserShare = 0.5;

    /// <summary><paramref name="selected"/> (in document order) without the short boxes after its body, or unchanged.</summary>
    public static List<IElement> Drop(List<IElement> selected, ElementStats stats, bool thread, ExtractionBudget budget)
    {
        // A thread's replies follow its first post by design, however short they are.
        if (thread || selected.Count < 2)
        {
            return selected;
        }

        var bodyAt = -1;
        int bodyOwn = 0, total = 0;
        for (var i = 0; i < selected.Count; i++)
        {
            budget.Tick();
            var own = stats.TryGetValue(selected[i], out var s) ? s.Chars - s.LinkChars : 0;
            total += own;
            if (own > bodyOwn)
            {
                bodyOwn = own;
                bodyAt = i;
            }
        }

        if (bodyAt < 0 || bodyAt == selected.Count - 1 || bodyOwn < ArticleEnd.MinProseChars
            || stats[selected[bodyAt]].Paragraphs < ArticleEnd.MinParagraphs)
        {
            return selected;
        }

        // A short box goes only beside a body holding most of the text; a grid of other pages' teasers at any share
        // up to half the body's own length.
        var shortBoxes = bodyOwn >= total * BodyShare;

        var body = selected[bodyAt];
        List<IElement>? kept = null;
        for (var i = bodyAt + 1; i < selected.Count; i++)
        {
            var e = selected[i];
            if ((shortBoxes && IsBox(e, body, stats, budget)) || IsTeaserGrid(e, body, bodyOwn, stats, budget))
            {
                kept ??= selected.GetRange(0, i);
            }
            else
            {
                kept?.Add(e);
            }
        }

        return kept ?? selected;
    }

    private static bool IsTeaserGrid(IElement e, IElement body, int bodyOwn, ElementStats stats, ExtractionBudget budget) =>
        ArticleEnd.IsWrapperBlock(e) && stats.TryGetValue(e, out var s) && s.Chars <= bodyOwn * MaxTeaserShare
        && !ArticleEnd.SameTemplate(e, body) && TeaserRuns.Is(e, stats, budget);

    private static bool IsBox(IElement e, IElement body, ElementStats stats, ExtractionBudget budget) =>
        ArticleEnd.IsWrapperBlock(e)
        && stats.TryGetValue(e, out var s) && s.Chars <= ArticleEnd.MaxBlockChars && s.Paragraphs <= MaxBoxParagraphs
        && !ArticleEnd.SameTemplate(e, body) && !ArticleEnd.IsArticlePart(e, s, budget);
}
