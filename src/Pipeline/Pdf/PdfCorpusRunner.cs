using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SciCurate.DomainFilter.Web.Quality;
using SciCurate.DomainFilter.Web.Intake;
using SciCurate.Parsers.Pdf;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Pdf;

/// <summary>
/// Runs PDFs through the cheap path: split into page chunks, parse in worker processes on all cores, route pages,
/// merge each document in page order, and write pdf_pages / pdf_documents shards with resumable commits.
/// The same code serves `curate run` and the queued batch jobs.
/// </summary>
public sealed class PdfCorpusRunner(RunOptions options, IHardPageStage hardPages, ILogger<PdfCorpusRunner> logger, Func<ProcessStartInfo> workerStartInfo)
{
    public const string PagesTable = "pdf_pages";
    public const string DocumentsTable = "pdf_documents";

    /// <summary>PII masking and token counts applied to each finished document (none: columns stay 0).</summary>
    public Corpus.TextStages? TextStages { get; init; }

    private sealed class DocState
    {
        public required string Path;
        public required string DocId;
        public required long Size;
        public required DateTime Modified;
        public required TimeBudget Budget;
        public int PageCount = -1;
        public int Outstanding;
        public string? Failure;
        public readonly SortedDictionary<int, PageResult> Pages = [];
        public readonly Stopwatch Clock = Stopwatch.StartNew();
    }

