using System.Globalization;
using Hangfire;

namespace SciCurate.Pipeline.Serve;

/// <summary>A run: one `curate enqueue` or one recurring tick, split into batch jobs.</summary>
public sealed record RunInfo(string Id, string Kind, string OutDir, int Documents, int Batches, DateTime Created, string Source);

/// <summary>
/// Remembers runs in the Hangfire job storage itself (a set and a hash per run), so every machine sharing the queue
/// sees the same runs and the SQLite default keeps them across restarts. What a run has done is read from its output
/// folder's manifest, the single source of truth (see <see cref="RunStatsReader"/>).
/// </summary>
public sealed class RunLedger(JobStorage storage)
{
    private const string RunsSet = "curate:runs";

    // Succeeded and Deleted jobs change only when someone requeues them by hand; remembering them keeps a page refresh
    // from asking the store about every job again.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _settled = new(StringComparer.Ordinal);

    public void Register(RunInfo run, IEnumerable<string> jobIds)
    {
        using var connection = storage.GetConnection();
        using var tx = connection.CreateWriteTransaction();
        tx.SetRangeInHash(Key(run.Id), new Dictionary<string, string>
        {
            ["kind"] = run.Kind,
            ["out"] = run.OutDir,
            ["documents"] = run.Documents.ToString(CultureInfo.InvariantCulture),
            ["batches"] = run.Batches.ToString(CultureInfo.InvariantCulture),
            ["created"] = run.Created.ToString("O", CultureInfo.InvariantCulture),
            ["source"] = run.Source,
        });
        foreach (var id in jobIds)
        {
            tx.AddToSet(Key(run.Id) + ":jobs", id);
        }

        tx.AddToSet(RunsSet, run.Id, run.Created.Ticks);
        tx.Commit();
    }

    public IReadOnlyList<RunInfo> Runs(int newest = 50)
    {
        using var connection = storage.GetConnection();
        var runs = new List<RunInfo>();
        foreach (var id in connection.GetAllItemsFromSet(RunsSet))
        {
            var hash = connection.GetAllEntriesFromHash(Key(id));
            if (hash is null)
            {
                continue;
            }

            runs.Add(new RunInfo(
                id,
                hash.GetValueOrDefault("kind") ?? "pdf",
                hash.GetValueOrDefault("out") ?? "",
                int.Parse(hash.GetValueOrDefault("documents") ?? "0", CultureInfo.InvariantCulture),
                int.Parse(hash.GetValueOrDefault("batches") ?? "0", CultureInfo.InvariantCulture),
                DateTime.Parse(hash.GetValueOrDefault("created") ?? "2000-01-01", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                hash.GetValueOrDefault("source") ?? ""));
        }

        return [.. runs.OrderByDescending(r => r.Created).Take(newest)];
    }

    public IReadOnlyCollection<string> JobIds(string runId)
    {
        using var connection = storage.GetConnection();
        return connection.GetAllItemsFromSet(Key(runId) + ":jobs");
    }

    /// <summary>Job states after which a job does nothing more unless someone requeues it by hand.</summary>
    public static readonly IReadOnlySet<string> FinishedStates = new HashSet<string>(StringComparer.Ordinal) { "Succeeded", "Failed", "Deleted" };

    /// <summary>Job states of a run (Enqueued, Processing, Succeeded, Failed, Scheduled for a retry, …) and their counts.</summary>
    public IReadOnlyDictionary<string, int> JobStates(string runId)
    {
        using var connection = storage.GetConnection();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in connection.GetAllItemsFromSet(Key(runId) + ":jobs"))
        {
            if (!_settled.TryGetValue(id, out var state))
            {
                state = connection.GetStateData(id)?.Name ?? "Unknown";
                if (state is "Succeeded" or "Deleted")
                {
                    _settled[id] = state;
                }
            }

            counts[state] = counts.GetValueOrDefault(state) + 1;
        }

        return counts;
    }

    /// <summary>The last run a recurring entry started, if any.</summary>
    public string? LastRecurringRun(string name)
    {
        using var connection = storage.GetConnection();
        return connection.GetAllEntriesFromHash("curate:recurring")?.GetValueOrDefault(name);
    }

    public void SetLastRecurringRun(string name, string runId)
    {
        using var connection = storage.GetConnection();
        using var tx = connection.CreateWriteTransaction();
        tx.SetRangeInHash("curate:recurring", [new KeyValuePair<string, string>(name, runId)]);
        tx.Commit();
    }

    private static string Key(string runId) => "curate:run:" + runId;
}
