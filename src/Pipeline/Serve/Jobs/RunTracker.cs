using Hangfire;
using Hangfire.States;
using SciCurate.Pipeline.Configuration;

namespace SciCurate.Pipeline.Serve.Jobs;

/// <summary>
/// Knows when a served run's intake is over, so the passes over the whole output (judge, rewrite, duplicates) run once
/// after it, as they do at the end of `curate run`. Each intake job (PDF batch, web input, VLM pages) has a key; the
/// keys a run waits for are recorded before their jobs exist, and a job adds its key to the done set as its last step,
/// so a retried or duplicated job counts once and a killed one does not count until its retry finishes. The job that
/// completes the set enqueues the passes, under a lock in the job storage, so they are enqueued once.
/// </summary>
public sealed class RunTracker(JobStorage storage, CurateConfig config)
{
    private static string Key(string runId) => "curate:run:" + runId;

    /// <summary>Keys of a run's intake jobs, recorded before the jobs are created; <paramref name="web"/>: the run has web inputs to judge.</summary>
    public void Expect(string runId, IEnumerable<string> keys, bool? web = null)
    {
        using var connection = storage.GetConnection();
        using var tx = connection.CreateWriteTransaction();
        foreach (var key in keys)
        {
            tx.AddToSet(Key(runId) + ":expect", key);
        }

        if (web is { } w)
        {
            tx.SetRangeInHash(Key(runId) + ":after", [new KeyValuePair<string, string>("web", w ? "1" : "0")]);
        }

        tx.Commit();
    }

    /// <summary>
    /// Hard pages of a PDF batch left pending: a job on the vlm queue fills them the way `curate reprocess --stage vlm`
    /// does, so slow model calls never hold a parse worker. Its key joins the run's before the batch's own key is done.
    /// </summary>
    public string EnqueueVlm(string runId, string batchKey, string outDir, string batchName)
    {
        var key = batchKey + "-vlm";
        Expect(runId, [key]);
        var name = $"{runId} · vlm pages of {batchName.Replace(runId + " · ", "", StringComparison.Ordinal)}";
        var id = new BackgroundJobClient(storage).Create<VlmPagesJob>(job => job.RunAsync(name, runId, key, outDir, CancellationToken.None), new EnqueuedState(JobQueues.Vlm));
        AddStageJobs(runId, [id]);
        return id;
    }

    /// <summary>Records an intake job as done; the last one enqueues the passes over the output. Returns their job ids (empty if not last).</summary>
    public IReadOnlyList<string> Done(string runId, string key, string outDir)
    {
        using var connection = storage.GetConnection();
        using var exclusive = connection.AcquireDistributedLock("curate:run-done:" + runId, TimeSpan.FromMinutes(1));
        using (var tx = connection.CreateWriteTransaction())
        {
            tx.AddToSet(Key(runId) + ":done", key);
            tx.Commit();
        }

        var expected = connection.GetAllItemsFromSet(Key(runId) + ":expect");
        var done = connection.GetAllItemsFromSet(Key(runId) + ":done");
        var after = connection.GetAllEntriesFromHash(Key(runId) + ":after") ?? [];
        if (!expected.IsSubsetOf(done) || after.ContainsKey("enqueued"))
        {
            return [];
        }

        // Created before they are marked enqueued: a job killed in between enqueues them again on its retry, which the
        // passes tolerate (each redoes only what is left); the other order could lose them.
        var ids = EnqueuePasses(runId, outDir, after.GetValueOrDefault("web") == "1");
        using (var tx = connection.CreateWriteTransaction())
        {
            tx.SetRangeInHash(Key(runId) + ":after", [new KeyValuePair<string, string>("enqueued", string.Join(',', ids))]);
            tx.Commit();
        }

        AddStageJobs(runId, ids);
        return ids;
    }

    /// <summary>
    /// The jobs a run's own jobs created (VLM pages, judge, rewrite, duplicates), apart from the run's intake jobs in
    /// <see cref="RunLedger.JobIds"/>: a run is over when these are too.
    /// </summary>
    public IReadOnlyCollection<string> StageJobIds(string runId)
    {
        using var connection = storage.GetConnection();
        return connection.GetAllItemsFromSet(Key(runId) + ":stages");
    }

    private void AddStageJobs(string runId, IEnumerable<string> ids)
    {
        using var connection = storage.GetConnection();
        using var tx = connection.CreateWriteTransaction();
        foreach (var id in ids)
        {
            tx.AddToSet(Key(runId) + ":stages", id);
        }

        tx.Commit();
    }

    /// <summary>judge (web runs) → rewrite (with an LLM) → duplicates (Dedup:Enabled), each on its own queue, each after the one before succeeded.</summary>
    private List<string> EnqueuePasses(string runId, string outDir, bool web)
    {
        var client = new BackgroundJobClient(storage);
        var ids = new List<string>();
        string? last = null;

        string Add<T>(System.Linq.Expressions.Expression<Func<T, Task>> call, string queue)
        {
            var state = new EnqueuedState(queue);
            var id = last is null ? client.Create(call, state) : client.ContinueJobWith(last, call, state, JobContinuationOptions.OnlyOnSucceededState);
            ids.Add(id);
            return id;
        }

        if (web)
        {
            var judge = $"{runId} · judge web domains → {outDir}";
            last = Add<JudgeJob>(job => job.RunAsync(judge, runId, outDir, CancellationToken.None), JobQueues.Judge);
            if (config.Llm.IsConfigured)
            {
                var rewrite = $"{runId} · rewrite pages → {outDir}";
                last = Add<RewriteJob>(job => job.RunAsync(rewrite, runId, outDir, CancellationToken.None), JobQueues.Rewrite);
            }
        }

        if (config.Dedup.Enabled)
        {
            var dedup = $"{runId} · duplicates → {outDir}";
            last = Add<DedupJob>(job => job.RunAsync(dedup, runId, outDir, CancellationToken.None), JobQueues.Default);
        }

        return ids;
    }
}
