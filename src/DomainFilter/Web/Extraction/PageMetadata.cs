namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>What a page says about itself in its head and JSON-LD, read before any cleaning.</summary>
internal sealed record PageMetadata
{
    public string? Title { get; init; }

    /// <summary>Lower-case primary language subtag from html lang, content-language or og:locale.</summary>
    public string? Language { get; init; }

    public DateTimeOffset? Published { get; init; }

    /// <summary>The article text the page states in JSON-LD (articleBody), the last fallback of the chain.</summary>
    public string? StatedBody { get; init; }
}
