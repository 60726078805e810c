using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// The page kind its own markup declares: a schema.org DiscussionForumPosting or QAPage (a thread), or a schema.org Product (JSON-LD <c>@type</c>, microdata <c>itemtype</c>) or
/// an Open Graph <c>og:type</c> of product. Shops declare products for search engines, articles almost never do
/// (on WCXB dev's looked-at half: 40 of 45 product pages, 2 of 332 articles), so no words of the page are guessed at.
/// </summary>
internal sealed partial class DeclaredPageKindClassifier : IPageKindClassifier
{
    /// <summary>JSON-LD larger than this is not searched (a page state dump, not a declaration).</summary>
    private const int MaxJsonLdChars = 1_000_000;

    public PageKind Classify(IDocument document, ExtractionBudget budget) => Classify(DeclaredElements.Find(document), budget);

    public PageKind Classify(DeclaredElements declared, ExtractionBudget budget)
    {
        foreach (var meta in declared.OgTypes)
        {
            budget.Tick();
            if ((meta.GetAttribute("content") ?? "").StartsWith("product", StringComparison.OrdinalIgnoreCase))
            {
                return PageKind.Product;
            }
        }

        var thread = false;
        foreach (var item in declared.ItemTypes)
        {
            budget.Tick();
            var type = item.GetAttribute("itemtype") ?? "";
            if (MicrodataProduct().IsMatch(type))
            {
                return PageKind.Product;
            }

            thread |= MicrodataThread().IsMatch(type);
        }

        foreach (var script in declared.JsonLdScripts)
        {
            budget.Tick();
            var json = script.TextContent;
            if (json.Length <= MaxJsonLdChars && JsonLdProduct().IsMatch(json))
            {
                return PageKind.Product;
            }

            thread |= json.Length <= MaxJsonLdChars && JsonLdThread().IsMatch(json);
        }

        return thread ? PageKind.Thread : PageKind.Other;
    }

    // Forum software declares its threads for search engines (Discourse, XenForo, Stack Exchange); on WCXB dev only
    // forum pages do (65 of its 112 forum pages, no page of another type).
    [GeneratedRegex(@"schema\.org/(DiscussionForumPosting|QAPage)/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MicrodataThread();

    [GeneratedRegex(@"""@type""\s*:\s*\[?\s*""(DiscussionForumPosting|QAPage)""", RegexOptions.CultureInvariant)]
    private static partial Regex JsonLdThread();

    [GeneratedRegex(@"schema\.org/Product(Group)?/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MicrodataProduct();

    // "@type": "Product" or "@type": ["Product", ...]; a Product nested in an ItemList (a shop's category) counts too,
    // which is harmless: such pages' content is their listing, chosen before this matters.
    [GeneratedRegex(@"""@type""\s*:\s*\[?\s*""(Product|ProductGroup)""", RegexOptions.CultureInvariant)]
    private static partial Regex JsonLdProduct();
}
