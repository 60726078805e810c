using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// The button of a card template ("Learn more", "Read more", "Add to cart"): a link or button of at most
/// <see cref="MaxWords"/> words whose text is the same on every card of a run of <see cref="MinCards"/> or more, its
/// links leading to as many places as there are cards. What differs from card to card is the card's content (its
/// title, its price, its description); a control said the same way on every card, each leading to its own card's
/// item, is the template's. A link of one text to one place on several cards names a shared thing (the author of every
/// story, the topic, a user mentioned in several posts) and stays; so does a text label that is not a link or button
/// ("Free shipping", "Weight:"), and a link on some cards only (a product's colour swatches).
/// </summary>
internal static class CardButtons
{
    private const int MaxWords = 3;
    private const int MinCards = 3;

    /// <summary>Removes the repeated buttons of <paramref name="cards"/>; returns how many elements went.</summary>
    public static int Remove(IReadOnlyList<IElement> cards, ExtractionBudget budget)
    {
        if (cards.Count < MinCards)
        {
            return 0;
        }

        var byText = new Dictionary<string, List<IElement>>(StringComparer.OrdinalIgnoreCase);
        var cardsWith = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var card in cards)
        {
            seen.Clear();
            foreach (var b in card.QuerySelectorAll("a, button"))
            {
                budget.Tick();
                var text = PlainText.Collapse(b.TextContent);
                var words = PlainText.WordCount(text);
                if (words == 0 || words > MaxWords)
                {
                    continue;
                }

                if (!byText.TryGetValue(text, out var list))
                {
                    byText[text] = list = [];
                }

                list.Add(b);
                if (seen.Add(text))
                {
                    cardsWith[text] = cardsWith.GetValueOrDefault(text) + 1;
                }
            }
        }

        var drop = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (text, n) in cardsWith)
        {
            if (n < cards.Count)
            {
                continue;
            }

            // Links of one text to one place on several cards name a shared thing (the author of every story, the
            // topic, a user mentioned in several posts): content. The button leads to each card's own item, so its
            // links go to as many places as there are cards holding it.
            targets.Clear();
            var links = 0;
            foreach (var b in byText[text])
            {
                if (b.LocalName == "a")
                {
                    links++;
                    targets.Add(b.GetAttribute("href") ?? "");
                }
            }

            if (links == 0 || targets.Count >= n)
            {
                drop.UnionWith(byText[text]);
            }
        }

        // A button inside another removed one goes with it.
        var remove = drop.Where(b => b.ParentElement?.Closest("a, button") is not { } outer || !drop.Contains(outer)).ToList();
        DomEdits.Remove(remove, budget);
        return remove.Count;
    }
}
