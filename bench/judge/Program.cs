using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using SciCurate.DomainFilter.Judge;
using SciCurate.DomainFilter.Web;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Web;
using SciCurate.Bench.Judge;
using SciCurate.TestSupport;

// `run.sh science [--pages FILE] [--model FILE] [--rounds N] [--scorer both|model|lexical]`: page scoring speed.
if (args.Length > 0 && args[0] == "science")
{
    return ScienceScoringBench.Run(args[1..]);
}

// A synthetic crawl: domain i (0-based, of D) gets round(10^(4 i / (D-1))) pages, scaled so the total is N, each
// count kept in [1, 10,000]: half the domains have under ~100 pages, a few have 10,000.
var pagesTotal = IntArg("--pages", 1_000_000);
var domainCount = IntArg("--domains", 1000);
var runStage = !args.Contains("--no-stage");
var runLlm = !args.Contains("--no-llm");

var counts = PageCounts(domainCount, pagesTotal);
Console.WriteLine((
    $"crawl: {domainCount:N0} domains, {counts.Sum():N0} pages; pages per domain min {counts.Min()}, median {counts.Order().ElementAt(domainCount / 2)}, max {counts.Max():N0}; {Environment.ProcessorCount} cores"));

string[] suffixes = ["com", "org", "co.uk", "ac.jp", "github.io", "edu", "de", "blogspot.com"];
string[] prefixes = ["www.", "", "blog.", "docs."];
string[] sections = ["wiki", "questions", "blog", "tags", "papers"];
var pages = new List<(string DocId, string Url, int FailedRules, int Domain)>(pagesTotal);
for (var d = 0; d < domainCount; d++)
{
    var site = $"site{d}.{suffixes[d % suffixes.Length]}";
    for (var p = 0; p < counts[d]; p++)
    {
        var url = $"https://{prefixes[p % prefixes.Length]}{site}/{sections[(p / 3) % sections.Length]}/{p}";
        pages.Add(($"{d:x4}{p:x6}", url, (int)(DomainSampler.PathKey(url).Length + p) % 4 == 0 ? 1 : 0, d));
    }
}

// Grouping: the registered domain of every URL, then pages into per-domain lists.
var sampler = new DomainSampler(new DomainSamplerOptions { SampleSize = 8 });
for (var round = 0; round < 2; round++)
{
    var clock = Stopwatch.StartNew();
    var groups = new Dictionary<string, List<PageRef>>(StringComparer.Ordinal);
    foreach (var (docId, url, failed, _) in pages)
    {
        var domain = RegisteredDomain.OfUrl(url);
        if (!groups.TryGetValue(domain, out var list))
        {
            groups[domain] = list = [];
        }

        list.Add(new PageRef(docId, url, domain, PageRef.QualityOf(failed)));
    }

    var grouped = clock.Elapsed;
    clock.Restart();
    var sampled = 0;
    foreach (var list in groups.Values)
    {
        sampled += sampler.Sample(list).Count;
    }

    var sampling = clock.Elapsed;
    Console.WriteLine((
        $"{(round == 0 ? "cold" : "warm")}: grouping {pages.Count / grouped.TotalSeconds:N0} pages/s ({grouped.TotalSeconds:F2} s, {groups.Count:N0} domains); "
        + $"sampling {pages.Count / sampling.TotalSeconds:N0} pages/s ({sampling.TotalSeconds:F2} s, {sampled:N0} pages sampled); "
        + $"both {pages.Count / (grouped + sampling).TotalSeconds:N0} pages/s"));
    if (groups.Count != domainCount)
    {
        throw new InvalidOperationException($"expected {domainCount} registered domains, grouped {groups.Count}");
    }
}

Console.WriteLine((
    $"judge calls: {domainCount:N0} conversations (one per domain, k = 8) for {pagesTotal:N0} pages = {domainCount * 1000.0 / pagesTotal:F2} per 1,000 pages, against 1,000 per 1,000 judging every page"));

if (!runStage)
{
    return 0;
}

var dir = Directory.CreateTempSubdirectory("judge-bench-").FullName;
try
{
    var store = new OutputStore(Path.Combine(dir, "out"));
    var write = Stopwatch.StartNew();
    await WriteCrawlAsync(store, pages);
    Console.WriteLine($"wrote web_documents: {pages.Count:N0} rows in {write.Elapsed.TotalSeconds:F1} s (setup, not the stage)");

    var offline = await StageAsync(store, null, rejudge: false);
    Console.WriteLine((
        $"stage, offline judge: {offline.Pages:N0} pages in {offline.Elapsed.TotalSeconds:F1} s = {offline.Pages / offline.Elapsed.TotalSeconds:N0} pages/s (3 passes over Parquet + write); "
        + $"domains {offline.Domains}: " + string.Join(", ", offline.DomainsByDecision.Select(d => $"{d.Key.ToWire()} {d.Value}"))));

    if (runLlm)
    {
        await using var server = await FakeChatServer.StartAsync();
        server.Responder = r =>
        {
            var domain = r.Texts.Select(t => Regex.Match(t, @"^Domain: (\S+)", RegexOptions.Multiline)).FirstOrDefault(m => m.Success)?.Groups[1].Value ?? "";
            var keep = domain.GetHashCode(StringComparison.Ordinal) % 3 != 0;
            return Reply.Answer(new JsonObject
            {
                ["decision"] = keep ? "keep" : "drop",
                ["science_score"] = keep ? 0.9 : 0.1,
                ["quality_score"] = 0.8,
                ["reason"] = "bench",
            }.ToJsonString(), promptTokens: 3000, completionTokens: 40);
        };
        var llm = await StageAsync(store, server, rejudge: true);
        Console.WriteLine((
            $"stage, LLM judge (in-process chat server, no model latency): {llm.Pages:N0} pages in {llm.Elapsed.TotalSeconds:F1} s; "
            + $"judge calls {llm.JudgeCalls:N0} (server saw {server.RequestCount:N0} requests) for {llm.Pages:N0} pages = {llm.JudgeCalls * 1000.0 / llm.Pages:F2} per 1,000 pages; "
            + $"tokens {llm.PromptTokens:N0} in, {llm.CompletionTokens:N0} out"));

        var again = await StageAsync(store, server, rejudge: false);
        Console.WriteLine((
            $"second run, same output: {again.DomainsReused:N0} verdicts reused, {again.JudgeCalls} judge calls, wrote a new generation: {again.Wrote}, {again.Elapsed.TotalSeconds:F1} s"));
    }
}
finally
{
    Directory.Delete(dir, recursive: true);
}

