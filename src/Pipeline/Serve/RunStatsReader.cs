using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Hangfire;
using Parquet.Serialization;
using SciCurate.DomainFilter.Judge;
using SciCurate.DomainFilter.Web;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Pdf;

namespace SciCurate.Pipeline.Serve;

/// <summary>One point of a throughput chart: documents and pages committed from the run's start up to <c>At</c>.</summary>
public sealed record ThroughputPoint(DateTime At, long Documents, long Pages);

/// <summary>How far one stage of a run has come: <c>Done</c> of <c>Total</c> (its unit in <c>Unit</c>), and what waits.</summary>
public sealed record StageProgress(string Stage, long Done, long Total, string Unit, string Note);

/// <summary>A document of a run that failed: its file (or URL) and the reason stored with its row.</summary>
public sealed record FailedDocument(string File, string Reason);

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
    /// <summary>Cumulative documents and pages committed, at evenly spaced times from the run's start to its end (or now).</summary>
    public IReadOnlyList<ThroughputPoint> Throughput { get; init; } = [];

    /// <summary>From the enqueue to the last commit (finished) or to now (running).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Every job ended and no document waits.</summary>
    public bool Finished { get; init; }

    /// <summary>Pages committed per minute over the last <see cref="RunStatsReader.RateWindow"/> (the whole run once finished).</summary>
    public double PagesPerMinute { get; init; }

    /// <summary>Documents left at the documents-per-minute rate of the same window; null when nothing was committed in it.</summary>
    public TimeSpan? Eta { get; init; }

    /// <summary>parse, VLM, web, judge, rewrite.</summary>
    public IReadOnlyList<StageProgress> Stages { get; init; } = [];

    /// <summary>Failed documents with file and reason (the first <see cref="RunStatsReader.MaxFailedListed"/>); <see cref="Failed"/> counts them all.</summary>
    public IReadOnlyList<FailedDocument> FailedDocuments { get; init; } = [];

    /// <summary>False when the run had nothing to do (every input already done): the page folds such runs into one line.</summary>
    public bool IsEmpty => Run.Documents == 0 && Done + Failed + Duplicates == 0;
}

/// <summary>A queue's depth as Hangfire reports it.</summary>
public sealed record QueueDepth(string Name, long Enqueued, long Fetched);

