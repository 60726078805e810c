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
    private readonly ShardSet _shards = new(store, options, batch);

    public string Batch => batch;

    public int ShardsCommitted => _shards.ShardsCommitted;

    /// <summary>The documents written, with their signatures and shards, for the duplicate pass.</summary>
    public List<Dedup.SignedDocument> Signed { get; } = [];

    /// <summary>Inputs (documents, failed files, duplicates) committed so far.</summary>
    public int InputsCommitted { get; private set; }

    /// <summary>
    /// Adds a finished document's rows. Not cancellable: a document half added would be committed half by an
    /// interrupted run's last commit.
    /// </summary>
    public async Task AddDocumentAsync(PdfDocumentRow document, IReadOnlyList<PdfPageRow> pages, CancellationToken ct,
        SciCurate.DomainFilter.Text.DocumentSignature? signature = null)
    {
        _ = ct;
        if (Dedup.NearDuplicateStage.IsCandidate(document.Status))
        {
            Signed.Add(new Dedup.SignedDocument(document.DocId, "pdf", _shards.ShardPath(Tables.PdfDocuments), Dedup.NearDuplicateStage.RankOf(document), signature));
        }

        await _shards.AddAsync(Tables.PdfDocuments, document, CancellationToken.None);
        foreach (var page in pages)
        {
            await _shards.AddAsync(Tables.PdfPages, page, CancellationToken.None);
        }
    }

    public void AddInput(string path, InputEntry entry) => _inputs[path] = entry;

    /// <summary>Commits when a shard is full, or when the checkpoint interval has passed (curate run only).</summary>
    public async Task MaybeCheckpointAsync(CancellationToken ct)
    {
        if (_shards.IsFull || (checkpointing && _sinceCommit.Elapsed.TotalSeconds >= options.CheckpointSeconds && _inputs.Count > 0))
        {
            await CommitAsync(ct);
        }
    }

    /// <summary>
    /// Commits the rows and inputs added so far. Not cancellable either: a commit stopped half-way abandons its shards,
    /// and the interrupted run's last commit must still find every finished document's rows.
    /// </summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        _ = ct;
        await _shards.CommitAsync(_inputs, superseded: null, CancellationToken.None);
        InputsCommitted += _inputs.Count;
        _inputs.Clear();
        _sinceCommit.Restart();
    }

    /// <summary>Uncommitted rows are dropped with their temporary files: those inputs are redone on the next run.</summary>
    public ValueTask DisposeAsync() => _shards.DisposeAsync();
}
