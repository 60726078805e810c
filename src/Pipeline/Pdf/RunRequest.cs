namespace SciCurate.Pipeline.Pdf;

/// <summary>What to process and where to write it.</summary>
/// <param name="Inputs">Files or folders (searched recursively).</param>
/// <param name="OutDir">The output folder (tables, manifest).</param>
/// <param name="BatchKey">
/// Set by queued jobs: the batch's shards are named after it and committed once at the end, so a retried or
/// duplicated job writes the same shard once. Null for `curate run`, which checkpoints as it goes.
/// </param>
public sealed record RunRequest(IReadOnlyList<string> Inputs, string OutDir, string? BatchKey = null)
{
    /// <summary>
    /// The files and folders the user named, when <see cref="Inputs"/> is a batch of files taken from them (queued
    /// jobs): source_rel_path is relative to these, as in a `curate run` over the same inputs. Null: <see cref="Inputs"/>.
    /// </summary>
    public IReadOnlyList<string>? NamedInputs { get; init; }
}

/// <summary>What a run did.</summary>
public sealed record RunSummary
{
    public int DocumentsOk { get; init; }
    public int DocumentsFailed { get; init; }
    public int Skipped { get; init; }
    public int Duplicates { get; init; }
    public long Pages { get; init; }
    public long HardPages { get; init; }
    public long PendingPages { get; init; }
    public int Shards { get; init; }
    public TimeSpan Elapsed { get; init; }
    public int WorkerRestarts { get; init; }

    /// <summary>Parse worker processes this run started (0 when it found them running, shared from an earlier run).</summary>
    public int WorkerStarts { get; init; }

    /// <summary>Chunks retried in a fresh worker after their worker died (a second death fails the document).</summary>
    public int CrashRetries { get; init; }
    public IReadOnlyDictionary<string, int> FailureReasons { get; init; } = new Dictionary<string, int>();

    /// <summary>The documents written, signed as they were finished, for the duplicate pass; null when not signed (Dedup:Enabled off).</summary>
    public IReadOnlyList<Dedup.SignedDocument>? Signed { get; init; }

    public double PagesPerSecond => Elapsed.TotalSeconds > 0 ? Pages / Elapsed.TotalSeconds : 0;
}

/// <summary>Live counters a progress display reads.</summary>
public sealed class RunProgress
{
    private long _pages;
    private int _done;
    private int _failed;

    public int TotalDocuments { get; set; }

    public long Pages => Interlocked.Read(ref _pages);

    public int Done => Volatile.Read(ref _done);

    public int Failed => Volatile.Read(ref _failed);

    internal void AddPages(long n) => Interlocked.Add(ref _pages, n);

    internal void DocumentDone(bool failed)
    {
        Interlocked.Increment(ref _done);
        if (failed)
        {
            Interlocked.Increment(ref _failed);
        }
    }
}