/// <summary>
/// One `curate serve` process: Hangfire registers a server per queue (named host:queue:pid:guid), the page shows the
/// process once with the workers of each queue.
/// </summary>
public sealed record ServerInfo(string Name, int Workers, IReadOnlyList<string> Queues, DateTime? Heartbeat)
{
    /// <summary>Hangfire's servers grouped by machine and process.</summary>
    public static IReadOnlyList<ServerInfo> ByProcess(IEnumerable<(string Name, int Workers, IReadOnlyList<string> Queues, DateTime? Heartbeat)> servers) =>
        [.. servers.GroupBy(s => ProcessOf(s.Name), StringComparer.Ordinal)
            .Select(g => new ServerInfo(g.Key, g.Sum(s => s.Workers),
                [.. g.SelectMany(s => s.Queues.Select(q => $"{q} {s.Workers}")).Order(StringComparer.Ordinal)],
                g.Max(s => s.Heartbeat)))
            .OrderBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>"host:queue:pid:guid" → "host, pid 1234"; a name of another shape is its own group.</summary>
    internal static string ProcessOf(string serverId)
    {
        var parts = serverId.Split(':');
        return parts.Length >= 4 && int.TryParse(parts[^2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
            ? $"{string.Join(':', parts[..^3])}, pid {pid}"
            : serverId;
    }
}

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

    /// <summary>The window the rate and ETA of a running run are taken over.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(5);

    /// <summary>Failed documents listed per run (the page shows them a page at a time; the count is always whole).</summary>
    public const int MaxFailedListed = 5000;

    /// <summary>Points of the throughput chart.</summary>
    private const int ChartPoints = 60;

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
        public List<FailedDocument> FailedDocuments { get; } = [];
        public Dictionary<WebPageStatus, long> WebPages { get; } = [];
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

        var servers = ServerInfo.ByProcess(monitoring.Servers().Select(s => (s.Name, s.WorkersCount, (IReadOnlyList<string>)[.. s.Queues], s.Heartbeat)));
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
        var commits = new List<(DateTime At, long Docs, long Pages)>();
        var failedDocuments = new List<FailedDocument>();
        var webPages = new Dictionary<WebPageStatus, long>();
        foreach (var (relative, shard) in manifest.Shards)
        {
            if (!shard.Batch.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            // Generation 1 only: a rewrite (judge, VLM reprocess, duplicate marks) commits the same documents again.
            if (shard.Generation <= 1)
            {
                switch (shard.Table)
                {
                    case PdfCorpusRunner.DocumentsTable: commits.Add((shard.Created, shard.Rows, 0)); break;
                    case PdfCorpusRunner.PagesTable: commits.Add((shard.Created, 0, shard.Rows)); break;
                    case Web.WebCorpusRunner.DocumentsTable: commits.Add((shard.Created, shard.Rows, shard.Rows)); break;
                    default: break;
                }
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

            if (failedDocuments.Count < MaxFailedListed)
            {
                failedDocuments.AddRange(numbers.FailedDocuments.Take(MaxFailedListed - failedDocuments.Count));
            }

            Add(webPages, numbers.WebPages);
            prompt += numbers.PromptTokens;
            completion += numbers.CompletionTokens;
            cost += numbers.CostUsd;
            tokensKept += numbers.TokensKept;
        }

        var pending = Math.Max(0, run.Documents - done - failed - duplicates);
        var finished = pending == 0 && jobStates.All(j => RunLedger.FinishedStates.Contains(j.Key));
        var now = DateTime.UtcNow;
        var end = finished && commits.Count > 0 ? commits.Max(c => c.At) : now;
        var elapsed = end > run.Created ? end - run.Created : TimeSpan.Zero;
        var (perMinute, eta) = Rate(commits, run.Created, end, finished, pending);
        return new RunStats
        {
            Run = run,
            Done = done,
            Failed = failed,
            Duplicates = duplicates,
            Pending = pending,
            Elapsed = elapsed,
            Finished = finished,
            PagesPerMinute = perMinute,
            Eta = eta,
            Stages = Stages(run, done + failed + duplicates, routes, webPages, decisions),
            FailedDocuments = [.. failedDocuments.OrderBy(f => f.File, StringComparer.Ordinal)],
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
            Throughput = Chart(commits, run.Created, end),
        };
    }

    /// <summary>
    /// Pages per minute over the last <see cref="RateWindow"/> of a running run (shorter when the run is younger), the
    /// whole run's once finished; the ETA divides the documents left by the documents per minute of the same window.
    /// </summary>
    private static (double PagesPerMinute, TimeSpan? Eta) Rate(List<(DateTime At, long Docs, long Pages)> commits, DateTime start, DateTime end, bool finished, int pending)
    {
        var from = finished ? start : Max(start, end - RateWindow);
        var minutes = (end - from).TotalMinutes;
        if (minutes <= 0)
        {
            return (0, null);
        }

        var recent = commits.Where(c => c.At >= from && c.At <= end).ToList();
        var pages = recent.Sum(c => c.Pages) / minutes;
        var docs = recent.Sum(c => c.Docs) / minutes;
        TimeSpan? eta = finished ? TimeSpan.Zero : docs > 0 ? TimeSpan.FromMinutes(pending / docs) : null;
        return (pages, eta);
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    /// <summary>Cumulative documents and pages at <see cref="ChartPoints"/> evenly spaced times (a point per commit would be 1–2 points for a short run).</summary>
    private static List<ThroughputPoint> Chart(List<(DateTime At, long Docs, long Pages)> commits, DateTime start, DateTime end)
    {
        if (commits.Count == 0)
        {
            return [];
        }

        var first = commits.Min(c => c.At);
        start = first < start ? first : start;
        var span = end - start;
        var points = new List<ThroughputPoint>(ChartPoints + 1);
        commits.Sort((a, b) => a.At.CompareTo(b.At));
        long docs = 0, pages = 0;
        var next = 0;
        for (var i = 0; i <= ChartPoints; i++)
        {
            var at = start + (span * i / ChartPoints);
            while (next < commits.Count && commits[next].At <= at)
            {
                docs += commits[next].Docs;
                pages += commits[next].Pages;
                next++;
            }

            points.Add(new ThroughputPoint(at, docs, pages));
        }

        return points;
    }

    /// <summary>
    /// parse: documents finished of those enqueued; VLM: hard pages answered of those routed to it; web: pages
    /// extracted; judge: pages under a verdict, with the domains decided; rewrite: pages rewritten of those to rewrite.
    /// </summary>
    private static List<StageProgress> Stages(RunInfo run, int finished, Dictionary<PageRoute, long> routes, Dictionary<WebPageStatus, long> web,
        Dictionary<DomainDecision, long> decisions)
    {
        var vlmDone = routes.GetValueOrDefault(PageRoute.Vlm);
        var vlmPending = routes.GetValueOrDefault(PageRoute.VlmPending);
        var vlmFailed = routes.GetValueOrDefault(PageRoute.VlmFailed);
        var webAll = web.Values.Sum();
        var judged = web.GetValueOrDefault(WebPageStatus.Kept) + web.GetValueOrDefault(WebPageStatus.Dropped)
            + web.GetValueOrDefault(WebPageStatus.RewritePending) + web.GetValueOrDefault(WebPageStatus.Rewritten);
        var toJudge = judged + web.GetValueOrDefault(WebPageStatus.Ok);
        var rewritten = web.GetValueOrDefault(WebPageStatus.Rewritten);
        var toRewrite = rewritten + web.GetValueOrDefault(WebPageStatus.RewritePending);
        var domains = decisions.Values.Sum();
        return
        [
            new("parse", finished, run.Documents, "documents", ""),
            new("VLM", vlmDone, vlmDone + vlmPending + vlmFailed, "hard pages",
                vlmPending + vlmFailed == 0 ? "" : $"{vlmPending} pending, {vlmFailed} failed"),
            new("web", webAll - web.GetValueOrDefault(WebPageStatus.Failed), webAll, "pages extracted", web.GetValueOrDefault(WebPageStatus.Failed) is var f and > 0 ? $"{f} failed" : ""),
            new("judge", judged, toJudge, "pages under a verdict", domains > 0 ? $"{domains} domains decided" : ""),
            new("rewrite", rewritten, toRewrite, "pages rewritten", ""),
        ];
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
                        numbers.FailedDocuments.Add(new FailedDocument(row.SourcePath, row.Error));
                    }

                    numbers.TokensKept += row.Status == PdfDocumentStatus.Ok && row.PendingPages == 0 ? row.Tokens : 0;
                }

                break;
            case Web.WebCorpusRunner.DocumentsTable:
                foreach (var row in await ReadColumnsAsync<WebSlice>(path, ct))
                {
                    numbers.WebPages[row.Status] = numbers.WebPages.GetValueOrDefault(row.Status) + 1;
                    if (row.Status == WebPageStatus.Failed && row.Error is not null)
                    {
                        var reason = PdfCorpusRunner.ReasonKey(row.Error);
                        numbers.Failures[reason] = numbers.Failures.GetValueOrDefault(reason) + 1;
                        numbers.FailedDocuments.Add(new FailedDocument(row.Url, row.Error));
                    }
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
        [JsonPropertyName("source_path")] public string SourcePath { get; set; } = "";
        [JsonPropertyName("error")] public string? Error { get; set; }
        [JsonPropertyName("tokens")] public long Tokens { get; set; }
        [JsonPropertyName("pending_pages")] public int PendingPages { get; set; }
    }

    private sealed class WebSlice
    {
        [JsonPropertyName("url")] public string Url { get; set; } = "";
        [JsonPropertyName("status")] public string StatusWire { get => Status.ToWire(); set => Status = Output.StatusWire.ParseWebPageStatus(value); }
        [JsonIgnore] public WebPageStatus Status { get; set; }
        [JsonPropertyName("error")] public string? Error { get; set; }
    }

    private sealed class DecisionSlice
    {
        [JsonPropertyName("decision")] public string DecisionWire { get => Decision.ToWire(); set => Decision = DomainDecisions.Parse(value); }
        [JsonIgnore] public DomainDecision Decision { get; set; }
    }
}
