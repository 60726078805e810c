namespace SciCurate.Pipeline.Configuration;

/// <summary>
/// `curate serve` and `curate enqueue` (config section "Serve"). PostgresConnection, User and Password are secrets:
/// set them only in the environment (CURATE__Serve__PostgresConnection, CURATE__Serve__User, CURATE__Serve__Password).
/// </summary>
public sealed class ServeOptions
{
    /// <summary>Where the web host listens. Anything but loopback requires User and Password.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Job storage: sqlite (a file in DataDir, one machine) or postgres (many machines share one queue).</summary>
    public string Storage { get; set; } = "sqlite";

    /// <summary>Npgsql connection string for Storage = postgres. Environment only.</summary>
    public string? PostgresConnection { get; set; }

    /// <summary>Schema holding Hangfire's tables in PostgreSQL (created on first start).</summary>
    public string PostgresSchema { get; set; } = "hangfire";

    /// <summary>Dashboard and pipeline-page credentials (HTTP Basic). Required for a non-loopback binding. Environment only.</summary>
    public string? User { get; set; }

    /// <summary>See <see cref="User"/>.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Folders that job inputs and outputs must lie under; a job naming anything else fails without retry.
    /// Empty: the working directory of the process.
    /// </summary>
    public List<string> Roots { get; set; } = [];

    /// <summary>
    /// Hangfire workers per queue on this machine: -1 means one per core, 0 means this machine takes no work from that
    /// queue (a GPU box might serve only vlm). Unknown queue names are an error.
    /// </summary>
    public Dictionary<string, int> Queues { get; set; } = new(StringComparer.Ordinal)
    {
        [JobQueues.Pdf] = -1,
        [JobQueues.Vlm] = 4,
        [JobQueues.Web] = 2,
        [JobQueues.Judge] = 2,
        [JobQueues.Rewrite] = 2,
        [JobQueues.Default] = 1,
    };

    /// <summary>Documents per PDF batch job. Small batches spread over machines and lose little when a worker dies.</summary>
    public int BatchDocuments { get; set; } = 16;

    /// <summary>Parse worker processes a PDF job starts (parallelism comes from the pdf queue's worker count).</summary>
    public int ParseProcessesPerJob { get; set; } = 1;

    /// <summary>Automatic retries of a failed job before it stays failed (visible with its reason in /hangfire).</summary>
    public int Retries { get; set; } = 3;

    /// <summary>
    /// A job fetched by a machine that stopped sending heartbeats (killed, unplugged) goes back to the queue after
    /// this long. Live jobs keep extending it, so it is not a limit on job length.
    /// </summary>
    public int InvisibilityTimeoutSeconds { get; set; } = 300;

    /// <summary>How often idle workers poll the queue.</summary>
    public int PollSeconds { get; set; } = 2;

    /// <summary>On SIGTERM, running jobs get this long to finish; then they are cancelled and go back to the queue.</summary>
    public int FinishSeconds { get; set; } = 10;

    /// <summary>Recurring runs: each tick enqueues the inputs of its folders not yet in its output's manifest.</summary>
    public List<RecurringRunOptions> Recurring { get; set; } = [];

    public int WorkersFor(string queue)
    {
        var n = Queues.GetValueOrDefault(queue);
        return n < 0 ? Environment.ProcessorCount : n;
    }

    public IEnumerable<string> Validate(string section)
    {
        if (Storage is not ("sqlite" or "postgres"))
        {
            yield return $"{section}:Storage must be sqlite or postgres, not '{Storage}'";
        }

        foreach (var (queue, workers) in Queues)
        {
            if (!JobQueues.All.Contains(queue))
            {
                yield return $"{section}:Queues:{queue} is not a queue (known: {string.Join(", ", JobQueues.All)})";
            }
            else if (workers < -1)
            {
                yield return $"{section}:Queues:{queue} must be -1 (one per core), 0 (none here) or more";
            }
        }

        if (BatchDocuments < 1)
        {
            yield return $"{section}:BatchDocuments must be at least 1";
        }

        if (ParseProcessesPerJob < 1)
        {
            yield return $"{section}:ParseProcessesPerJob must be at least 1";
        }

        if (Retries < 0)
        {
            yield return $"{section}:Retries must be 0 or more";
        }

        if (InvisibilityTimeoutSeconds < 5)
        {
            yield return $"{section}:InvisibilityTimeoutSeconds must be at least 5";
        }

        if (PollSeconds < 1)
        {
            yield return $"{section}:PollSeconds must be at least 1";
        }

        if (FinishSeconds < 0)
        {
            yield return $"{section}:FinishSeconds must be 0 or more";
        }

        for (var i = 0; i < Recurring.Count; i++)
        {
            var r = Recurring[i];
            if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            {
                yield return $"{section}:Recurring:{i}:Name must be letters, digits, '-' or '_'";
            }

            if (string.IsNullOrWhiteSpace(r.Cron))
            {
                yield return $"{section}:Recurring:{i}:Cron is required";
            }

            if (r.Inputs.Count == 0)
            {
                yield return $"{section}:Recurring:{i}:Inputs needs at least one folder";
            }

            if (string.IsNullOrWhiteSpace(r.Out))
            {
                yield return $"{section}:Recurring:{i}:Out is required";
            }
        }
    }
}

/// <summary>One recurring run (an item of Serve:Recurring).</summary>
public sealed class RecurringRunOptions
{
    public string Name { get; set; } = "";

    /// <summary>Cron expression (five fields, UTC), for example "*/15 * * * *".</summary>
    public string Cron { get; set; } = "";

    public List<string> Inputs { get; set; } = [];

    public string Out { get; set; } = "";
}

/// <summary>Queues by kind of work, so slow VLM calls never starve parsing.</summary>
public static class JobQueues
{
    public const string Pdf = "pdf";
    public const string Vlm = "vlm";
    public const string Web = "web";
    public const string Judge = "judge";
    public const string Rewrite = "rewrite";
    public const string Default = "default";

    public static readonly IReadOnlyList<string> All = [Pdf, Vlm, Web, Judge, Rewrite, Default];
}
