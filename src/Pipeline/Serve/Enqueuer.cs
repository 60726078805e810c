using Hangfire;
using Hangfire.States;
using SciCurate.DomainFilter.Web.Intake;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Serve.Jobs;

namespace SciCurate.Pipeline.Serve;

/// <summary>What an enqueue did.</summary>
public sealed record EnqueueResult(string RunId, int Documents, int AlreadyDone, IReadOnlyList<string> JobIds, int AlreadyQueued = 0)
{
    /// <summary>Of <see cref="Documents"/>: PDF files and web files (WARC, JSONL, HTML).</summary>
    public int PdfFiles { get; init; }

    public int WebFiles { get; init; }
}

/// <summary>
/// Splits a corpus into jobs that carry paths and a key, never payloads, one kind of job per queue: PDF batches (pdf),
/// web inputs (web: one job per WARC or JSONL file, HTML files in batches). The passes over the whole output (VLM
/// pages, judge, rewrite, duplicates) are enqueued by the jobs themselves (<see cref="RunTracker"/>). Used by
/// `curate enqueue` and by recurring ticks.
/// </summary>
public sealed class Enqueuer(JobStorage storage, ServeRoots roots, ServeOptions options, RunTracker tracker)
{
    public EnqueueResult EnqueuePdf(IReadOnlyList<string> inputs, string outDir, string source, int? batchDocuments = null) =>
        Enqueue(inputs, [], outDir, source, batchDocuments);

    /// <param name="pdfInputs">PDF files and folders (folders give their PDFs).</param>
    /// <param name="webInputs">Web files and folders (folders give their .warc, .jsonl, .html files, also gzipped).</param>
    public EnqueueResult Enqueue(IReadOnlyList<string> pdfInputs, IReadOnlyList<string> webInputs, string outDir, string source, int? batchDocuments = null)
    {
        var output = roots.Check(outDir);
        var pdfNamed = pdfInputs.Select(roots.Check).ToList();
        var webNamed = webInputs.Select(roots.Check).ToList();
        var pdfFiles = InputScanner.Expand(pdfNamed, InputScanner.IsPdf).Select(roots.Check).Distinct(StringComparer.Ordinal).ToList();
        var webFiles = InputScanner.Expand(webNamed, WebInputs.IsWeb).Select(roots.Check).Distinct(StringComparer.Ordinal).ToList();

        // One enqueue per output at a time, across machines: inputs of another run's unfinished jobs for this output
        // are left to that run, so two enqueues (or an enqueue and a recurring tick) never process a file twice.
        using var connection = storage.GetConnection();
        using var exclusive = connection.AcquireDistributedLock("curate:enqueue:" + output, TimeSpan.FromMinutes(1));
        var manifest = new OutputStore(output).Read();
        var ledger = new RunLedger(storage);
        var claimed = QueuedInputs(connection, ledger, output);
        var all = pdfFiles.Concat(webFiles).ToList();
        var done = all.Where(f => IsDone(manifest, f)).ToHashSet(StringComparer.Ordinal);
        var queued = all.Count(f => !done.Contains(f) && claimed.Contains(f));
        bool Todo(string f) => !done.Contains(f) && !claimed.Contains(f);
        var pdfTodo = pdfFiles.Where(Todo).ToList();
        var webTodo = webFiles.Where(Todo).ToList();

        var created = DateTime.UtcNow;
        var runId = $"r{created:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var size = batchDocuments ?? options.BatchDocuments;
        var pdfBatches = pdfTodo.Chunk(size).ToList();
        // A WARC or JSONL file is a job of its own (it may hold millions of pages); small HTML files go in batches.
        var webBatches = webTodo.Where(f => !WebInputs.IsHtml(f)).Select(f => new[] { f })
            .Concat(webTodo.Where(WebInputs.IsHtml).Chunk(size)).ToList();
        var client = new BackgroundJobClient(storage);
        var jobIds = new List<string>(pdfBatches.Count + webBatches.Count);
        var kind = (pdfTodo.Count > 0, webTodo.Count > 0) switch
        {
            (true, true) => "pdf+web",
            (false, true) => "web",
            _ => "pdf",
        };
        var run = new RunInfo(runId, kind, output, pdfTodo.Count + webTodo.Count, pdfBatches.Count + webBatches.Count, created, source);

        // The run is registered, and the keys its passes wait for recorded, before its jobs exist in the queue: the
        // page never shows a job without its run, and a fast first job cannot find its run complete.
        ledger.Register(run, []);
        var pdfKeys = Enumerable.Range(0, pdfBatches.Count).Select(i => $"{runId}-b{i:D5}").ToList();
        var webKeys = Enumerable.Range(0, webBatches.Count).Select(i => $"{runId}-w{i:D5}").ToList();
        tracker.Expect(runId, pdfKeys.Concat(webKeys), web: webTodo.Count > 0);
        var named = pdfNamed.ToArray();
        for (var i = 0; i < pdfBatches.Count; i++)
        {
            var key = pdfKeys[i];
            var batch = pdfBatches[i];
            var name = $"{runId} · pdf batch {i + 1}/{pdfBatches.Count} · {batch.Length} docs → {output}";
            jobIds.Add(client.Create<PdfBatchJob>(job => job.RunAsync(name, runId, key, output, batch, named, CancellationToken.None), new EnqueuedState(JobQueues.Pdf)));
        }

        for (var i = 0; i < webBatches.Count; i++)
        {
            var key = webKeys[i];
            var batch = webBatches[i];
            var what = batch.Length == 1 ? Path.GetFileName(batch[0]) : $"{batch.Length} HTML files";
            var name = $"{runId} · web {i + 1}/{webBatches.Count} · {what} → {output}";
            jobIds.Add(client.Create<WebIntakeJob>(job => job.RunAsync(name, runId, key, output, batch, CancellationToken.None), new EnqueuedState(JobQueues.Web)));
        }

        ledger.Register(run, jobIds);
        return new EnqueueResult(runId, run.Documents, done.Count, jobIds, queued) { PdfFiles = pdfTodo.Count, WebFiles = webTodo.Count };
    }

    /// <summary>The inputs of intake jobs (PDF batches, web inputs) writing to <paramref name="output"/> that have not finished (queued, running or awaiting a retry).</summary>
    private static HashSet<string> QueuedInputs(Hangfire.Storage.IStorageConnection connection, RunLedger ledger, string output)
    {
        var inputs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in ledger.Runs(int.MaxValue).Where(r => r.OutDir == output))
        {
            foreach (var id in ledger.JobIds(run.Id))
            {
                if (connection.GetStateData(id)?.Name is not { } state || RunLedger.FinishedStates.Contains(state))
                {
                    continue;
                }

                // Both intake jobs take (name, run, key, output, inputs, …).
                if (connection.GetJobData(id)?.Job is { } job && (job.Type == typeof(PdfBatchJob) || job.Type == typeof(WebIntakeJob))
                    && job.Args is [_, _, _, _, string[] paths, ..])
                {
                    inputs.UnionWith(paths);
                }
            }
        }

        return inputs;
    }

    /// <summary>The same test the runners apply: recorded in the manifest, not partial, with the file's current size and time.</summary>
    internal static bool IsDone(Manifest manifest, string path)
    {
        if (!manifest.Inputs.TryGetValue(path, out var entry) || entry.Status == InputStatus.Partial)
        {
            return false;
        }

        var info = new FileInfo(path);
        return entry.Size == info.Length && entry.ModifiedUtc == info.LastWriteTimeUtc;
    }
}