    public async Task<RunSummary> RunAsync(RunRequest request, RunProgress? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        progress ??= new RunProgress();
        var store = new OutputStore(request.OutDir);
        var swept = store.Sweep();
        if (swept > 0)
        {
            logger.LogInformation("removed {Count} files left by an interrupted run", swept);
        }

        store.EnsureShardsIntact();
        var manifest = store.Read();
        var files = InputScanner.Expand(request.Inputs, InputScanner.IsPdf).ToList();
        var todo = new List<(string Path, FileCheck Info)>();
        var skipped = 0;
        foreach (var file in files)
        {
            var info = RegularFile.Check(file);
            if (manifest.Inputs.TryGetValue(file, out var done) && done.Size == info.Length && done.ModifiedUtc == info.ModifiedUtc)
            {
                skipped++;
                continue;
            }

            todo.Add((file, info));
        }

        progress.TotalDocuments = todo.Count;
        var knownDocs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, entry) in manifest.Inputs)
        {
            if (entry.Status != InputStatus.Duplicate)
            {
                knownDocs.TryAdd(entry.DocId, path);
            }
        }

        var batch = request.BatchKey ?? $"run{DateTime.UtcNow:yyyyMMddTHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        await using var sink = new PdfShardSink(store, options, batch, checkpointing: request.BatchKey is null);
        var outcomes = Channel.CreateUnbounded<ChunkOutcome>(new UnboundedChannelOptions { SingleReader = true });
        var workers = Math.Max(1, Math.Min(options.EffectiveWorkers, Math.Max(1, todo.Count * 64)));
        await using var pool = new WorkerPool(workers, workerStartInfo, outcomes.Writer);

        var active = new Dictionary<string, DocState>(StringComparer.Ordinal);
        var byRequest = new Dictionary<long, DocState>();
        var admission = new SemaphoreSlim(workers * 2);
        long nextId = 0;
        int ok = 0, failed = 0, duplicates = 0;
        long pages = 0, hard = 0, pending = 0;
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var producerDone = false;
        var activeCount = 0;
        var gate = new object();

        // Producer: hash each file, admit it when a slot is free, send its first chunk.
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var (path, info) in todo)
                {
                    ct.ThrowIfCancellationRequested();
                    // Only regular files are opened (a FIFO would block, /dev/zero never end); a file gone since the
                    // listing or unreadable fails at once. The document is registered before its failure is posted.
                    string? problem = info.Problem;
                    var docId = "";
                    if (problem is null)
                    {
                        try
                        {
                            docId = await HashAsync(path, info.Length, ct);
                        }
                        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                        {
                            problem = "cannot read file: " + e.Message;
                        }
                    }

                    if (problem is not null)
                    {
                        docId = "unreadable:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(path)));
                        lock (gate)
                        {
                            activeCount++;
                            active[path] = new DocState { Path = path, DocId = docId, Size = info.Length, Modified = info.ModifiedUtc, Budget = TimeBudget.Unlimited, Outstanding = 1 };
                        }

                        await outcomes.Writer.WriteAsync(new ChunkOutcome(new ChunkRequest(-1, path, 0, 0), null, problem), ct);
                        continue;
                    }

                    await admission.WaitAsync(ct);
                    var state = new DocState
                    {
                        Path = path,
                        DocId = docId,
                        Size = info.Length,
                        Modified = info.ModifiedUtc,
                        Budget = new TimeBudget(TimeSpan.FromSeconds(options.DocumentTimeoutSeconds)),
                        Outstanding = 1,
                    };
                    var id = Interlocked.Increment(ref nextId);
                    lock (gate)
                    {
                        activeCount++;
                        active[path] = state;
                        byRequest[id] = state;
                    }

                    await pool.EnqueueAsync(new ChunkRequest(id, path, 1, options.ChunkPages), state.Budget, ct);
                }
            }
            finally
            {
                lock (gate)
                {
                    producerDone = true;
                }

                // Wake the consumer if nothing is in flight.
                outcomes.Writer.TryWrite(new ChunkOutcome(new ChunkRequest(0, "", 0, 0), null, null));
            }
        }, ct);

        var finishing = new List<Task<Finished>>();
        using var sinkLock = new SemaphoreSlim(1, 1);
        async Task CollectFinishedAsync()
        {
            for (var i = finishing.Count - 1; i >= 0; i--)
            {
                if (!finishing[i].IsCompleted)
                {
                    continue;
                }

                var result = await finishing[i];
                finishing.RemoveAt(i);
                switch (result.Status)
                {
                    case InputStatus.Duplicate:
                        duplicates++;
                        break;
                    case InputStatus.Failed:
                        failed++;
                        var key = ReasonKey(result.Failure!);
                        reasons[key] = reasons.GetValueOrDefault(key) + 1;
                        break;
                    default:
                        ok++;
                        pages += result.Pages;
                        hard += result.Hard;
                        pending += result.Pending;
                        break;
                }

                progress.DocumentDone(result.Status == InputStatus.Failed);
                await sinkLock.WaitAsync(ct);
                try
                {
                    await sink.MaybeCheckpointAsync(ct);
                }
                finally
                {
                    sinkLock.Release();
                }
            }
        }

        var lastLog = Stopwatch.StartNew();
        await foreach (var outcome in outcomes.Reader.ReadAllAsync(ct))
        {
            DocState? state = null;
            lock (gate)
            {
                if (outcome.Request.Id > 0)
                {
                    byRequest.Remove(outcome.Request.Id, out state);
                }
                else if (outcome.Request.Id < 0)
                {
                    active.TryGetValue(outcome.Request.Path, out state);
                }
            }

            if (state is not null)
            {
                state.Outstanding--;
                if (outcome.Failure is not null || outcome.Response?.Error is not null)
                {
                    state.Failure ??= outcome.Failure ?? outcome.Response!.Error;
                }
                else if (outcome.Response is { } response && state.Failure is null)
                {
                    foreach (var p in response.Pages)
                    {
                        state.Pages[p.PageNo] = p;
                    }

                    progress.AddPages(response.Pages.Count);
                    if (state.PageCount < 0)
                    {
                        state.PageCount = response.PageCount;
                        for (var first = options.ChunkPages + 1; first <= response.PageCount; first += options.ChunkPages)
                        {
                            var id = Interlocked.Increment(ref nextId);
                            lock (gate)
                            {
                                byRequest[id] = state;
                            }

                            state.Outstanding++;
                            await pool.EnqueueAsync(new ChunkRequest(id, state.Path, first, Math.Min(response.PageCount, first + options.ChunkPages - 1)), state.Budget, ct);
                        }
                    }
                }

                if (state.Outstanding == 0)
                {
                    lock (gate)
                    {
                        active.Remove(state.Path);
                        activeCount--;
                    }

                    if (outcome.Request.Id >= 0)
                    {
                        admission.Release();
                    }

                    // Hard pages may wait for a remote VLM: documents finish concurrently, so one slow page never
                    // stalls parsing; completed ones are counted (and checkpointed) as they come in.
                    finishing.Add(FinishAsync(state, knownDocs, sink, sinkLock, request.Inputs, ct));
                    if (finishing.Count >= MaxFinishingDocuments)
                    {
                        await Task.WhenAny(finishing);
                    }

                    await CollectFinishedAsync();
                }
            }

            if (lastLog.Elapsed.TotalSeconds >= 30)
            {
                lastLog.Restart();
                logger.LogDebug("{Done}/{Total} documents, {Pages} pages", progress.Done, progress.TotalDocuments, progress.Pages);
            }

            lock (gate)
            {
                if (producerDone && activeCount == 0)
                {
                    break;
                }
            }
        }

        await producer;
        await Task.WhenAll(finishing);
        await CollectFinishedAsync();
        await sink.CommitAsync(ct);
        return new RunSummary
        {
            DocumentsOk = ok,
            DocumentsFailed = failed,
            Skipped = skipped,
            Duplicates = duplicates,
            Pages = pages,
            HardPages = hard,
            PendingPages = pending,
            Shards = sink.ShardsCommitted,
            Elapsed = clock.Elapsed,
            WorkerRestarts = Math.Max(0, pool.Started - workers),
            CrashRetries = pool.Retries,
            FailureReasons = reasons,
        };
    }

    /// <summary>Documents whose hard pages may be with the VLM at once; beyond this the runner waits.</summary>
    private const int MaxFinishingDocuments = 256;

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
            await sinkLock.WaitAsync(ct);
            try
            {
                sink.AddInput(state.Path, entry);
            }
            finally
            {
                sinkLock.Release();
            }

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
            await sinkLock.WaitAsync(ct);
            try
            {
                await sink.AddDocumentAsync(document, [], ct);
                sink.AddInput(state.Path, entry);
            }
            finally
            {
                sinkLock.Release();
            }

            return new Finished(InputStatus.Failed, 0, 0, 0, state.Failure);
        }

        var pages = state.Pages.Values.ToList();
        var routed = await hardPages.RouteAsync(state.Path, pages, ct);
        var contents = new List<PageContent>(pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            contents.Add(new PageContent(pages[i].PageNo, pages[i].Height, pages[i].Blocks, routed[i].Markdown));
        }

        var assembled = DocumentAssembler.Assemble(contents);
        var rows = new List<PdfPageRow>(pages.Count);
        int hard = 0, pendingPages = 0, failedPages = 0, chars = 0;
        double parseMs = 0;
        for (var i = 0; i < pages.Count; i++)
        {
            var p = pages[i];
            var r = routed[i];
            var cheap = r.Markdown is null ? assembled.PageMarkdown[i] : MarkdownComposer.Compose(p.Blocks);
            var row = new PdfPageRow
            {
                DocId = state.DocId,
                PageNo = p.PageNo,
                Route = r.Route,
                HardScore = p.HardScore,
                HardReasons = [.. p.HardReasons],
                Detector = p.Detector,
                Parser = r.Markdown is null ? "pdfpig" : r.Parser,
                Markdown = assembled.PageMarkdown[i],
                CheapMarkdown = cheap,
                CharCount = assembled.PageMarkdown[i].Length,
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
            rows.Add(row);
            hard += p.Hard || r.Route is PageRoute.Vlm or PageRoute.VlmPending or PageRoute.VlmFailed ? 1 : 0;
            pendingPages += r.Route == PageRoute.VlmPending ? 1 : 0;
            failedPages += p.Error is not null || r.Route == PageRoute.VlmFailed ? 1 : 0;
            chars += row.CharCount;
            parseMs += p.ParseMs;
        }

        document.Status = PdfDocumentStatus.Ok;
        document.PageCount = pages.Count;
        document.HardPages = hard;
        document.PendingPages = pendingPages;
        document.FailedPages = failedPages;
        document.Markdown = assembled.Markdown;
        document.CharCount = assembled.Markdown.Length;
        document.ParseMs = parseMs;
        TextStages?.Apply(document, rows);
        SetLanguages(document, rows);
        await sinkLock.WaitAsync(ct);
        try
        {
            await sink.AddDocumentAsync(document, rows, ct);
            sink.AddInput(state.Path, entry);
        }
        finally
        {
            sinkLock.Release();
        }

        return new Finished(InputStatus.Ok, pages.Count, hard, pendingPages);
    }

    /// <summary>The reason without its details, for counting failures by kind ("encrypted", "corrupt PDF", …).</summary>
    internal static string ReasonKey(string reason)
    {
        var colon = reason.IndexOf(':', StringComparison.Ordinal);
        var key = colon > 0 ? reason[..colon] : reason;
        var paren = key.IndexOf(" (", StringComparison.Ordinal);
        return paren > 0 ? key[..paren] : key;
    }

    /// <summary>A PDF's doc_id: the SHA-256 of its bytes, lower-case hex.</summary>
    internal static async Task<string> HashAsync(string path, long length, CancellationToken ct)
    {
        await using var stream = RegularFile.OpenRead(path, length, 1 << 20);
        var hash = await SHA256.HashDataAsync(stream, ct);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// The document's language from the same identifier the web path uses (the parsers know no languages, the pipeline
    /// names them where pages become rows); a page gets its own only when it is confidently another language.
    /// </summary>
    internal static void SetLanguages(PdfDocumentRow document, IReadOnlyList<PdfPageRow> pages)
    {
        var guess = Languages.Identify(document.Markdown);
        document.Language = guess.Language;
        document.LanguageConfidence = guess.Confidence;
        foreach (var page in pages)
        {
            if (page.Markdown.Length < 200)
            {
                continue;
            }

            var own = Languages.Identify(page.Markdown);
            page.Language = own.Language != guess.Language && own.Language != "und" && own.Confidence >= 0.5 ? own.Language : null;
        }
    }

    private static readonly StopwordLanguageIdentifier Languages = new();
}
