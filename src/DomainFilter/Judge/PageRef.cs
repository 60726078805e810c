using SciCurate.DomainFilter.Web;

namespace SciCurate.DomainFilter.Judge;

/// <summary>
/// The little the grouping and sampling steps need of a page, so that a crawl of millions of pages is grouped
/// without holding its texts: id, URL, domain, and a quality value in [0, 1].
/// </summary>
public sealed record PageRef(string DocId, string Url, string Domain, double Quality)
{
    /// <summary>A page's quality from the names of the quality rules it fails: 1 with none, less per failed rule.</summary>
    public static double QualityOf(int failedRules) => 1.0 / (1.0 + failedRules);

    public static PageRef Of(WebDocument page) => new(page.DocId, page.Url, page.Domain, QualityOf(page.FailedRules.Count));
}
