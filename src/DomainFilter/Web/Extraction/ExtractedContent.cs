namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>The main content of one page, as plain text and Markdown, with what the page says about itself.</summary>
public sealed record ExtractedContent
{
    public string Text { get; init; } = "";

    public string Markdown { get; init; } = "";

    public string? Title { get; init; }

    /// <summary>The language the page declares (html lang, content-language), lower-case primary subtag.</summary>
    public string? DeclaredLanguage { get; init; }

    public DateTimeOffset? Published { get; init; }

    /// <summary>Why the extractor cut the work short (input truncated, element budget spent), or null.</summary>
    public string? Limited { get; init; }
}
