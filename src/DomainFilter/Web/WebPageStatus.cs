namespace SciCurate.DomainFilter.Web;

/// <summary>What became of a web page. Extraction gives Ok or Failed; the domain judge Kept, Dropped, RewritePending,
/// Rewritten (or Failed, when a rewrite is refused); the duplicate checks Duplicate and NearDuplicate.</summary>
public enum WebPageStatus
{
    Ok,
    Failed,

    /// <summary>Same URL as a page already extracted (no text kept), or the same words as a kept page.</summary>
    Duplicate,

    /// <summary>Nearly the same words as a kept page (MinHash).</summary>
    NearDuplicate,
    Kept,
    Dropped,

    /// <summary>Its domain is to be rewritten, and no rewrite is stored yet (no endpoint, or the endpoint was in trouble).</summary>
    RewritePending,
    Rewritten,
}
