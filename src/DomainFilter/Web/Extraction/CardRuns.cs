using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// A run of same-template link cards that is most of the chosen content is the content (a listing's items, a
/// collection's products, a service page's feature cards), not navigation. The pruning judges each card alone by its
/// link share, so a card of a title link and a short description went as a link block, one by one. A run is at least
/// <see cref="MinRun"/> element siblings with the same tag and class, each holding a link and
/// <see cref="MinCardChars"/> characters, more than <see cref="MinRunLinkShare"/> links together (a thread's posts are
/// mostly text), and holding at least <see cref="MinContentShare"/> of the chosen content's characters: a related-stories
/// grid after an article is a small part of it. The cards, everything in them and the wrappers above them are kept
/// from the pruning; their template's buttons go (<see cref="CardButtons"/>).
/// Runs on the chosen content only, not on threads.
/// </summary>
internal static class CardRuns
{
    private const int MinRun = 3;
    private const int MinCardChars = 20;
    private const double MinRunLinkShare = 0.2;
    private const double MinContentShare = 0.5;

    /// <summary>Adds the cards of the largest qualifying run under <paramref name="root"/> (and their descendants) to <paramref name="keep"/>; returns how many cards.</summary>
    public static int Keep(IElement root, ElementStats stats, bool thread, HashSet<IElement> keep, ExtractionBudget budget)
    {
        if (thread || !stats.TryGetValue(root, out var rs) || rs.Chars == 0)
        {
            return 0;
        }

        List<IElement>? best = null;
        var bestChars = 0;
        foreach (var cards in SiblingGroups.Under(root, stats, (_, s) => s.Chars >= MinCardChars && s.LinkChars > 0, budget))
        {
            if (cards.Count < MinRun)
            {
                continue;
            }

            int chars = 0, links = 0;
            foreach (var card in cards)
            {
                chars += stats[card].Chars;
                links += stats[card].LinkChars;
            }

            if (chars > bestChars && links > chars * MinRunLinkShare)
            {
                best = cards;
                bestChars = chars;
            }
        }

        if (best is null || bestChars < rs.Chars * MinContentShare)
        {
            return 0;
        }

        // The wrappers between the run and the chosen content stay too: the pruning drops a subtree at its top.
        for (var a = best[0].ParentElement; a is not null && a != root && keep.Add(a); a = a.ParentElement)
        {
            budget.Tick();
        }

        CardButtons.Remove(best, budget);

        foreach (var card in best)
        {
            keep.Add(card);
            foreach (var d in card.QuerySelectorAll("*"))
            {
                budget.Tick();
                keep.Add(d);
            }
        }

        return best.Count;
    }
}
