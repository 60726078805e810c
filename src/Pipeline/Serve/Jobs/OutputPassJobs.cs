using Hangfire;
using Microsoft.Extensions.Logging;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Hosting;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Web;

namespace SciCurate.Pipeline.Serve.Jobs;

/// <summary>
/// The per-domain judge over an output once a run's web pages are in (<see cref="RunTracker"/>), through the same
/// <see cref="DomainJudgeStage"/> as `curate run`, but without rewriting: pages under a rewrite verdict stay
/// rewrite_pending for <see cref="RewriteJob"/> on the rewrite queue. Judging per input instead would judge a domain on
/// the sample of the pages in so far, and give other verdicts than `curate run`.
/// </summary>
public sealed class JudgeJob(Composition composition, ServeRoots roots, ILogger<JudgeJob> logger)
{
    [Queue(JobQueues.Judge)]
    [JobDisplayName("{0}")]
    public Task<string> RunAsync(string name, string runId, string outDir, CancellationToken cancellationToken) =>
        PassJob.RunAsync(composition, roots.Check(outDir), JudgeMode.Judge, runId, logger, cancellationToken);
}

/// <summary>Rewrites the pages the judge left rewrite_pending (`curate reprocess --stage rewrite`), with the LLM.</summary>
public sealed class RewriteJob(Composition composition, ServeRoots roots, ILogger<RewriteJob> logger)
{
    [Queue(JobQueues.Rewrite)]
    [JobDisplayName("{0}")]
    public Task<string> RunAsync(string name, string runId, string outDir, CancellationToken cancellationToken) =>
        PassJob.RunAsync(composition, roots.Check(outDir), JudgeMode.RewriteOnly, runId, logger, cancellationToken);
}

/// <summary>Exact and near duplicates over the output after a served run, as at the end of `curate run`.</summary>
public sealed class DedupJob(Composition composition, ServeRoots roots, ILogger<DedupJob> logger)
{
    [Queue(JobQueues.Default)]
    [JobDisplayName("{0}")]
    public async Task<string> RunAsync(string name, string runId, string outDir, CancellationToken cancellationToken)
    {
        var output = roots.Check(outDir);
        // Shards named after the run, so the run page's counts (by batch) still find the rows this pass rewrites.
        var s = await composition.CreateDedupStage(runId + "-dedup").RunAsync(new OutputStore(output), cancellationToken);
        var result = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{s.NewDocuments} new documents compared with {s.SignaturesKnown} earlier ones: {s.ExactDuplicates} exact, {s.NearDuplicates} near duplicates ({s.Elapsed.TotalSeconds:F1} s)");
        logger.LogInformation("duplicates {Run} finished: {Result}", runId, result);
        return result;
    }
}

internal static class PassJob
{
    /// <summary>The judge stage commits under the output's rewrite lock and re-reads when another pass replaced its shards (the lock is not re-entrant: not taken here too).</summary>
    public static async Task<string> RunAsync(Composition composition, string output, JudgeMode mode, string runId, ILogger logger, CancellationToken ct)
    {
        var store = new OutputStore(output);
        await using var handle = await composition.CreateJudgeStageAsync(output, rewrite: mode == JudgeMode.RewriteOnly, ct);
        // Shards named after the run (as the duplicate and VLM passes do), so the run page still counts its web pages.
        handle.Stage.BatchPrefix = $"{runId}-{(mode == JudgeMode.RewriteOnly ? "rewrite" : "judge")}";
        var s = await handle.Stage.RunAsync(store, mode, rejudge: false, ct);
        var statuses = string.Join(", ", s.PagesByStatus.Select(d => $"{d.Key.ToWire()} {d.Value}").Order(StringComparer.Ordinal));
        var result = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{s.Domains} domains ({s.DomainsJudged} judged by {handle.Stage.Judge.Name}, {s.DomainsReused} reused); {s.Pages} pages: {statuses}; "
            + $"{s.JudgeCalls} judge and {s.RewriteCalls} rewrite calls; {s.ShardsWritten} shards in {s.Elapsed.TotalSeconds:F1} s");
        logger.LogInformation("{Mode} {Output} finished: {Result}", mode, output, result);
        return result;
    }
}
