using System.Diagnostics;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Pdf;

/// <summary>
/// Collects finished documents into pdf_documents and pdf_pages shards and commits them with their inputs. A document's
/// rows always land in the same commit, so a reader never sees half a document and a killed run redoes whole documents.
/// </summary>
internal sealed class PdfShardSink(OutputStore store, RunOptions options, string batch, bool checkpointing) : IAsyncDisposable
{
    private readonly Dictionary<string, InputEntry> _inputs = new(StringComparer.Ordinal);
    private readonly Stopwatch _sinceCommit = Stopwatch.StartNew();
    private ShardWriter<PdfPageRow>? _pages;
    private ShardWriter<PdfDocumentRow>? _documents;
    private int _sequence;

    public string Batch => batch;

    public int ShardsCommitted { get; private set; }

    public async Task AddDocumentAsync(PdfDocumentRow document, IReadOnlyList<PdfPageRow> pages, CancellationToken ct)
    {
        _documents ??= DocumentsWriter(store, options, ShardName());
        _pages ??= PagesWriter(store, options, ShardName());
        await _documents.AddAsync(document, ct);
        foreach (var page in pages)
        {
            await _pages.AddAsync(page, ct);
        }
    }

    public void AddInput(string path, InputEntry entry) => _inputs[path] = entry;

    /// <summary>A pdf_documents shard writer (the reprocessor writes its new generations with the same ones).</summary>
    public static ShardWriter<PdfDocumentRow> DocumentsWriter(OutputStore store, RunOptions options, string name) =>
        new(PdfCorpusRunner.DocumentsTable, store.NewTempPath(PdfCorpusRunner.DocumentsTable, name), options.RowGroupRows,
            d => d.Markdown.Length + d.SourcePath.Length + 200);

    public static ShardWriter<PdfPageRow> PagesWriter(OutputStore store, RunOptions options, string name) =>
        new(PdfCorpusRunner.PagesTable, store.NewTempPath(PdfCorpusRunner.PagesTable, name), options.RowGroupRows,
            p => p.Markdown.Length + p.CheapMarkdown.Length + 200);

    /// <summary>Commits when a shard is full, or when the checkpoint interval has passed (curate run only).</summary>
    public async Task MaybeCheckpointAsync(CancellationToken ct)
    {
        var full = (_pages?.Rows ?? 0) >= options.ShardMaxRows
            || (_documents?.Rows ?? 0) >= options.ShardMaxRows
            || (_pages?.Bytes ?? 0) + (_documents?.Bytes ?? 0) >= options.ShardMaxMegabytes * 1024L * 1024L;
        if (full || (checkpointing && _sinceCommit.Elapsed.TotalSeconds >= options.CheckpointSeconds && _inputs.Count > 0))
        {
            await CommitAsync(ct);
        }
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        var shards = new List<(string, string, string, long, string, int)>();
        var name = ShardName();
        if (_documents is not null && await _documents.CompleteAsync(ct))
        {
            shards.Add((_documents.Table, _documents.TempPath, name, _documents.Rows, batch, 1));
        }

        if (_pages is not null && await _pages.CompleteAsync(ct))
        {
            shards.Add((_pages.Table, _pages.TempPath, name, _pages.Rows, batch, 1));
        }

        if (shards.Count > 0 || _inputs.Count > 0)
        {
            store.Commit(shards, _inputs);
            ShardsCommitted += shards.Count;
        }

        _inputs.Clear();
        _documents = null;
        _pages = null;
        _sequence++;
        _sinceCommit.Restart();
    }

    private string ShardName() => $"part-{batch}-{_sequence:D5}.parquet";

    public async ValueTask DisposeAsync()
    {
        // Uncommitted rows are dropped with their temporary files: those inputs are redone on the next run.
        if (_documents is not null)
        {
            await _documents.DisposeAsync();
            _documents.DeleteTemp();
        }

        if (_pages is not null)
        {
            await _pages.DisposeAsync();
            _pages.DeleteTemp();
        }
    }
}
