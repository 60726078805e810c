using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// The link text of a container counted only where it forms link lists: blocks that are mostly links and hold several
/// links (a menu, a teaser grid, a card grid whose cards are links) or one long link. A landing page's feature card
/// (a heading, a sentence, a short "Learn more" link) is prose with a call to action, not a link list, so its link is
/// not counted, and neither is a link whose text is a sentence (a resource card's description, an example prompt).
/// The sections a landing page's widening adds are judged by this figure instead of by all of their link text.
/// </summary>
internal static class LinkListChars
{
    /// <summary>A block with at least this share of its text in links is a link list...</summary>
    private const double ListLinkDensity = 0.5;

    /// <summary>...when it holds at least this many links with text, or one link with at least <see cref="MinLongLinkChars"/> characters (a teaser).</summary>
    private const int MinListLinks = 2;

    /// <summary>A link's text of at least this many characters ending in a full stop is a sentence.</summary>
    private const int MinSentenceChars = 40;

    /// <summary>A lone link shorter than this is a call to action ("Learn more", "Get started").</summary>
    private const int MinLongLinkChars = 25;

    /// <summary>The link characters of <paramref name="container"/> outside <paramref name="selected"/> that sit in link lists.</summary>
    public static int Added(IElement container, List<IElement> selected, ElementStats stats, ExtractionBudget budget)
    {
        var sum = 0;
        foreach (var c in DomEdits.ElementChildren(container, budget))
        {
            sum += Count(c, selected, stats, budget);
        }

        return sum;
    }

    private static int Count(IElement e, List<IElement> selected, ElementStats stats, ExtractionBudget budget)
    {
        if (!stats.TryGetValue(e, out var s) || s.LinkChars == 0 || selected.Contains(e))
        {
            return 0;
        }

        var holdsSelected = selected.Exists(e.Contains);
        if (!holdsSelected && s.LinkDensity >= ListLinkDensity && IsList(e, s, budget))
        {
            return s.LinkChars;
        }

        if (!holdsSelected && e.LocalName == "a")
        {
            return 0;
        }

        var sum = 0;
        foreach (var c in DomEdits.ElementChildren(e, budget))
        {
            sum += Count(c, selected, stats, budget);
        }

        return sum;
    }

    private static bool IsList(IElement e, ElementStat s, ExtractionBudget budget)
    {
        if (e.LocalName == "a")
        {
            return s.LinkChars >= MinLongLinkChars && !IsSentence(e.TextContent);
        }

        var links = 0;
        var sentences = 0;
        foreach (var a in e.GetElementsByTagName("a"))
        {
            budget.Tick();
            var text = a.TextContent;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            links++;
            if (IsSentence(text))
            {
                sentences++;
            }
        }

        // Links that are sentences (a card's description, an example prompt) are read as prose, not as a list.
        return links - sentences >= MinListLinks || (links - sentences == 1 && sentences == 0 && s.LinkChars >= MinLongLinkChars);
    }

    /// <summary>A link's text that ends as a sentence ends, with at least <see cref="MinSentenceChars"/> characters: a card's description or an example, not a title.</summary>
    private static bool IsSentence(string text)
    {
        var t = text.AsSpan().TrimEnd();
        return t.Length >= MinSentenceChars && t[^1] is '.' or '?' or '!' or '\u3002';
    }
}
