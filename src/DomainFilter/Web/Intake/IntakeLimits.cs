namespace SciCurate.DomainFilter.Web.Intake;

/// <summary>
/// Bounds on what one web record may cost before extraction (config section "Web"). A record beyond one becomes a
/// failed page naming the limit; the input goes on with its next record.
/// </summary>
public sealed record IntakeLimits
{
    public static readonly IntakeLimits Default = new();

    /// <summary>Bytes of one record, JSONL line or HTML file, and of an HTTP body once its content encoding is undone.</summary>
    public long MaxRecordBytes { get; init; } = 64L << 20;

    /// <summary>Decompressed bytes of one .gz input as a whole (a gzip bomb stops here, as one failed page).</summary>
    public long MaxDecompressedBytes { get; init; } = 64L << 30;

    /// <summary>Bytes of one WARC header block.</summary>
    public int MaxHeaderBytes { get; init; } = 1 << 20;
}
