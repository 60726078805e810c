using Hangfire;
using Hangfire.States;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Serve.Jobs;

namespace SciCurate.Pipeline.Serve;

/// <summary>What an enqueue did.</summary>
public sealed record EnqueueResult(string RunId, int Documents, int AlreadyDone, IReadOnlyList<string> JobIds);

/// <summary>
/// Splits a corpus into batch jobs that carry paths and a batch key, never payloads. Used by `curate enqueue` and by
/// recurring ticks. Other stages add their own Enqueue… method here with their queue (see <see cref="JobQueues"/>).
/// </summary>
public sealed class Enqueuer(JobStorage storage, ServeRoots roots, ServeOptions options)
{
    public EnqueueResult EnqueuePdf(IReadOnlyList<string> inputs, string outDir, string source, int? batchDocuments = null)
    {
        var output = roots.Check(outDir);
        var files = InputScanner.Expand(inputs.Select(roots.Check), InputScanner.IsPdf).Select(roots.Check).Distinct(StringComparer.Ordinal).ToList();
        var manifest = new OutputStore(output).Read();
        var todo = files.Where(f => !IsDone(manifest, f)).ToList();
        var created = DateTime.UtcNow;
        var runId = $"r{created:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var size = batchDocuments ?? options.BatchDocuments;
        var batches = todo.Chunk(size).ToList();
        var client = new BackgroundJobClient(storage);
        var jobIds = new List<string>(batches.Count);

        // The run is registered before its jobs exist in the queue, so the page never shows a job without its run.
        var ledger = new RunLedger(storage);
        ledger.Register(new RunInfo(runId, "pdf", output, todo.Count, batches.Count, created, source), []);
        for (var i = 0; i < batches.Count; i++)
        {
            var key = $"{runId}-b{i:D5}";
            var batch = batches[i];
            jobIds.Add(client.Create<PdfBatchJob>(job => job.RunAsync(key, output, batch, CancellationToken.None), new EnqueuedState(JobQueues.Pdf)));
        }

        ledger.Register(new RunInfo(runId, "pdf", output, todo.Count, batches.Count, created, source), jobIds);
        return new EnqueueResult(runId, todo.Count, files.Count - todo.Count, jobIds);
    }

    /// <summary>The same test the runner applies: recorded in the manifest with the file's current size and time.</summary>
    internal static bool IsDone(Manifest manifest, string path)
    {
        if (!manifest.Inputs.TryGetValue(path, out var entry) || entry.Status == "partial")
        {
            return false;
        }

        var info = new FileInfo(path);
        return entry.Size == info.Length && entry.ModifiedUtc == info.LastWriteTimeUtc;
    }
}
