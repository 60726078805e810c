namespace SciCurate.Pipeline.Export;

/// <summary>Which documents `curate export` writes.</summary>
public sealed class ExportFilter
{
    /// <summary>Also PDFs with VLM-pending pages and web pages awaiting a rewrite (rewrite_pending) or a verdict (ok).</summary>
    public bool IncludePending { get; init; }

    public long MinTokens { get; init; }

    /// <summary>Languages to keep; null keeps all.</summary>
    public IReadOnlySet<string>? Languages { get; init; }

    /// <summary>all | pdf | web.</summary>
    public string Kind { get; init; } = "all";
}

/// <summary>Live counters for the progress bar.</summary>
public sealed class ExportProgress
{
    private long _read;
    private long _written;

    public long Read => Interlocked.Read(ref _read);

    public long Written => Interlocked.Read(ref _written);

    internal void Row(bool written)
    {
        Interlocked.Increment(ref _read);
        if (written)
        {
            Interlocked.Increment(ref _written);
        }
    }
}

/// <summary>What an export wrote and why the rest was left out.</summary>
public sealed record ExportSummary(long Written, long Tokens, IReadOnlyDictionary<string, long> Skipped);
