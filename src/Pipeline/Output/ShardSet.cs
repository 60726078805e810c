using SciCurate.Pipeline.Configuration;

namespace SciCurate.Pipeline.Output;

/// <summary>
/// The one way curate writes shards: the open shards of one batch (one per table), cut at Run:ShardMaxRows rows or
/// Run:ShardMaxMegabytes, named <c>part-{batch}-{sequence:D5}.parquet</c> in every table alike, and committed to the
/// <see cref="OutputStore"/> with the inputs they finish and the shards they supersede, all in one manifest commit.
/// What is not committed is abandoned: its temporary files are deleted, and its inputs are redone by the next run.
/// </summary>
/// <remarks>
/// Used by `curate run` for PDFs (<see cref="Pdf.PdfShardSink"/>) and web pages, by the domain judge, the VLM
/// reprocess and the duplicate pass. A set is used by one task at a time.
/// </remarks>
public sealed class ShardSet(OutputStore store, RunOptions options, string batch, int generation = 1) : IAsyncDisposable
{
    private readonly List<(IShardWriter Writer, string FinalName, bool Rolls)> _open = [];
    private readonly List<PendingShard> _closed = [];

    public string Batch => batch;

    /// <summary>The generation recorded for shards closed from now on (1 for a run; one more than what a rewrite supersedes).</summary>
    public int Generation { get; set; } = generation;

    /// <summary>The number in the names of the shards opened next.</summary>
    public int Sequence { get; private set; }

    /// <summary>Shards committed so far.</summary>
    public int ShardsCommitted { get; private set; }

    /// <summary>True when an open shard holds Run:ShardMaxRows rows, or the open shards Run:ShardMaxMegabytes together.</summary>
    public bool IsFull
    {
        get
        {
            long bytes = 0;
            foreach (var (writer, _, rolls) in _open)
            {
                if (!rolls)
                {
                    continue;
                }

                if (writer.Rows >= options.ShardMaxRows)
                {
                    return true;
                }

                bytes += writer.Bytes;
            }

            return bytes >= options.ShardMaxMegabytes * 1024L * 1024L;
        }
    }

    /// <summary>Where a row added to <paramref name="table"/> now lands once committed (table folder and file, as the manifest names it).</summary>
    public string ShardPath<T>(ShardTable<T> table)
        where T : class => $"{table.Name}/{table.ShardName(batch, Sequence)}";

    /// <summary>Adds a row to the table's open shard, opening one if there is none.</summary>
    public Task AddAsync<T>(ShardTable<T> table, T row, CancellationToken ct)
        where T : class
    {
        ShardWriter<T>? writer = null;
        foreach (var open in _open)
        {
            if (open.Writer.Table == table.Name)
            {
                writer = (ShardWriter<T>)open.Writer;
                break;
            }
        }

        if (writer is null)
        {
            var name = table.ShardName(batch, Sequence);
            writer = new ShardWriter<T>(table.Name, store.NewTempPath(table.Name, name), options.RowGroupRows, table.SizeOf);
            _open.Add((writer, name, table.Rolls));
        }

        return writer.AddAsync(row, ct);
    }

    /// <summary>
    /// Writes every open shard to the end; each waits for the next commit. The next rows go to shards of the next
    /// sequence number (which moves on even when no shard was open, as a commit's does).
    /// </summary>
    public async Task CloseShardsAsync(CancellationToken ct)
    {
        try
        {
            foreach (var (writer, name, _) in _open)
            {
                // A shard with no rows is not written at all.
                if (await writer.CompleteAsync(ct))
                {
                    _closed.Add(new PendingShard(writer.Table, writer.TempPath, name, writer.Rows, batch, Generation));
                }
            }
        }
        catch
        {
            await AbandonAsync();
            throw;
        }

        _open.Clear();
        Sequence++;
    }

    /// <summary>
    /// Closes the open shards and commits every shard waiting, with <paramref name="inputs"/> and the
    /// <paramref name="superseded"/> shards, in one manifest commit. Returns the number of shards committed.
    /// </summary>
    public async Task<int> CommitAsync(IReadOnlyDictionary<string, InputEntry> inputs, IReadOnlyCollection<string>? superseded, CancellationToken ct)
    {
        await CloseShardsAsync(ct);
        var count = _closed.Count;
        if (count > 0 || inputs.Count > 0 || superseded is { Count: > 0 })
        {
            store.Commit(_closed, inputs, superseded);
            ShardsCommitted += count;
        }

        _closed.Clear();
        return count;
    }

    /// <summary>Drops every shard not committed: open ones and ones waiting, with their temporary files.</summary>
    public async Task AbandonAsync()
    {
        foreach (var (writer, _, _) in _open)
        {
            await writer.DisposeAsync();
            writer.DeleteTemp();
        }

        foreach (var shard in _closed)
        {
            TryDelete(shard.TempPath);
        }

        _open.Clear();
        _closed.Clear();
    }

    public async ValueTask DisposeAsync() => await AbandonAsync();

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // After a fault the folder may refuse; the next run's sweep removes the file.
        }
    }
}
