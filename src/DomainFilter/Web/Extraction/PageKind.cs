namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>What a page says it is, where that changes what its main content is.</summary>
internal enum PageKind
{
    /// <summary>An article, thread, document, listing or anything not declared otherwise.</summary>
    Other,

    /// <summary>One product's page: its reviews are reader comments, not the product's description.</summary>
    Product,

    /// <summary>A discussion (schema.org DiscussionForumPosting or QAPage): its posts quote and sign one another.</summary>
    Thread,
}
