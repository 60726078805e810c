using Hangfire;
using Microsoft.Extensions.Logging;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Hosting;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Pdf;

namespace SciCurate.Pipeline.Serve.Jobs;

/// <summary>
/// Fills the pending hard pages of an output with the VLM through the same <see cref="VlmReprocessor"/> as `curate
/// reprocess --stage vlm`: a new generation of the shards holding them, documents re-merged. The reprocessor commits
/// under the output's rewrite lock, so it never supersedes a shard another pass has just replaced.
/// </summary>
public sealed class VlmPagesJob(Composition composition, ServeRoots roots, RunTracker tracker, ILogger<VlmPagesJob> logger)
{
    [Queue(JobQueues.Vlm)]
    [JobDisplayName("{0}")]
    public async Task<string> RunAsync(string name, string runId, string key, string outDir, CancellationToken cancellationToken)
    {
        var output = roots.Check(outDir);
        logger.LogInformation("vlm {Key} started", key);
        ReprocessSummary summary;
        using (var stage = composition.CreateVlmStage(output))
        {
            // The reprocessor takes the output's rewrite lock around its commit (not re-entrant: not taken here too).
            var reprocessor = new VlmReprocessor(stage, composition.Config.Run, logger) { Finisher = new PdfDocumentFinisher(composition.TextStages, null), BatchPrefix = key };
            summary = await reprocessor.RunAsync(output, retryFailed: false, cancellationToken);
        }

        tracker.Done(runId, key, output);
        var result = $"{summary.Candidates} pending pages: {summary.Read} read ({summary.CacheHits} cached), {summary.Failed} failed; "
            + $"{summary.DocumentsMerged} documents re-merged, {summary.ShardsWritten} shards in {summary.Elapsed.TotalSeconds:F1} s";
        logger.LogInformation("vlm {Key} finished: {Result}", key, result);
        return result;
    }
}
