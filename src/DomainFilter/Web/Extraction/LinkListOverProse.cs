using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// A slider of teasers (a carousel whose cards are only links: a linked image and title each, no text of their own
/// outside the link) does not replace chosen content that is prose: paragraphs that end sentences and hold most of its
/// text, with few links. The slider is the page's navigation to other pages, however much text its titles add up to.
/// A link-only grid that is not a carousel still replaces prose: a collection page's intro above its grid of linked
/// cards reads as prose too, and its grid is the content.
/// </summary>
internal static partial class LinkListOverProse
{
    /// <summary>The listing's text is links to at least this share: its items have no text of their own.</summary>
    internal const double MinListingLinkDensity = 0.9;

    /// <summary>The chosen content's text is links to at most this share.</summary>
    internal const double MaxProseLinkDensity = 0.2;

    /// <summary>The chosen content holds at least this many paragraphs that end a sentence.</summary>
    internal const int MinSentenceParagraphs = 2;

    /// <summary>True when <paramref name="listing"/> must not replace <paramref name="selected"/>.</summary>
    public static bool Keeps(List<IElement> selected, IElement listing, ElementStats stats, ExtractionBudget budget)
    {
        var (chars, links) = stats.Total(selected);
        if (!stats.TryGetValue(listing, out var ls) || ls.LinkDensity < MinListingLinkDensity
            || chars == 0 || links > MaxProseLinkDensity * chars || !InSlider(listing, selected, budget))
        {
            return false;
        }

        int paragraphs = 0, prose = 0;
        var stack = new Stack<IElement>(selected);
        while (stack.Count > 0)
        {
            budget.Tick();
            var e = stack.Pop();
            if (e.LocalName == "p")
            {
                if (stats.TryGetValue(e, out var s) && PlainText.EndsSentence(e.TextContent))
                {
                    paragraphs++;
                    prose += s.Chars - s.LinkChars;
                }

                continue;
            }

            foreach (var c in DomEdits.ElementChildren(e, budget))
            {
                // A paragraph inside a link is a card's teaser, not the page's prose.
                if (c.LocalName != "a")
                {
                    stack.Push(c);
                }
            }
        }

        return paragraphs >= MinSentenceParagraphs && 2 * prose >= chars;
    }

    /// <summary>
    /// The listing, or an ancestor of it below the nearest one that also holds the chosen content, is named as a
    /// carousel (slider, swiper, slick, owl, glide, splide, flickity).
    /// </summary>
    private static bool InSlider(IElement listing, List<IElement> selected, ExtractionBudget budget)
    {
        for (var a = listing; a is not null && a.LocalName != "body"; a = a.ParentElement)
        {
            budget.Tick();
            if (selected.Exists(s => a.Contains(s)))
            {
                return false;
            }

            var name = $"{a.GetAttribute("class")} {a.Id}";
            if (name.Length <= MaxNameChars && SliderNames().IsMatch(name))
            {
                return true;
            }
        }

        return false;
    }

    private const int MaxNameChars = 1000;

    [GeneratedRegex(@"(^|[\s_-])(slider|bxslider|carousel|swiper|slick|owl|glide|splide|flickity)([\s_-]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SliderNames();
}
