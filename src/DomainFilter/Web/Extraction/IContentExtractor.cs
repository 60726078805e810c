namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>Finds the main content of an HTML page and drops the boilerplate around it.</summary>
public interface IContentExtractor
{
    /// <summary>CPU work, synchronous; honours <paramref name="ct"/> between phases and inside the tree walks.</summary>
    ExtractedContent Extract(string html, Uri? url, CancellationToken ct = default);
}
