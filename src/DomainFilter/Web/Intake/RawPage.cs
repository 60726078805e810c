namespace SciCurate.DomainFilter.Web.Intake;

/// <summary>One page as a reader found it, before extraction: its bytes (or text) and what the transport said about them.</summary>
public sealed record RawPage
{
    /// <summary>The page's URL; for a loose HTML file without a urls.json entry, its file:// URI.</summary>
    public required string Url { get; init; }

    /// <summary>A short name: the file name without .html/.html.gz, or the URL for WARC and JSONL records.</summary>
    public required string Name { get; init; }

    /// <summary>Where it came from: path plus record offset or line number.</summary>
    public required string Source { get; init; }

    /// <summary>Undecoded body bytes (WARC, HTML files).</summary>
    public byte[]? Body { get; init; }

    /// <summary>Already-decoded text (JSONL).</summary>
    public string? Html { get; init; }

    /// <summary>True when <see cref="Html"/> is plain text, not HTML (a JSONL line with `text`).</summary>
    public bool IsPlainText { get; init; }

    /// <summary>The HTTP Content-Type header, for its charset.</summary>
    public string? ContentType { get; init; }

    public int? HttpStatus { get; init; }

    public DateTimeOffset? FetchTime { get; init; }

    /// <summary>Why the record could not be read; such a page becomes a failed document.</summary>
    public string? Error { get; init; }
}

/// <summary>What a reader saw, beyond the pages it returned.</summary>
public sealed class ReadCounts
{
    public int Records { get; set; }

    public int NonHtmlSkipped { get; set; }

    public int OtherRecordsSkipped { get; set; }

    public int Malformed { get; set; }
}
