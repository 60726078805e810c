using Hangfire;
using Microsoft.Extensions.Logging;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Hosting;

namespace SciCurate.Pipeline.Serve.Jobs;

/// <summary>
/// One batch of PDFs through the same <see cref="PdfCorpusRunner"/> `curate run` uses, with hard pages left pending:
/// when a VLM is configured a <see cref="VlmPagesJob"/> on the vlm queue fills them, so model calls never hold the
/// parse workers. Idempotent: the batch key names the shards, the commit is atomic, and inputs already in the manifest
/// are skipped, so a retried or duplicated job writes each document once.
/// </summary>
public sealed class PdfBatchJob(Composition composition, ServeRoots roots, RunTracker tracker, ILogger<PdfBatchJob> logger)
{
    /// <param name="name">The job's name on the dashboard: run, batch, size and output.</param>
    /// <param name="named">The files and folders given to `curate enqueue`: source_rel_path is relative to them, as in `curate run`.</param>
    [Queue(JobQueues.Pdf)]
    [JobDisplayName("{0}")]
    public async Task<string> RunAsync(string name, string runId, string batchKey, string outDir, string[] inputs, string[] named, CancellationToken cancellationToken)
    {
        var output = roots.Check(outDir);
        var files = inputs.Select(roots.Check).ToList();
        logger.LogInformation("batch {Batch} started: {Count} inputs", batchKey, files.Count);
        var runner = composition.CreatePdfRunner(output, deferVlm: true);
        var request = new RunRequest(files, output, batchKey) { NamedInputs = [.. named.Select(roots.Check)] };
        RunSummary summary;
        // Shared with the other jobs writing this output, exclusive against a `curate run` on it (which waits).
        using (await Cli.RunWriterLock.AcquireSharedAsync(new Output.OutputStore(output), $"pdf {batchKey}", Console.Error, cancellationToken))
        {
            summary = await runner.RunAsync(request, null, cancellationToken);
        }

        var result = $"{summary.DocumentsOk} ok, {summary.DocumentsFailed} failed, {summary.Duplicates} duplicate, {summary.Skipped} already done; "
            + $"{summary.Pages} pages, {summary.PendingPages} VLM pending; {summary.Shards} shards in {summary.Elapsed.TotalSeconds:F1} s";

        // A retry of a batch committed before its machine died finds its documents done (Skipped) and cannot tell
        // whether their pages were sent on; the VLM job is cheap when nothing is pending.
        if (composition.Config.Vlm.IsConfigured && (summary.PendingPages > 0 || summary.Skipped > 0))
        {
            var id = tracker.EnqueueVlm(runId, batchKey, output, name);
            result += $"; hard pages to the vlm queue (job {id})";
        }

        tracker.Done(runId, batchKey, output);
        logger.LogInformation("batch {Batch} finished: {Result}", batchKey, result);
        return result;
    }
}
