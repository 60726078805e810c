using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// The elements in which a page declares what it is (JSON-LD, meta, microdata, dates), found in one walk of the
/// document for both the metadata reader and the kind classifier: each walked the whole tree for its own three or four
/// queries, back to back on the same parsed page. Each list is what <c>QuerySelectorAll</c> of its selector returns,
/// in document order (<see cref="SelectorGroup"/>).
/// </summary>
internal sealed record DeclaredElements(
    List<IElement> JsonLdScripts,
    List<IElement> Metas,
    List<IElement> DatePublished,
    List<IElement> TimesWithDatetime,
    List<IElement> OgTypes,
    List<IElement> ItemTypes)
{
    private static readonly SelectorGroup Queries = new(
        "script[type='application/ld+json']", "meta", "[itemprop='datePublished']", "time[datetime]",
        "meta[property='og:type']", "[itemtype]");

    public static DeclaredElements Find(IDocument document)
    {
        var found = Queries.Select(document);
        return new DeclaredElements(found[0], found[1], found[2], found[3], found[4], found[5]);
    }
}
