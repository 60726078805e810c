using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SciCurate.DomainFilter.Web;
using SciCurate.DomainFilter.Web.Intake;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Pdf;

namespace SciCurate.Pipeline.Web;

/// <summary>What a web run did.</summary>
public sealed record WebRunSummary
{
    public int Inputs { get; init; }
    public int InputsSkipped { get; init; }
    public int DocumentsOk { get; init; }
    public int DocumentsFailed { get; init; }
    /// <summary>Pages whose URL (normalised) was already written: recorded as Duplicate, with no text.</summary>
    public int Duplicates { get; init; }
    public int NonHtmlSkipped { get; init; }
    public int OtherRecordsSkipped { get; init; }
    public int Shards { get; init; }
    /// <summary>True when the pages went to the run's staging (`curate run`), not to shards.</summary>
    public bool Staged { get; init; }
    public TimeSpan Elapsed { get; init; }
    public IReadOnlyDictionary<string, int> FailedRules { get; init; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, int> FailureReasons { get; init; } = new Dictionary<string, int>();

    public double DocumentsPerSecond => Elapsed.TotalSeconds > 0 ? (DocumentsOk + DocumentsFailed + Duplicates) / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Runs web inputs (WARC, JSONL, HTML files) through intake, extraction and quality signals on all cores and writes
/// web_documents shards. Finished inputs (same path, size and mtime in the manifest) are skipped. A long input (a
/// multi-GB WARC) is committed piecewise: whenever a shard fills up (Run:ShardMaxRows / ShardMaxMegabytes) or, in
/// `curate run`, Run:CheckpointSeconds pass, the shard is committed with the input marked partial and the number of
/// its pages done; a killed run resumes after them (re-reading, not re-extracting, the pages before).
/// doc_id is the normalised URL's hash, so a URL already written (by this run, an earlier one, or another input: crawls
/// revisit pages) keeps its first extracted copy; later copies are Duplicate rows with their reason and no text.
/// </summary>
public sealed class WebCorpusRunner(RunOptions options, WebRunOptions web, Func<WebDocumentBuilder> builders, ILogger<WebCorpusRunner> logger)
{
    public const string DocumentsTable = "web_documents";

    private const int BatchPages = 64;

    /// <summary>PII masking and token counts applied to each page (none: columns stay 0).</summary>
    public Corpus.TextStages? TextStages { get; init; }

    /// <summary>Intake writing web_documents shards (generation 1; the judge supersedes them): the served intake jobs.</summary>
    public async Task<WebRunSummary> RunAsync(RunRequest request, RunProgress? progress = null, CancellationToken ct = default)
    {
        // What is not committed when intake ends (a fault, a cancellation) is abandoned with its temporary files.
        await using var shards = new ShardSet(new OutputStore(request.OutDir), options, request.BatchKey ?? NewBatch());
        return await IntakeAsync(request, new ShardRowSink(shards), progress, ct);
    }

    /// <summary>
    /// `curate run`'s intake: rows go to <paramref name="staging"/>, not to the output, and wait there for the judge,
    /// which writes each of them once with its final status (<see cref="DomainJudgeStage"/>). Checkpoints and resume
    /// work as for shards, against the staging's journal: inputs it holds are not read again, a partial one resumes after
    /// its staged pages.
    /// </summary>
    public async Task<WebRunSummary> StageAsync(RunRequest request, WebStaging staging, RunProgress? progress = null, CancellationToken ct = default) =>
        await IntakeAsync(request, new StagingRowSink(staging, options), progress, ct) with { Staged = true };

    private async Task<WebRunSummary> IntakeAsync(RunRequest request, IWebRowSink sink, RunProgress? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        progress ??= new RunProgress();
        var store = new OutputStore(request.OutDir);
        store.Sweep();
        store.EnsureShardsIntact();
        var manifest = store.Read();
        var files = InputScanner.Expand(request.Inputs, WebInputs.IsWeb).ToList();
        var resumeAt = new Dictionary<string, long>(StringComparer.Ordinal);
        var todo = files.Where(f =>
        {
            // A file that cannot be read (gone, a FIFO, a device) is taken: reading it gives its failed row.
            var info = RegularFile.Check(f);
            // What the sink holds of an input (an interrupted run's staging) is newer than what the output does.
            InputEntry? done = null;
            if (sink.Inputs.TryGetValue(f, out var staged))
            {
                done = staged;
            }
            else if (manifest.Inputs.TryGetValue(f, out var committed))
            {
                done = committed;
            }

            if (done is null || done.Size != info.Length || done.ModifiedUtc != info.ModifiedUtc)
            {
                return true;
            }

            if (done.Status == InputStatus.Partial)
            {
                resumeAt[f] = done.RecordsDone ?? 0;
                return true;
            }

            return false;
        }).ToList();
        progress.TotalDocuments = todo.Count;
        var batch = sink.Batch;
        var counts = new ReadCounts();
        int ok = 0, failed = 0;
        var failedRules = new Dictionary<string, int>(StringComparer.Ordinal);
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var workers = Math.Max(1, options.EffectiveWorkers);
        var builderPool = new System.Collections.Concurrent.ConcurrentBag<WebDocumentBuilder>();
        var pending = new Dictionary<string, InputEntry>(StringComparer.Ordinal);
        var sinceCommit = Stopwatch.StartNew();
        var written = await WrittenDocIdsAsync(store, ct);
        foreach (var page in sink.Pages)
        {
            if (page.Status is not (WebPageStatus.Failed or WebPageStatus.Duplicate))
            {
                written.Add(page.DocId);
            }
        }

        var duplicates = 0;

        // Commits are not cancellable: one stopped half-way abandons its shards, and an interrupted run's last commit
        // must still find the rows of every page it records.
        int committedPages = 0, addedPages = 0, inputsDone = 0;
        async Task CommitAsync()
        {
            await sink.CommitAsync(pending);

            inputsDone += pending.Values.Count(e => e.Status != InputStatus.Partial);
            pending.Clear();
            committedPages = addedPages;
            sinceCommit.Restart();
        }

        // Ctrl-C or SIGTERM in `curate run`: the pages extracted so far are committed (the input being read as partial,
        // resumed after them), only the chunk being extracted is redone; the process waits for this from the signal on.
        (string File, FileCheck Info, long Consumed, long From)? current = null;
        using var hold = new Cli.InterruptHold(request.BatchKey is null ? ct : CancellationToken.None);
        await using var onInterrupt = new Cli.OnInterrupt(async () =>
        {
            if (current is { } c && c.Consumed > c.From)
            {
                pending[c.File] = Entry(c.File, c.Info, batch, c.Consumed);
            }

            await CommitAsync();
            throw new Cli.RunInterruptedException(committedPages, todo.Count - inputsDone);
        }, request.BatchKey is null ? ct : CancellationToken.None);

        foreach (var file in todo)
        {
            ct.ThrowIfCancellationRequested();
            var info = RegularFile.Check(file);
            var reader = WebInputs.ReaderFor(file, web.Limits);
            var rows = 0;
            var consumed = resumeAt.GetValueOrDefault(file);
            current = (file, info, consumed, consumed);
            foreach (var chunk in Batches(Skip(Guarded(reader.Read(file, counts, ct), file), consumed)))
            {
                var results = new WebDocumentRow[chunk.Length];
                try
                {
                    Parallel.For(0, chunk.Length, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct }, i =>
                    {
                        results[i] = BuildOne(builderPool, chunk[i], ct);
                        TextStages?.Apply(results[i]);
                    });
                }
                catch (AggregateException e) when (ct.IsCancellationRequested && e.InnerExceptions.All(x => x is OperationCanceledException))
                {
                    // A page cancelled mid-extraction: report the cancellation itself, as the loop would.
                    throw new OperationCanceledException(ct);
                }
                foreach (var row in results)
                {
                    var duplicate = row.Status != WebPageStatus.Failed && !written.Add(row.DocId);
                    if (duplicate)
                    {
                        MarkDuplicate(row);
                    }

                    await sink.AddAsync(row);

                    rows++;
                    addedPages++;
                    if (duplicate)
                    {
                        duplicates++;
                    }
                    else if (row.Status == WebPageStatus.Failed)
                    {
                        failed++;
                        var reason = Reason(row.Error);
                        reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                    }
                    else
                    {
                        ok++;
                        foreach (var rule in row.FailedRules)
                        {
                            failedRules[rule] = failedRules.GetValueOrDefault(rule) + 1;
                        }
                    }
                }

                // Inside a long input: a full shard (or, in `curate run`, a due checkpoint) is committed with the
                // input marked partial, so a killed run loses at most one shard's work.
                consumed += chunk.Length;
                current = (file, info, consumed, current!.Value.From);
                if (sink.IsFull || (request.BatchKey is null && sinceCommit.Elapsed.TotalSeconds >= options.CheckpointSeconds))
                {
                    pending[file] = Entry(file, info, batch, consumed);
                    await CommitAsync();
                }
            }

            pending[file] = Entry(file, info, batch, null);
            current = null;
            progress.DocumentDone(false);
            progress.AddPages(rows);
            logger.LogDebug("{File}: {Rows} documents", file, rows);
            // A full shard was already committed after the chunk that filled it; a due checkpoint also records
            // the inputs finished since.
            if (request.BatchKey is null && sinceCommit.Elapsed.TotalSeconds >= options.CheckpointSeconds)
            {
                await CommitAsync();
            }
        }

        await CommitAsync();

        return new WebRunSummary
        {
            Inputs = files.Count,
            InputsSkipped = files.Count - todo.Count,
            DocumentsOk = ok,
            DocumentsFailed = failed,
            Duplicates = duplicates,
            NonHtmlSkipped = counts.NonHtmlSkipped,
            OtherRecordsSkipped = counts.OtherRecordsSkipped,
            Shards = sink.ShardsCommitted,
            Elapsed = clock.Elapsed,
            FailedRules = failedRules,
            FailureReasons = reasons,
        };
    }

    /// <summary>A new batch name: its shards are named after it.</summary>
    public static string NewBatch() => $"web{DateTime.UtcNow:yyyyMMddTHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";

    private static InputEntry Entry(string file, FileCheck info, string batch, long? partialRecords) => new()
    {
        DocId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(file))),
        Size = info.Length,
        ModifiedUtc = info.ModifiedUtc,
        Status = partialRecords is null ? InputStatus.Ok : InputStatus.Partial,
        RecordsDone = partialRecords,
        Batch = batch,
    };

    /// <summary>
    /// The reader's pages; if the reader itself fails (an input that cannot be opened, a bug on a hostile record), one
    /// failed page names the input and the reason, and the run goes on with the next input.
    /// </summary>
    private IEnumerable<RawPage> Guarded(IEnumerable<RawPage> pages, string file)
    {
        using var e = pages.GetEnumerator();
        var index = 0;
        while (true)
        {
            RawPage? failed = null;
            try
            {
                if (!e.MoveNext())
                {
                    yield break;
                }
            }
            catch (Exception x) when (x is not OperationCanceledException)
            {
                logger.LogWarning("{File}: reading stopped after {Index} records: {Message}", file, index, x.Message);
                var reason = x is IOException or UnauthorizedAccessException ? x.Message.StartsWith("cannot read file", StringComparison.Ordinal) ? x.Message : $"cannot read file: {x.Message}"
                    : $"unreadable input: {x.GetType().Name}: {x.Message}";
                failed = new RawPage { Url = $"input:{file}@{index}", Name = $"{Path.GetFileName(file)}@{index}", Source = $"{file}@{index}", Error = reason };
            }

            if (failed is not null)
            {
                yield return failed;
                yield break;
            }

            index++;
            yield return e.Current;
        }
    }

    /// <summary>Pages in batches of at most <see cref="BatchPages"/> pages and Web:BatchMegabytes of bodies, so big records never pile up in memory.</summary>
    private IEnumerable<RawPage[]> Batches(IEnumerable<RawPage> pages)
    {
        var budget = web.BatchMegabytes * 1024L * 1024L;
        var batch = new List<RawPage>(BatchPages);
        long bytes = 0;
        foreach (var page in pages)
        {
            var size = (page.Body?.Length ?? 0) + 2L * (page.Html?.Length ?? 0);
            if (batch.Count > 0 && (batch.Count >= BatchPages || bytes + size > budget))
            {
                yield return [.. batch];
                batch.Clear();
                bytes = 0;
            }

            batch.Add(page);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return [.. batch];
        }
    }

    /// <summary>The pages after the first <paramref name="count"/> (those a partial commit already holds).</summary>
    private static IEnumerable<RawPage> Skip(IEnumerable<RawPage> pages, long count)
    {
        foreach (var page in pages)
        {
            if (count > 0)
            {
                count--;
                continue;
            }

            yield return page;
        }
    }

    /// <summary>The doc_ids already extracted into this output (failed and duplicate rows aside), read as one column.</summary>
    private static async Task<HashSet<string>> WrittenDocIdsAsync(OutputStore store, CancellationToken ct)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var (_, row) in TableReader.ReadAsync<DocIdRow>(store, DocumentsTable, ct))
        {
            if (row.Status is not (WebPageStatus.Failed or WebPageStatus.Duplicate))
            {
                ids.Add(row.DocId);
            }
        }

        return ids;
    }

    private static void MarkDuplicate(WebDocumentRow row)
    {
        row.Status = WebPageStatus.Duplicate;
        row.Error = "duplicate: a page with the same URL was already extracted (first copy kept)";
        row.Text = "";
        row.Markdown = "";
    }

    private sealed class DocIdRow
    {
        [System.Text.Json.Serialization.JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
        [System.Text.Json.Serialization.JsonPropertyName("status")] public string StatusWire { get => Status.ToWire(); set => Status = Output.StatusWire.ParseWebPageStatus(value); }
        [System.Text.Json.Serialization.JsonIgnore] public WebPageStatus Status { get; set; }
    }

    /// <summary>
    /// One page under its own limits: a page with more tags than Web:MaxElements fails before extraction; extraction
    /// runs under Web:PageTimeoutSeconds, and if it does not honour the cancellation within a few seconds more it is
    /// abandoned (its builder with it) and the page fails: a hostile page becomes a failed row, never a stuck run.
    /// </summary>
    private WebDocumentRow BuildOne(System.Collections.Concurrent.ConcurrentBag<WebDocumentBuilder> pool, RawPage page, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        if (!pool.TryTake(out var builder))
        {
            builder = builders();
        }

        if (page.Error is null && CountTags(page) is var tags && tags > web.MaxElements)
        {
            page = page with { Body = null, Html = null, Error = $"too many elements: {tags} tags exceed the {web.MaxElements} limit (Web:MaxElements)" };
        }

        var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(web.PageTimeoutSeconds));
        var work = Task.Factory.StartNew(() => builder.Build(page, limit.Token), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var timedOut = $"extraction exceeded {web.PageTimeoutSeconds} s (Web:PageTimeoutSeconds)";
        try
        {
            if (!work.Wait(TimeSpan.FromSeconds(web.PageTimeoutSeconds + AbandonGraceSeconds), ct))
            {
                // Still running after the cancellation: leave it, and its builder, behind.
                logger.LogWarning("{Source}: extraction ignored its time limit; abandoned", page.Source);
                _ = work.ContinueWith(_ => limit.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                return Fail(builders(), page, timedOut, watch, ct);
            }

            var row = WebDocumentRow.From(work.Result, watch.Elapsed.TotalMilliseconds);
            pool.Add(builder);
            limit.Dispose();
            return row;
        }
        catch (AggregateException) when (ct.IsCancellationRequested)
        {
            // The run itself is cancelled: report that, as the loop would.
            throw new OperationCanceledException(ct);
        }
        catch (AggregateException e) when (e.InnerException is OperationCanceledException && !ct.IsCancellationRequested)
        {
            pool.Add(builder);
            limit.Dispose();
            return Fail(builder, page, timedOut, watch, ct);
        }
        catch (AggregateException e) when (!ct.IsCancellationRequested)
        {
            // The builder turns extraction errors into failed rows; anything escaping it is still one page's problem.
            limit.Dispose();
            var inner = e.InnerException ?? e;
            return Fail(builders(), page, $"extraction failed: {inner.GetType().Name}: {inner.Message}", watch, ct);
        }
    }

    private const int AbandonGraceSeconds = 5;

    private static WebDocumentRow Fail(WebDocumentBuilder builder, RawPage page, string error, Stopwatch watch, CancellationToken ct) =>
        WebDocumentRow.From(builder.Build(page with { Body = null, Html = null, Error = error }, ct), watch.Elapsed.TotalMilliseconds);

    /// <summary>
    /// Tags and comments in a page ('&lt;' followed by a letter or '!'), counted on the raw bytes or text without
    /// parsing. Comments count: each is a node too, and a page of millions of empty comments costs the parser as much.
    /// </summary>
    internal static long CountTags(RawPage page)
    {
        long n = 0;
        if (page.Body is { } body)
        {
            var span = body.AsSpan();
            int i;
            while ((i = span.IndexOf((byte)'<')) >= 0)
            {
                if (i + 1 < span.Length && (char.IsAsciiLetter((char)span[i + 1]) || span[i + 1] == '!'))
                {
                    n++;
                }

                span = span[(i + 1)..];
            }
        }
        else if (page.Html is { } html && !page.IsPlainText)
        {
            var span = html.AsSpan();
            int i;
            while ((i = span.IndexOf('<')) >= 0)
            {
                if (i + 1 < span.Length && (char.IsAsciiLetter(span[i + 1]) || span[i + 1] == '!'))
                {
                    n++;
                }

                span = span[(i + 1)..];
            }
        }

        return n;
    }

    private static string Reason(string? error)
    {
        if (string.IsNullOrEmpty(error))
        {
            return "unknown";
        }

        var colon = error.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < 60 ? error[..colon] : error.Length > 60 ? error[..60] : error;
    }
}
