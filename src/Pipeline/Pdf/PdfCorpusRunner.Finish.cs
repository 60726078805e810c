using Microsoft.Extensions.Logging;
using SciCurate.Parsers.Pdf;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Pdf;

public sealed partial class PdfCorpusRunner
{
    private sealed record Finished(InputStatus Status, int Pages, int Hard, int Pending, string? Failure = null);

    /// <summary>
    /// Routes a parsed document's hard pages, merges it and hands its rows to the sink. The duplicate check runs
    /// before the first await (on the runner's loop, in order); the sink is shared, so writes hold <paramref name="sinkLock"/>.
    /// </summary>
    private async Task<Finished> FinishAsync(DocState state, Dictionary<string, string> knownDocs, PdfShardSink sink, SemaphoreSlim sinkLock,
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
            document.ParseMs = state.Clock.Elapsed.TotalMilliseconds;
            entry.Status = InputStatus.Failed;
            logger.LogWarning("{Path}: {Reason}", state.Path, state.Failure);
            await WriteAsync(sink, sinkLock, state.Path, entry, document, [], ct);
            return new Finished(InputStatus.Failed, 0, 0, 0, state.Failure);
        }

        // The policy decides once for the whole document; the stage only carries the decision out.
        var pages = DocumentPage.Decide([.. state.Pages.Values], Policy);
        await hardPages.RouteAsync(state.Path, pages, ct);
        var rows = Merge(document, pages);
        TextStages?.Apply(document, rows);
        SetLanguages(document, rows);
        await WriteAsync(sink, sinkLock, state.Path, entry, document, rows, ct);
        return new Finished(InputStatus.Ok, pages.Count, document.HardPages, document.PendingPages);
    }

    private static async Task WriteAsync(PdfShardSink sink, SemaphoreSlim sinkLock, string path, InputEntry entry, PdfDocumentRow? document,
        IReadOnlyList<PdfPageRow> rows, CancellationToken ct)
    {
        // A finished document is written even when the run is being interrupted: its rows go out with the last commit.
        _ = ct;
        await sinkLock.WaitAsync(CancellationToken.None);
        try
        {
            if (document is not null)
            {
                await sink.AddDocumentAsync(document, rows, ct);
            }

            sink.AddInput(path, entry);
        }
        finally
        {
            sinkLock.Release();
        }
    }

    /// <summary>
    /// Joins a routed document's pages in page order (running headers dropped, pages joined, VLM answers in place of
    /// their pages' cheap text) and returns its pdf_pages rows; fills the document row's text and counts.
    /// </summary>
    private static List<PdfPageRow> Merge(PdfDocumentRow document, IReadOnlyList<DocumentPage> pages)
    {
        var contents = new List<PageContent>(pages.Count);
        foreach (var page in pages)
        {
            contents.Add(new PageContent(page.Parsed.PageNo, page.Parsed.Height, page.Parsed.Blocks, page.Route.Markdown));
        }

        var assembled = DocumentAssembler.Assemble(contents);
        var rows = new List<PdfPageRow>(pages.Count);
        int hard = 0, pending = 0, failed = 0;
        double parseMs = 0;
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            rows.Add(PageRow(document.DocId, page, assembled.PageMarkdown[i]));
            hard += page.CountsAsHard ? 1 : 0;
            pending += page.Route.Route == PageRoute.VlmPending ? 1 : 0;
            failed += page.Parsed.Error is not null || page.Route.Route == PageRoute.VlmFailed ? 1 : 0;
            parseMs += page.Parsed.ParseMs;
        }

        document.Status = PdfDocumentStatus.Ok;
        document.PageCount = pages.Count;
        document.HardPages = hard;
        document.PendingPages = pending;
        document.FailedPages = failed;
        document.Markdown = assembled.Markdown;
        document.CharCount = assembled.Markdown.Length;
        document.ParseMs = parseMs;
        return rows;
    }

    /// <param name="markdown">The page as it stands in the document: the VLM's answer, or its cheap text after clean-up.</param>
    private static PdfPageRow PageRow(string docId, DocumentPage page, string markdown)
    {
        var p = page.Parsed;
        var r = page.Route;
        return new PdfPageRow
        {
            DocId = docId,
            PageNo = p.PageNo,
            Route = r.Route,
            HardScore = p.HardScore,
            HardReasons = [.. p.HardReasons],
            Detector = p.Detector,
            Parser = r.Markdown is null ? "pdfpig" : r.Parser,
            Markdown = markdown,
            // A page the VLM replaced keeps its whole cheap text (composed once, shared with the VLM's hint).
            CheapMarkdown = r.Markdown is null ? markdown : page.CheapMarkdown,
            CharCount = markdown.Length,
            ParseMs = p.ParseMs,
            Width = p.Width,
            Height = p.Height,
            Features = [.. p.Features],
            VlmModel = r.Model,
            PromptTokens = r.PromptTokens,
            CompletionTokens = r.CompletionTokens,
            CostUsd = r.CostUsd,
            VlmMs = r.ElapsedMs,
            VlmCached = r.Cached,
            Error = p.Error ?? r.Error,
        };
    }
}
