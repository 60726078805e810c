using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SciCurate.DomainFilter.Text;
using SciCurate.Parsers.Pdf;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Pdf;

public sealed partial class PdfCorpusRunner
{
    private sealed record Finished(InputStatus Status, int Pages, int Hard, int Pending, string? Failure = null);

    /// <summary>
    /// Routes a parsed document's hard pages, has its text finished (<see cref="PdfDocumentFinisher"/>) and hands its
    /// rows to the sink. The duplicate check runs before the first await (on the runner's loop, in order); the sink is
    /// shared, so writes hold <paramref name="sinkLock"/>.
    /// </summary>
    private async Task<Finished> FinishAsync(DocState state, WorkerPool pool, Dictionary<string, string> knownDocs, PdfShardSink sink, SemaphoreSlim sinkLock,
        IReadOnlyList<string> inputs, CancellationToken ct)
    {
        var entry = new InputEntry { DocId = state.DocId, Size = state.Size, ModifiedUtc = state.Modified, Batch = sink.Batch };
        if (knownDocs.TryGetValue(state.DocId, out var original) && original != state.Path)
        {
            // Same bytes as a document already in the output: recorded in the manifest, no second set of rows.
            entry.Status = InputStatus.Duplicate;
            entry.DuplicateOf = original;
            await WriteAsync(sink, sinkLock, state.Path, entry, null, [], ct);
            return new Finished(InputStatus.Duplicate, 0, 0, 0);
        }

        knownDocs[state.DocId] = state.Path;
        var document = new PdfDocumentRow
        {
            DocId = state.DocId,
            SourcePath = state.Path,
            SourceRelPath = InputScanner.RelativePath(inputs, state.Path),
            Sha256 = state.DocId,
            Bytes = state.Size,
            ProcessedAt = DateTime.UtcNow,
        };

        if (state.Failure is not null)
        {
            document.Status = PdfDocumentStatus.Failed;
            document.Error = state.Failure;
            document.PageCount = Math.Max(0, state.PageCount);
            // Worker time, as for a parsed document (the sum of its pages' parse times): what Run:DocumentTimeoutSeconds
            // bounds. Waiting in the queue behind other documents is not the document's.
            document.ParseMs = state.Budget.Spent.TotalMilliseconds;
            entry.Status = InputStatus.Failed;
            logger.LogWarning("{Path}: {Reason}", state.Path, state.Failure);
            await WriteAsync(sink, sinkLock, state.Path, entry, document, [], ct);
            return new Finished(InputStatus.Failed, 0, 0, 0, state.Failure);
        }

        // The policy decides once for the whole document; the stage only carries the decision out.
        var pages = DocumentPage.Decide([.. state.Pages.Values], Policy);
        await hardPages.RouteAsync(state.Path, pages, ct);
        var text = await FinishTextAsync(pool, state.Path, PdfDocumentFinisher.Contents(pages), ct);
        var rows = PdfDocumentFinisher.ToRows(document, pages, text);
        await WriteAsync(sink, sinkLock, state.Path, entry, document, rows, ct, text.Signature);
        return new Finished(InputStatus.Ok, pages.Count, document.HardPages, document.PendingPages);
    }

    /// <summary>
    /// The document's text work (merge, PII, tokens, languages, signature) done by a parse worker, so this process only
    /// makes rows and writes them; here when the worker cannot (its request failed: the outcome is the same text).
    /// </summary>
    private async Task<FinishedText> FinishTextAsync(WorkerPool pool, string path, List<PageContent> contents, CancellationToken ct)
    {
        var answer = Channel.CreateBounded<ChunkOutcome>(1);
        var request = new ChunkRequest(1, path, 0, 0) { Finish = contents };
        await pool.EnqueueAsync(request, new TimeBudget(TimeSpan.FromSeconds(options.DocumentTimeoutSeconds)), answer.Writer, ct);
        var outcome = await answer.Reader.ReadAsync(ct);
        if (outcome.Response?.Finished is { } finished && finished.PageMarkdown.Length == contents.Count)
        {
            return finished;
        }

        logger.LogDebug("{Path}: finished in the main process ({Reason})", path, outcome.Failure ?? outcome.Response?.Error ?? "no answer");
        return Finisher.Finish(contents);
    }

    private static async Task WriteAsync(PdfShardSink sink, SemaphoreSlim sinkLock, string path, InputEntry entry, PdfDocumentRow? document,
        IReadOnlyList<PdfPageRow> rows, CancellationToken ct, DocumentSignature? signature = null)
    {
        // A finished document is written even when the run is being interrupted: its rows go out with the last commit.
        _ = ct;
        await sinkLock.WaitAsync(CancellationToken.None);
        try
        {
            if (document is not null)
            {
                await sink.AddDocumentAsync(document, rows, ct, signature);
            }

            sink.AddInput(path, entry);
        }
        finally
        {
            sinkLock.Release();
        }
    }
}
