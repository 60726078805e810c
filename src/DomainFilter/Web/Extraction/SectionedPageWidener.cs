using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// A landing, service or product page is a stack of short sections (a hero, features, figures, testimonials, FAQ),
/// and density scoring picks one of them (often the FAQ, the only block of paragraphs). The page itself says where
/// its content is: the HTML5 <c>main</c> landmark (or <c>role="main"</c>), which leaves out the header, menus and
/// footer. When the chosen content holds little of its <c>main</c>'s own text, the content is that <c>main</c>, pruned
/// as a widened article is (link lists inside it go). Article-sized chosen content needs a <c>main</c> of more than
/// twice its text: an article's <c>main</c> adds its comments and teasers, not more of the article.
/// </summary>
internal static class SectionedPageWidener
{
    /// <summary>Chosen content with this much paragraph prose may be an article (as for listings in the extractor)...</summary>
    private const int ArticleProseChars = 1200;

    /// <summary>...and is widened only when it holds less than this share of its main landmark's own (non-link) text,
    /// the share below which the scorer widens an article to the page (an FAQ among a service page's sections)...</summary>
    private const double ArticleBelowShare = 0.5;

    /// <summary>...while shorter chosen content (one section) is widened below this share...</summary>
    private const double SectionBelowShare = 0.8;

    /// <summary>
    /// ...and so is article-sized chosen content that is one of a stack of sections: <c>main</c> has at least this many
    /// other children holding text. A landing page's FAQ or long "why us" block has paragraphs enough for an article,
    /// yet half the page is the hero, features and figures in the sections around it; an article's <c>main</c> holds
    /// the article and a few boxes (title, author, related links).
    /// </summary>
    private const int MinStackedSections = 5;

    /// <summary>A child of <c>main</c> with at least this much text counts as a section of the stack.</summary>
    private const int MinSectionChars = 25;

    /// <summary>The text a stack of sections adds around article-sized content is at most this share links, as for widening an article to the page.</summary>
    private const double MaxStackAddedLinkDensity = 0.2;

    /// <summary>
    /// The text the landmark adds is at most this share links in link lists (<see cref="LinkListChars"/>: a feature
    /// card's short call to action is not counted): a link index does not count as sections. Article-sized chosen
    /// content still counts all the added link text: widening an article to its <c>main</c> is where teasers come in.
    /// </summary>
    private const double MaxAddedLinkDensity = 0.5;

    /// <summary>The chosen content's nearest <c>main</c> landmark when it is to be taken instead, or null.</summary>
    public static IElement? Widen(List<IElement> selected, ElementStats stats, int proseChars, bool thread, ExtractionBudget budget)
    {
        if (thread || selected.Count == 0)
        {
            return null;
        }

        IElement? main = null;
        for (var a = selected[0].ParentElement; a is not null && main is null; a = a.ParentElement)
        {
            budget.Tick();
            if (a.LocalName == "main" || string.Equals(a.GetAttribute("role"), "main", StringComparison.OrdinalIgnoreCase))
            {
                main = a;
            }
        }

        if (main is null || !stats.TryGetValue(main, out var ms))
        {
            return null;
        }

        if (!selected.TrueForAll(main.Contains))
        {
            return null;
        }

        var (selChars, selLinks) = stats.Total(selected);

        var addedChars = ms.Chars - selChars;
        var addedLinks = ms.LinkChars - selLinks;
        var article = proseChars >= ArticleProseChars;
        var listLinks = article ? addedLinks : LinkListChars.Added(main, selected, stats, budget);
        var below = !article ? SectionBelowShare
            : addedLinks <= addedChars * MaxStackAddedLinkDensity && IsStack(main, selected[0], stats, budget) ? SectionBelowShare
            : ArticleBelowShare;
        return selChars - selLinks < (ms.Chars - ms.LinkChars) * below
               && addedChars > 0 && listLinks <= addedChars * MaxAddedLinkDensity
               && !ReadabilityDensityScorer.Repeats(main, selected, budget)
            ? main
            : null;
    }

    /// <summary>True when <paramref name="main"/> has <see cref="MinStackedSections"/> children holding text besides the one that holds <paramref name="chosen"/>.</summary>
    private static bool IsStack(IElement main, IElement chosen, ElementStats stats, ExtractionBudget budget)
    {
        var sections = 0;
        foreach (var c in DomEdits.ElementChildren(main, budget))
        {
            if (stats.TryGetValue(c, out var s) && s.Chars >= MinSectionChars && !c.Contains(chosen) && ++sections >= MinStackedSections)
            {
                return true;
            }
        }

        return false;
    }
}
