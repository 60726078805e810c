using Hangfire;
using Microsoft.Extensions.Logging;
using SciCurate.Pipeline.Cli;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Hosting;

namespace SciCurate.Pipeline.Serve.Jobs;

/// <summary>
/// One batch of PDFs through the same <see cref="PdfCorpusRunner"/> `curate run` uses. Idempotent: the batch key
/// names the shards, the commit is atomic, and inputs already in the manifest are skipped, so a retried or duplicated
/// job writes each document once.
/// </summary>
public sealed class PdfBatchJob(Composition composition, ServeRoots roots, ILogger<PdfBatchJob> logger)
{
    [Queue(JobQueues.Pdf)]
    [JobDisplayName("pdf batch {0}")]
    public async Task<string> RunAsync(string batchKey, string outDir, string[] inputs, CancellationToken cancellationToken)
    {
        var output = roots.Check(outDir);
        var files = inputs.Select(roots.Check).ToList();
        logger.LogInformation("batch {Batch} started: {Count} inputs", batchKey, files.Count);
        var runner = composition.CreatePdfRunner();
        var summary = await runner.RunAsync(new RunRequest(files, output, batchKey), null, cancellationToken);
        var result = $"{summary.DocumentsOk} ok, {summary.DocumentsFailed} failed, {summary.Duplicates} duplicate, {summary.Skipped} already done; "
            + $"{summary.Pages} pages, {summary.PendingPages} VLM pending; {summary.Shards} shards in {summary.Elapsed.TotalSeconds:F1} s";
        logger.LogInformation("batch {Batch} finished: {Result}", batchKey, result);
        return result;
    }
}
