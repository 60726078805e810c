using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Hangfire;
using Parquet.Serialization;
using SciCurate.DomainFilter.Judge;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Pdf;

namespace SciCurate.Pipeline.Serve;

/// <summary>One point of a throughput chart: rows committed in one minute.</summary>
public sealed record ThroughputPoint(DateTime Minute, long Documents, long Pages);

/// <summary>What the pipeline page shows for a run.</summary>
public sealed record RunStats
{
    public required RunInfo Run { get; init; }
    public int Done { get; init; }
    public int Failed { get; init; }
    public int Duplicates { get; init; }
    public int Pending { get; init; }
    public IReadOnlyDictionary<string, long> PagesByRoute { get; init; } = new Dictionary<string, long>();
    public long VlmPending { get; init; }
    public long PromptTokens { get; init; }
    public long CompletionTokens { get; init; }
    public double CostUsd { get; init; }
    /// <summary>Tokens of the run's documents that `curate export` writes by default (ok, no VLM page pending).</summary>
    public long ScienceTokensKept { get; init; }
    public IReadOnlyDictionary<string, long> DomainsByDecision { get; init; } = new Dictionary<string, long>();
    public IReadOnlyDictionary<string, int> FailureReasons { get; init; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, int> JobStates { get; init; } = new Dictionary<string, int>();
    public IReadOnlyList<ThroughputPoint> Throughput { get; init; } = [];
}

/// <summary>A queue's depth as Hangfire reports it.</summary>
public sealed record QueueDepth(string Name, long Enqueued, long Fetched);

/// <summary>A machine serving the queue.</summary>
public sealed record ServerInfo(string Name, int Workers, IReadOnlyList<string> Queues, DateTime? Heartbeat);

/// <summary>Everything on the pipeline page, also served as JSON at /api/runs.</summary>
public sealed record PipelineSnapshot(DateTime At, IReadOnlyList<RunStats> Runs, IReadOnlyList<QueueDepth> Queues, IReadOnlyList<ServerInfo> Servers,
    long Succeeded, long Failed, long Processing, long Scheduled, long Enqueued);

/// <summary>
/// Reads what runs produced from their output folders: the manifest for documents done / failed, and the committed
/// shards (a few columns only) for routes, tokens, cost, domain decisions and throughput. Shards never change once
/// committed, so their numbers are cached by path.
/// </summary>
public sealed class RunStatsReader(JobStorage storage, RunLedger ledger)
{
    private const string DomainDecisionsTable = "domain_decisions";

    private readonly ConcurrentDictionary<string, ShardNumbers> _shards = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTime Stamp, long Length, Manifest Manifest)> _manifests = new(StringComparer.Ordinal);

    private sealed class ShardNumbers
    {
        public Dictionary<PageRoute, long> Routes { get; } = [];
        public Dictionary<DomainDecision, long> Decisions { get; } = [];
        public Dictionary<string, int> Failures { get; } = new(StringComparer.Ordinal);
        public long PromptTokens { get; set; }
        public long CompletionTokens { get; set; }
        public double CostUsd { get; set; }
        public long TokensKept { get; set; }
    }

    public async Task<PipelineSnapshot> SnapshotAsync(CancellationToken ct)
    {
        var runs = new List<RunStats>();
        foreach (var run in ledger.Runs())
        {
            runs.Add(await ReadAsync(run, ct));
        }

        var monitoring = storage.GetMonitoringApi();
        var stats = monitoring.GetStatistics();
        var queues = monitoring.Queues().ToDictionary(q => q.Name, q => new QueueDepth(q.Name, q.Length, q.Fetched ?? 0), StringComparer.Ordinal);
        foreach (var name in Configuration.JobQueues.All)
        {
            queues.TryAdd(name, new QueueDepth(name, 0, 0));
        }

        var servers = monitoring.Servers().Select(s => new ServerInfo(s.Name, s.WorkersCount, [.. s.Queues], s.Heartbeat)).ToList();
        return new PipelineSnapshot(DateTime.UtcNow, runs, [.. queues.Values.OrderBy(q => q.Name, StringComparer.Ordinal)], servers,
            stats.Succeeded, stats.Failed, stats.Processing, stats.Scheduled, stats.Enqueued);
    }

