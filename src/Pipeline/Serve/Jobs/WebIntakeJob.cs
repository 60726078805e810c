using Hangfire;
using Microsoft.Extensions.Logging;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Hosting;
using SciCurate.Pipeline.Pdf;

namespace SciCurate.Pipeline.Serve.Jobs;

/// <summary>
/// Web inputs (one WARC or JSONL file, or a batch of HTML files) through the same <see cref="Web.WebCorpusRunner"/>
/// `curate run` uses. Web intake jobs of one output run one at a time (a lock file in the output, released by the OS
/// when a machine dies): the runner keeps the first extracted copy of a URL against the rows already written, and two
/// intakes at once would both see a URL as new. Resumable like `curate run`: a long input is committed piecewise.
/// </summary>
public sealed class WebIntakeJob(Composition composition, ServeRoots roots, RunTracker tracker, ILogger<WebIntakeJob> logger)
{
    public const string LockFile = ".web-intake.lock";

    [Queue(JobQueues.Web)]
    [JobDisplayName("{0}")]
    public async Task<string> RunAsync(string name, string runId, string key, string outDir, string[] inputs, CancellationToken cancellationToken)
    {
        var output = roots.Check(outDir);
        var files = inputs.Select(roots.Check).ToList();
        logger.LogInformation("web {Key} started: {Count} inputs", key, files.Count);
        Web.WebRunSummary s;
        using (await Cli.RunWriterLock.AcquireSharedAsync(new Output.OutputStore(output), $"web {key}", Console.Error, cancellationToken))
        using (await Output.FileLock.AcquireAsync(Path.Combine(output, LockFile), shared: false, onBusy: null, cancellationToken))
        {
            s = await composition.CreateWebRunner().RunAsync(new RunRequest(files, output, key), ct: cancellationToken);
        }

        tracker.Done(runId, key, output);
        var result = $"{s.Inputs - s.InputsSkipped} inputs, {s.InputsSkipped} already done: {s.DocumentsOk} ok, {s.DocumentsFailed} failed, "
            + $"{s.Duplicates} duplicate URL; {s.Shards} shards in {s.Elapsed.TotalSeconds:F1} s";
        logger.LogInformation("web {Key} finished: {Result}", key, result);
        return result;
    }
}
