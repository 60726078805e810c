using Hangfire;
using Microsoft.Extensions.Logging;
using SciCurate.Pipeline.Configuration;

namespace SciCurate.Pipeline.Serve.Jobs;

/// <summary>
/// A tick of a recurring run (Serve:Recurring): enqueues the inputs of its folders that its output's manifest does not
/// hold yet. The job carries only the entry's name; folders come from this machine's configuration and are checked
/// against the roots. A tick is skipped while the previous tick's jobs are still queued or running, so one input is
/// never in two unfinished runs.
/// </summary>
public sealed class RecurringTickJob(ServeOptions options, Enqueuer enqueuer, RunLedger ledger, ILogger<RecurringTickJob> logger)
{
    public const string IdPrefix = "curate:";

    [Queue(JobQueues.Default)]
    [JobDisplayName("recurring {0}")]
    [DisableConcurrentExecution(60)]
    public string Tick(string name)
    {
        var entry = options.Recurring.FirstOrDefault(r => r.Name == name)
            ?? throw new InvalidOperationException($"recurring run '{name}' is not in this machine's Serve:Recurring");
        if (ledger.LastRecurringRun(name) is { } last && ledger.JobStates(last).Any(s => !RunLedger.FinishedStates.Contains(s.Key)))
        {
            logger.LogInformation("recurring {Name}: previous run {Run} still has unfinished jobs; tick skipped", name, last);
            return $"skipped: run {last} unfinished";
        }

        var (pdf, web) = Cli.RunCommand.SplitInputs(entry.Inputs);
        var result = enqueuer.Enqueue(pdf, web, entry.Out, "recurring:" + name);
        ledger.SetLastRecurringRun(name, result.RunId);
        logger.LogInformation("recurring {Name}: run {Run}, {Documents} new documents in {Jobs} jobs ({Done} already done)",
            name, result.RunId, result.Documents, result.JobIds.Count, result.AlreadyDone);
        return $"run {result.RunId}: {result.Documents} new documents, {result.JobIds.Count} jobs, {result.AlreadyDone} already done";
    }

    /// <summary>Creates or updates the recurring jobs of the configuration and removes curate ones no longer in it.</summary>
    public static void Sync(IRecurringJobManager manager, JobStorage storage, ServeOptions options)
    {
        var wanted = options.Recurring.ToDictionary(r => IdPrefix + r.Name, StringComparer.Ordinal);
        foreach (var (id, entry) in wanted)
        {
            var name = entry.Name;
            manager.AddOrUpdate<RecurringTickJob>(id, JobQueues.Default, job => job.Tick(name), entry.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }

        using var connection = storage.GetConnection();
        foreach (var existing in Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection))
        {
            if (existing.Id.StartsWith(IdPrefix, StringComparison.Ordinal) && !wanted.ContainsKey(existing.Id))
            {
                manager.RemoveIfExists(existing.Id);
            }
        }
    }
}
