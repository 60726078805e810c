using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// What a template adds after an article's text: the author's bio, a newsletter or membership call, a disclosure,
/// "you may also like" teasers, a rating widget. An article's paragraphs are children of one container (the body);
/// what follows the body is the template's, not the article's, and so is a wrapper block (div, section, aside, form)
/// placed after the body's last paragraph. Found by structure, not by words: the body is the deepest element holding
/// most of the content's prose paragraphs. A following block of the body's own tag and class continues it (an article
/// cut into parts), and nothing goes when the blocks after the body would hold more than half as much as its prose.
/// A block after the body that is a grid of other pages' teasers (<see cref="TeaserRuns"/>) goes at any length.
/// </summary>
internal static class ArticleEnd
{
    /// <summary>An article has at least this many prose paragraphs (also <see cref="PictureCaptions"/>' and <see cref="SiblingBoxAfterBody"/>'s test)...</summary>
    internal const int MinParagraphs = 3;

    /// <summary>...holding this many characters together.</summary>
    internal const int MinProseChars = 1000;

    /// <summary>A paragraph with this share of links or more is not the article's prose.</summary>
    private const double MaxParagraphLinkShare = 0.5;

    /// <summary>The body holds at least this share of the prose paragraphs' text.</summary>
    private const double BodyShare = 0.8;

    /// <summary>
    /// A block after the body goes when it is at most this long and holds at most one prose paragraph: a bio, a call
    /// to the reader or a disclosure is short; a FAQ, a buying guide or a recipe card set apart from the body is not.
    /// </summary>
    internal const int MaxBlockChars = 600;

    /// <summary>A list of at least this many items, mostly text, is the article's (a spec list, steps).</summary>
    private const int MinListItems = 3;

    /// <summary>Nothing goes when what follows the body holds more than this share of the prose's length.</summary>
    private const double MaxTailShare = 0.5;

    /// <summary>As <see cref="Remove"/>, except in a thread, whose replies follow the first post by design.</summary>
    public static int RemoveUnlessThread(IElement root, ElementStats stats, bool thread, ExtractionBudget budget) =>
        thread ? 0 : Remove(root, stats, budget);

    /// <summary>Removes the blocks after the article's body under <paramref name="root"/>; returns how many went.</summary>
    public static int Remove(IElement root, ElementStats stats, ExtractionBudget budget)
    {
        // Each prose paragraph's length is added to its ancestors below the root.
        var held = new Dictionary<IElement, int>(ReferenceEqualityComparer.Instance);
        var count = new Dictionary<IElement, int>(ReferenceEqualityComparer.Instance);
        int prose = 0, paragraphs = 0;
        foreach (var p in root.GetElementsByTagName("p"))
        {
            budget.Tick();
            if (!IsProse(p, stats))
            {
                continue;
            }

            var chars = stats[p].Chars;
            prose += chars;
            paragraphs++;
            for (var a = p.ParentElement; a is not null && a != root; a = a.ParentElement)
            {
                budget.Tick();
                held[a] = held.GetValueOrDefault(a) + chars;
                count[a] = count.GetValueOrDefault(a) + 1;
            }
        }

        if (paragraphs < MinParagraphs || prose < MinProseChars)
        {
            return 0;
        }

        var body = root;
        for (var next = Holder(body, held, prose, budget); next is not null; next = Holder(body, held, prose, budget))
        {
            body = next;
        }

        var tail = new List<IElement>();
        var tailChars = 0;
        void Add(IElement e)
        {
            var chars = stats.TryGetValue(e, out var s) ? s.Chars : 0;
            if ((chars <= MaxBlockChars && count.GetValueOrDefault(e) + (e.LocalName == "p" && IsProse(e, stats) ? 1 : 0) <= 1
                 && !IsArticlePart(e, s, budget))
                || (IsWrapperBlock(e) && TeaserRuns.Is(e, stats, budget)))
            {
                tail.Add(e);
                tailChars += chars;
            }
        }

        // Inside the body: wrapper blocks after its last paragraph, when the body speaks in paragraphs of its own.
        IElement? last = null;
        var own = 0;
        foreach (var c in DomEdits.ElementChildren(body, budget))
        {
            if (c.LocalName == "p" && IsProse(c, stats))
            {
                last = c;
                own++;
            }
        }

        if (own >= MinParagraphs)
        {
            for (var c = last!.NextElementSibling; c is not null; c = c.NextElementSibling)
            {
                budget.Tick();
                if (IsWrapperBlock(c))
                {
                    Add(c);
                }
            }
        }

        // Outside it: every block after the body and after each of its wrappers, up to the root.
        for (var a = body; a != root && a.ParentElement is not null; a = a.ParentElement)
        {
            for (var s = a.NextElementSibling; s is not null; s = s.NextElementSibling)
            {
                budget.Tick();
                if (!SameTemplate(s, a))
                {
                    Add(s);
                }
            }
        }

        if (tail.Count == 0 || tailChars > prose * MaxTailShare)
        {
            return 0;
        }

        DomEdits.Remove(tail, budget);
        return tail.Count;
    }

    /// <summary>
    /// A short block that is still the article's: a table, a list of text (a spec list, steps), or one of a run of
    /// blocks of one template (a FAQ's questions, a feature list set as cards). A template's own additions after the
    /// text (a bio, a sign-up call, a disclosure) each come once and in their own form.
    /// </summary>
    internal static bool IsArticlePart(IElement e, ElementStat? s, ExtractionBudget budget)
    {
        budget.Tick();
        if (s is not null && s.ListItems >= MinListItems && s.LinkDensity < MaxParagraphLinkShare)
        {
            return true;
        }

        if (e.LocalName == "table" || e.QuerySelector("table") is not null)
        {
            return true;
        }

        return (e.PreviousElementSibling is { } before && SameTemplate(before, e))
               || (e.NextElementSibling is { } after && SameTemplate(after, e));
    }

    /// <summary>A block a template wraps its own additions in (not a paragraph, list or table of the text).</summary>
    internal static bool IsWrapperBlock(IElement e) => e.LocalName is "div" or "section" or "aside" or "form" or "footer" or "center";

    private static bool IsProse(IElement p, ElementStats stats) =>
        stats.TryGetValue(p, out var s) && s.Chars > 0 && s.LinkDensity < MaxParagraphLinkShare;

    /// <summary>The child of <paramref name="e"/> holding the body's share of the prose, if one does.</summary>
    private static IElement? Holder(IElement e, Dictionary<IElement, int> held, int prose, ExtractionBudget budget)
    {
        foreach (var c in DomEdits.ElementChildren(e, budget))
        {
            if (held.TryGetValue(c, out var h) && h >= prose * BodyShare)
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>A block of the same tag and class as the body (or its wrapper) continues it.</summary>
    internal static bool SameTemplate(IElement a, IElement b) =>
        a.LocalName == b.LocalName && string.Equals(a.GetAttribute("class"), b.GetAttribute("class"), StringComparison.Ordinal);
}
