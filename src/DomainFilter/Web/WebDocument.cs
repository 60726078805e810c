namespace SciCurate.DomainFilter.Web;

/// <summary>One web page after intake and extraction: the record that flows through the web stages.</summary>
public sealed record WebDocument
{
    /// <summary>SHA-256 (hex) of the normalised URL.</summary>
    public required string DocId { get; init; }

    public required string Url { get; init; }

    /// <summary>The registered domain (eTLD+1) of the URL's host.</summary>
    public required string Domain { get; init; }

    /// <summary>Where the page came from: file path, and record offset or line number.</summary>
    public required string Source { get; init; }

    /// <summary>Ok or Failed after extraction; later stages move it on (see <see cref="WebPageStatus"/>).</summary>
    public required WebPageStatus Status { get; init; }

    public string? Error { get; init; }

    public DateTimeOffset? FetchTime { get; init; }

    public string? Title { get; init; }

    public string? Language { get; init; }

    public double LanguageConfidence { get; init; }

    public DateTimeOffset? Published { get; init; }

    public string Text { get; init; } = "";

    public string Markdown { get; init; } = "";

    /// <summary>The text's quality signals; null when the page failed before they were computed.</summary>
    public Quality.QualitySignals? Signals { get; init; }

    /// <summary>Names of the quality rules the text fails (for example gopher_min_words).</summary>
    public IReadOnlyList<string> FailedRules { get; init; } = [];
}