    public async Task<RunStats> ReadAsync(RunInfo run, CancellationToken ct)
    {
        var jobStates = ledger.JobStates(run.Id);
        var store = new OutputStore(run.OutDir);
        var manifest = ReadManifest(store);
        var prefix = run.Id + "-";
        int done = 0, failed = 0, duplicates = 0;
        foreach (var entry in manifest.Inputs.Values)
        {
            if (!entry.Batch.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            switch (entry.Status)
            {
                case InputStatus.Failed: failed++; break;
                case InputStatus.Duplicate: duplicates++; break;
                case InputStatus.Partial: break;
                default: done++; break;
            }
        }

        var routes = new Dictionary<PageRoute, long>();
        var decisions = new Dictionary<DomainDecision, long>();
        var failures = new Dictionary<string, int>(StringComparer.Ordinal);
        long prompt = 0, completion = 0, tokensKept = 0;
        double cost = 0;
        var minutes = new SortedDictionary<DateTime, (long Docs, long Pages)>();
        foreach (var (relative, shard) in manifest.Shards)
        {
            if (!shard.Batch.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var minute = new DateTime(shard.Created.Ticks - (shard.Created.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
            var point = minutes.GetValueOrDefault(minute);
            if (shard.Table == PdfCorpusRunner.DocumentsTable)
            {
                minutes[minute] = (point.Docs + shard.Rows, point.Pages);
            }
            else if (shard.Table == PdfCorpusRunner.PagesTable)
            {
                minutes[minute] = (point.Docs, point.Pages + shard.Rows);
            }

            var numbers = await ShardAsync(store, relative, shard, ct);
            if (numbers is null)
            {
                continue;
            }

            Add(routes, numbers.Routes);
            Add(decisions, numbers.Decisions);
            foreach (var (reason, count) in numbers.Failures)
            {
                failures[reason] = failures.GetValueOrDefault(reason) + count;
            }

            prompt += numbers.PromptTokens;
            completion += numbers.CompletionTokens;
            cost += numbers.CostUsd;
            tokensKept += numbers.TokensKept;
        }

        return new RunStats
        {
            Run = run,
            Done = done,
            Failed = failed,
            Duplicates = duplicates,
            Pending = Math.Max(0, run.Documents - done - failed - duplicates),
            // The dashboard and /api/runs show the names the Parquet columns hold.
            PagesByRoute = routes.ToDictionary(r => r.Key.ToWire(), r => r.Value, StringComparer.Ordinal),
            VlmPending = routes.GetValueOrDefault(PageRoute.VlmPending),
            PromptTokens = prompt,
            CompletionTokens = completion,
            CostUsd = cost,
            ScienceTokensKept = tokensKept,
            DomainsByDecision = decisions.ToDictionary(d => d.Key.ToWire(), d => d.Value, StringComparer.Ordinal),
            FailureReasons = failures,
            JobStates = jobStates,
            Throughput = [.. minutes.Select(m => new ThroughputPoint(m.Key, m.Value.Docs, m.Value.Pages))],
        };
    }

    private static void Add<TKey>(Dictionary<TKey, long> into, Dictionary<TKey, long> from)
        where TKey : notnull
    {
        foreach (var (key, value) in from)
        {
            into[key] = into.GetValueOrDefault(key) + value;
        }
    }

    private Manifest ReadManifest(OutputStore store)
    {
        var info = new FileInfo(store.ManifestPath);
        if (!info.Exists)
        {
            return new Manifest();
        }

        if (_manifests.TryGetValue(store.Root, out var cached) && cached.Stamp == info.LastWriteTimeUtc && cached.Length == info.Length)
        {
            return cached.Manifest;
        }

        var manifest = store.Read();
        _manifests[store.Root] = (info.LastWriteTimeUtc, info.Length, manifest);
        return manifest;
    }

    private async Task<ShardNumbers?> ShardAsync(OutputStore store, string relative, ShardEntry shard, CancellationToken ct)
    {
        var key = $"{store.Root}/{relative}@{shard.Created.Ticks}";
        if (_shards.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var path = Path.Combine(store.Root, relative);
        if (!File.Exists(path))
        {
            return null;
        }

        var numbers = new ShardNumbers();
        switch (shard.Table)
        {
            case PdfCorpusRunner.PagesTable:
                foreach (var row in await ReadColumnsAsync<PageSlice>(path, ct))
                {
                    numbers.Routes[row.Route] = numbers.Routes.GetValueOrDefault(row.Route) + 1;
                    numbers.PromptTokens += row.PromptTokens;
                    numbers.CompletionTokens += row.CompletionTokens;
                    numbers.CostUsd += row.CostUsd;
                }

                break;
            case PdfCorpusRunner.DocumentsTable:
                foreach (var row in await ReadColumnsAsync<DocumentSlice>(path, ct))
                {
                    if (row.Status == PdfDocumentStatus.Failed && row.Error is not null)
                    {
                        var reason = PdfCorpusRunner.ReasonKey(row.Error);
                        numbers.Failures[reason] = numbers.Failures.GetValueOrDefault(reason) + 1;
                    }

                    numbers.TokensKept += row.Status == PdfDocumentStatus.Ok && row.PendingPages == 0 ? row.Tokens : 0;
                }

                break;
            case DomainDecisionsTable:
                foreach (var row in await ReadColumnsAsync<DecisionSlice>(path, ct))
                {
                    numbers.Decisions[row.Decision] = numbers.Decisions.GetValueOrDefault(row.Decision) + 1;
                }

                break;
            default:
                break;
        }

        _shards[key] = numbers;
        return numbers;
    }

    /// <summary>Reads only the columns <typeparamref name="T"/> names, a row group at a time.</summary>
    private static async Task<List<T>> ReadColumnsAsync<T>(string path, CancellationToken ct)
        where T : class, new()
    {
        await using var stream = File.OpenRead(path);
        var result = await ParquetSerializer.DeserializeAsync<T>(stream, null, null, ct);
        return [.. result.Data];
    }

    private sealed class PageSlice
    {
        [JsonPropertyName("route")] public string RouteWire { get => Route.ToWire(); set => Route = StatusWire.ParsePageRoute(value); }
        [JsonIgnore] public PageRoute Route { get; set; }
        [JsonPropertyName("prompt_tokens")] public long PromptTokens { get; set; }
        [JsonPropertyName("completion_tokens")] public long CompletionTokens { get; set; }
        [JsonPropertyName("cost_usd")] public double CostUsd { get; set; }
    }

    private sealed class DocumentSlice
    {
        [JsonPropertyName("status")] public string StatusWire { get => Status.ToWire(); set => Status = Output.StatusWire.ParsePdfDocumentStatus(value); }
        [JsonIgnore] public PdfDocumentStatus Status { get; set; }
        [JsonPropertyName("error")] public string? Error { get; set; }
        [JsonPropertyName("tokens")] public long Tokens { get; set; }
        [JsonPropertyName("pending_pages")] public int PendingPages { get; set; }
    }

    private sealed class DecisionSlice
    {
        [JsonPropertyName("decision")] public string DecisionWire { get => Decision.ToWire(); set => Decision = DomainDecisions.Parse(value); }
        [JsonIgnore] public DomainDecision Decision { get; set; }
    }
}
