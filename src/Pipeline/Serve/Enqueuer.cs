using Hangfire;
using Hangfire.States;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Serve.Jobs;

namespace SciCurate.Pipeline.Serve;

/// <summary>What an enqueue did.</summary>
public sealed record EnqueueResult(string RunId, int Documents, int AlreadyDone, IReadOnlyList<string> JobIds, int AlreadyQueued = 0);

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

        // One enqueue per output at a time, across machines: inputs of another run's unfinished jobs for this output
        // are left to that run, so two enqueues (or an enqueue and a recurring tick) never process a file twice.
        using var connection = storage.GetConnection();
        using var exclusive = connection.AcquireDistributedLock("curate:enqueue:" + output, TimeSpan.FromMinutes(1));
        var manifest = new OutputStore(output).Read();
        var ledger = new RunLedger(storage);
        var claimed = QueuedInputs(connection, ledger, output);
        var done = files.Where(f => IsDone(manifest, f)).ToHashSet(StringComparer.Ordinal);
        var queued = files.Count(f => !done.Contains(f) && claimed.Contains(f));
        var todo = files.Where(f => !done.Contains(f) && !claimed.Contains(f)).ToList();
        var created = DateTime.UtcNow;
        var runId = $"r{created:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var size = batchDocuments ?? options.BatchDocuments;
        var batches = todo.Chunk(size).ToList();
        var client = new BackgroundJobClient(storage);
        var jobIds = new List<string>(batches.Count);

        // The run is registered before its jobs exist in the queue, so the page never shows a job without its run.
        ledger.Register(new RunInfo(runId, "pdf", output, todo.Count, batches.Count, created, source), []);
        for (var i = 0; i < batches.Count; i++)
        {
            var key = $"{runId}-b{i:D5}";
            var batch = batches[i];
            jobIds.Add(client.Create<PdfBatchJob>(job => job.RunAsync(key, output, batch, CancellationToken.None), new EnqueuedState(JobQueues.Pdf)));
        }

        ledger.Register(new RunInfo(runId, "pdf", output, todo.Count, batches.Count, created, source), jobIds);
        return new EnqueueResult(runId, todo.Count, done.Count, jobIds, queued);
    }

    /// <summary>The inputs of PDF batch jobs, writing to <paramref name="output"/>, that have not finished (queued, running or awaiting a retry).</summary>
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

                if (connection.GetJobData(id)?.Job?.Args is [_, _, string[] paths, ..])
                {
                    inputs.UnionWith(paths);
                }
            }
        }

        return inputs;
    }

    /// <summary>The same test the runner applies: recorded in the manifest with the file's current size and time.</summary>
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
