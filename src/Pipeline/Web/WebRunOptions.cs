using SciCurate.DomainFilter.Web.Intake;

namespace SciCurate.Pipeline.Web;

/// <summary>The "Web" configuration section.</summary>
public sealed class WebRunOptions
{
    /// <summary>A page whose extraction takes longer becomes a failed row (default 30 s).</summary>
    public int PageTimeoutSeconds { get; set; } = 30;

    /// <summary>One WARC record, JSONL line or HTML file, and one HTTP body once decoded, at most this large (else a failed row).</summary>
    public int MaxRecordMegabytes { get; set; } = 32;

    /// <summary>A .gz web input decompresses to at most this much in all (a gzip bomb ends its input with a failed row).</summary>
    public int MaxDecompressedMegabytes { get; set; } = 65536;

    /// <summary>A page with more tags than this is failed before extraction (a page of millions of elements).</summary>
    public int MaxElements { get; set; } = 100_000;

    /// <summary>Bytes of pages held in memory for one parallel batch.</summary>
    public int BatchMegabytes { get; set; } = 128;

    public IntakeLimits Limits => new()
    {
        MaxRecordBytes = MaxRecordMegabytes * 1024L * 1024L,
        MaxDecompressedBytes = MaxDecompressedMegabytes * 1024L * 1024L,
    };

    public IEnumerable<string> Validate(string section)
    {
        if (PageTimeoutSeconds < 1)
        {
            yield return $"{section}:PageTimeoutSeconds must be at least 1";
        }

        if (MaxRecordMegabytes is < 1 or > 1024)
        {
            yield return $"{section}:MaxRecordMegabytes must be between 1 and 1024";
        }

        if (MaxDecompressedMegabytes < MaxRecordMegabytes)
        {
            yield return $"{section}:MaxDecompressedMegabytes must be at least Web:MaxRecordMegabytes";
        }

        if (MaxElements < 1000)
        {
            yield return $"{section}:MaxElements must be at least 1000";
        }

        if (BatchMegabytes < MaxRecordMegabytes)
        {
            yield return $"{section}:BatchMegabytes must be at least Web:MaxRecordMegabytes";
        }
    }
}
