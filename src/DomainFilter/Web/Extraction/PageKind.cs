namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>What a page says it is, where that changes what its main content is.</summary>
internal enum PageKind
{
    /// <summary>A thread, document, listing or anything not declared otherwise.</summary>
    Other,

    /// <summary>One article (news, blog post) by its schema.org type: a grid of teasers below it is not its content.</summary>
    Article,

    /// <summary>One product's page: its reviews are reader comments, not the product's description.</summary>
    Product,
}
