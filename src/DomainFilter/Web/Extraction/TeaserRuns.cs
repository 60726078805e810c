using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// A grid of other pages' teasers after an article: each card a title and a sentence or two summarising another page,
/// with one link to that page, either on its title or as a trailing "read more". Such grids carry few link characters
/// (the summary is plain text, the title often a heading with the link elsewhere), so neither the link share of the
/// pruning nor <see cref="CardRuns"/> tells them; what does is the shape of each card: short, one or two links to another
/// page, and those links either open the card's text (the title) or close it (the "more" link). A FAQ's or a buying
/// guide's sections are runs of one template too, but their titles are not links to other pages, and their answers
/// are not cut to a summary. Only a block after an article's body is judged (<see cref="ArticleEnd"/>,
/// <see cref="SiblingBoxAfterBody"/>); a grid that is most of the content stays by their share limits.
/// </summary>
internal static class TeaserRuns
{
    /// <summary>A run is at least this many same-template siblings...</summary>
    private const int MinRun = 3;

    /// <summary>...each of at most this many characters (a title and a summary, not a section)...</summary>
    private const int MaxCardChars = 400;

    /// <summary>...and at least this many outside its links (a summary, or a title not set as a link)...</summary>
    private const int MinCardTextChars = 15;

    /// <summary>...with at most this many links to other pages...</summary>
    private const int MaxCardLinks = 2;

    /// <summary>...and the run holds at least this share of the block's characters.</summary>
    private const double MinBlockShare = 0.6;

    /// <summary>Whether <paramref name="block"/> is mostly a run of teaser cards for other pages.</summary>
    public static bool Is(IElement block, ElementStats stats, ExtractionBudget budget)
    {
        if (!stats.TryGetValue(block, out var bs) || bs.Chars == 0)
        {
            return false;
        }

        foreach (var cards in SiblingGroups.Under(block, stats, (_, _) => true, budget))
        {
            if (cards.Count >= MinRun && cards.Sum(c => stats[c].Chars) >= bs.Chars * MinBlockShare
                && cards.TrueForAll(c => IsTeaser(c, stats[c], budget)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A card of a title and a short summary whose only links lead to another page, opening or closing its text.</summary>
    private static bool IsTeaser(IElement card, ElementStat s, ExtractionBudget budget)
    {
        if (s.Chars > MaxCardChars || s.Chars - s.LinkChars < MinCardTextChars)
        {
            return false;
        }

        var links = card.LocalName == "a" ? [card] : card.QuerySelectorAll("a[href]").ToList();
        if (links.Count is 0 or > MaxCardLinks)
        {
            return false;
        }

        var text = PlainText.Collapse(card.TextContent);
        foreach (var a in links)
        {
            budget.Tick();
            var href = a.GetAttribute("href")?.Trim() ?? "";
            if (href.Length == 0 || href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
                || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var label = PlainText.Collapse(a.TextContent);
            if (label.Length > 0 && !text.StartsWith(label, StringComparison.Ordinal) && !text.EndsWith(label, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