return 0;

async Task<JudgeSummary> StageAsync(OutputStore store, FakeChatServer? server, bool rejudge)
{
    var path = Path.Combine(dir, server is null ? "offline.json" : "llm.json");
    var llm = server is null ? "" : $$"""
        "Llm": { "Endpoint": "{{server.OpenAIBaseUrl}}", "Model": "bench-judge", "MaxConcurrency": 16, "TimeoutSeconds": 60, "RetryBaseDelaySeconds": 0.01 },
        """;
    File.WriteAllText(path, $$"""{ {{llm}} "Judge": { "SqlitePath": "{{Path.Combine(dir, "decisions.sqlite")}}" } }""");
    var config = CurateConfig.Load(path);
    await using var handle = await JudgeStageFactory.CreateAsync(config, NullLoggerFactory.Instance, store.Root);
    return await handle.Stage.RunAsync(store, JudgeMode.Judge, rejudge, CancellationToken.None);
}

static async Task WriteCrawlAsync(OutputStore store, List<(string DocId, string Url, int FailedRules, int Domain)> pages)
{
    const string science = "The eigenvalues of a symmetric matrix are real; the integral of the derivative equals the difference of the function's values. In the experiment the wavelength was 532 nm.";
    const string shop = "Big summer sale! Add to cart now and enjoy free shipping on all orders. Use the discount code for 20% off. Buy now while stocks last, best price guaranteed.";
    var config = new RunOptions();
    var shards = new List<PendingShard>();
    ShardWriter<WebDocumentRow>? writer = null;
    var n = 0;
    foreach (var (docId, url, failed, domain) in pages)
    {
        if (writer is null)
        {
            var name = $"part-bench-{n++:D5}.parquet";
            writer = new ShardWriter<WebDocumentRow>(DomainJudgeStage.DocumentsTable, store.NewTempPath(DomainJudgeStage.DocumentsTable, name), config.RowGroupRows, r => r.Text.Length);
        }

        var text = domain % 2 == 0 ? science : shop;
        await writer.AddAsync(new WebDocumentRow
        {
            DocId = docId,
            Url = url,
            Domain = RegisteredDomain.OfUrl(url),
            Source = "bench",
            Status = WebPageStatus.Ok,
            Title = url,
            Language = "en",
            Text = text,
            CharCount = text.Length,
            FailedRules = failed > 0 ? ["fineweb_short_line_ratio"] : [],
        }, CancellationToken.None);
        if (writer.Rows >= config.ShardMaxRows)
        {
            await writer.CompleteAsync(CancellationToken.None);
            shards.Add(new PendingShard(DomainJudgeStage.DocumentsTable, writer.TempPath, $"part-bench-{n - 1:D5}.parquet", writer.Rows, "bench", 1));
            writer = null;
        }
    }

    if (writer is not null && await writer.CompleteAsync(CancellationToken.None))
    {
        shards.Add(new PendingShard(DomainJudgeStage.DocumentsTable, writer.TempPath, $"part-bench-{n - 1:D5}.parquet", writer.Rows, "bench", 1));
    }

    store.Commit(shards, new Dictionary<string, InputEntry>());
}

static int[] PageCounts(int domains, int total)
{
    // 10^(4 x^p) for x from 0 to 1: 1 page to 10,000; p (found by bisection) sets the total.
    int[] Counts(double p) => Enumerable.Range(0, domains)
        .Select(i => (int)Math.Round(Math.Pow(10, 4 * Math.Pow((double)i / Math.Max(1, domains - 1), p)))).ToArray();
    double lo = 0.2, hi = 5;
    for (var k = 0; k < 60; k++)
    {
        var mid = (lo + hi) / 2;
        if (Counts(mid).Sum() > total)
        {
            lo = mid;
        }
        else
        {
            hi = mid;
        }
    }

    var counts = Counts(hi);
    var diff = total - counts.Sum();
    for (var i = domains - 2; diff != 0; i = i <= 0 ? domains - 2 : i - 1)
    {
        var step = Math.Sign(diff);
        if (counts[i] + step is >= 1 and <= 10_000)
        {
            counts[i] += step;
            diff -= step;
        }
    }

    return counts;
}

int IntArg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
