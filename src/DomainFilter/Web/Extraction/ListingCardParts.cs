using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// The parts of a shop grid's cards that the site names like boilerplate: an eBay card's <c>signals__header</c>
/// (condition, seller), a colour swatch row named <c>swatch-wrapper hidden</c> until a script lays it out, a product's
/// <c>rating</c>. On a page such names mark a page header or a hidden menu; repeated in the same place of most cards of
/// the page's grid they are what each card says about its product. They are marked (<see cref="RepeatedTemplates.Mark"/>)
/// before cleaning by name, so that cleaning keeps them and scoring and pruning give their class words no weight, as
/// for a template's copies. Only priced grids of linked cards: a story list's dates, sources and "view profile" lines
/// are the site's furniture around each headline (measured: keeping them lowered WCXB's listing pages), a thread's
/// posts are text, not linked cards. Text for screen readers only stays out.
/// </summary>
internal static partial class ListingCardParts
{
    /// <summary>
    /// Marks, inside the cards (element children) of <paramref name="listing"/>, every boilerplate-named element whose
    /// tag and class recur in at least half of the cards and in <see cref="RepeatedTemplates.MinCopies"/> or more, when
    /// the listing is over a third links, not itself named as boilerplate, and at least half its cards state a price.
    /// Returns how many were marked.
    /// </summary>
    public static int Mark(IElement listing, ElementStats stats, int maxAttributeChars, ExtractionBudget budget)
    {
        // Cards that link to their items (a title, a product), in a grid not itself named as a menu: a thread's
        // posts and answers are text, and their names (comment, author, meta) keep their meaning there.
        if (!stats.TryGetValue(listing, out var ls) || ls.LinkDensity <= ReadabilityDensityScorer.PruneLinkDensity
            || BoilerplateNames.Of(listing, maxAttributeChars) is { Length: > 0 } own && BoilerplateNames.IsNegative(own))
        {
            return 0;
        }

        var cards = new List<IElement>();
        foreach (var c in DomEdits.ElementChildren(listing, budget))
        {
            if (stats.TryGetValue(c, out var s) && s.Chars > 0)
            {
                cards.Add(c);
            }
        }

        if (cards.Count < RepeatedTemplates.MinCopies)
        {
            return 0;
        }

        // A shop's grid: most cards state a price. What a product card shows (condition, colours, shipping, rating)
        // is that product's record; a story list's dates and sources around each headline are the site's furniture.
        var priced = 0;
        foreach (var card in cards)
        {
            budget.Tick();
            priced += Price().IsMatch(card.TextContent) ? 1 : 0;
        }

        if (priced * 2 < cards.Count)
        {
            return 0;
        }

        // In how many cards each part (tag and class) occurs, a card counted once however often it repeats the part.
        var inCards = new Dictionary<(string Tag, string Class), int>();
        var seen = new HashSet<(string Tag, string Class)>();
        foreach (var card in cards)
        {
            seen.Clear();
            foreach (var part in card.QuerySelectorAll("[class]"))
            {
                budget.Tick();
                if (Key(part, maxAttributeChars) is { } key && seen.Add(key))
                {
                    inCards[key] = inCards.GetValueOrDefault(key) + 1;
                }
            }
        }

        var min = Math.Max(RepeatedTemplates.MinCopies, (cards.Count + 1) / 2);
        var marked = 0;
        foreach (var card in cards)
        {
            foreach (var part in card.QuerySelectorAll("[class]"))
            {
                budget.Tick();
                if (Key(part, maxAttributeChars) is { } key && inCards.GetValueOrDefault(key) >= min
                    && BoilerplateNames.Of(part, maxAttributeChars) is { Length: > 0 } names && BoilerplateNames.IsNegative(names)
                    && !BoilerplateNames.IsComment(names) && !ScreenReaderOnly().IsMatch(names))
                {
                    part.SetAttribute(RepeatedTemplates.Mark, "");
                    marked++;
                }
            }
        }

        return marked;
    }

    /// <summary>Text for screen readers only (<c>sr-only</c>, <c>visually-hidden</c>): not shown on the card.</summary>
    [GeneratedRegex(@"sr-only|screen-reader|visually-hidden|visuallyhidden", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScreenReaderOnly();

    /// <summary>An amount with a currency sign or code before or after it ($12.95, 12,95 €, USD 55.25).</summary>
    [GeneratedRegex(@"[$€£¥₹]\s?\d|\d\s?[$€£¥₹]|\b(USD|EUR|GBP|CAD|AUD|CHF|JPY|INR|SEK|NOK|DKK|PLN|CZK)\s?\d|\d\s?(USD|EUR|GBP|zł|kr|Kč)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Price();

    private static (string Tag, string Class)? Key(IElement e, int maxAttributeChars) =>
        e.GetAttribute("class") is { Length: > 0 } cls && cls.Length <= maxAttributeChars ? (e.LocalName, cls) : null;
}
