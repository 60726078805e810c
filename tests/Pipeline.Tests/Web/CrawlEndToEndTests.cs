using System.CommandLine;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SciCurate.Pipeline.Cli;
using SciCurate.TestSupport;
using static SciCurate.Pipeline.Tests.Web.JudgeTestCorpus;

namespace SciCurate.Pipeline.Tests.Web;

/// <summary>
/// `curate run` over a JSONL crawl made from the benchmark pages, a small science site and hostile lines, then
/// `curate stats` and `curate reprocess --stage judge` with an LLM at a real chat-completions server on 127.0.0.1.
/// </summary>
[Collection("console")]
[Trait("Category", "Slow")]
public sealed class CrawlEndToEndTests : IAsyncLifetime
{
    private FakeChatServer _server = null!;
    private string _dir = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeChatServer.StartAsync();
        _dir = Directory.CreateTempSubdirectory("judge-crawl-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Writes the crawl; returns the number of non-blank lines (each must become a row).</summary>
    private static int WriteCrawl(string path)
    {
        var lines = new List<string>();
        var benchmark = Path.Combine(AppContext.BaseDirectory, "data", "web", "article-extraction-benchmark");
        using (var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(benchmark, "ground-truth.json"))))
        {
            foreach (var file in Directory.GetFiles(Path.Combine(benchmark, "html"), "*.html.gz").Order(StringComparer.Ordinal))
            {
                var id = Path.GetFileName(file)[..^".html.gz".Length];
                using var gz = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
                using var reader = new StreamReader(gz, Encoding.UTF8);
                var url = truth.RootElement.GetProperty(id).GetProperty("url").GetString();
                lines.Add(new JsonObject { ["url"] = url, ["html"] = reader.ReadToEnd() }.ToJsonString());
            }
        }

        Assert.True(lines.Count >= 4, $"{lines.Count} benchmark pages found under {benchmark}");
        for (var i = 0; i < 5; i++)
        {
            var html = $"<html><head><title>Lecture {i}</title></head><body><nav>Home | Courses</nav><article><h1>Lecture {i}</h1>"
                + string.Join("", MathText.Split('\n').Select(l => $"<p>{l} Section {i}.</p>")) + "</article></body></html>";
            lines.Add(new JsonObject { ["url"] = $"https://www{i % 2}.math.example.ac.uk/notes/lecture-{i}", ["html"] = html }.ToJsonString());
        }

        // A crawl that revisits a page: the second copy is recorded as a duplicate, never judged.
        lines.Add(new JsonObject { ["url"] = "https://WWW0.math.example.ac.uk/notes/lecture-0#again", ["html"] = "<p>revisited</p>" }.ToJsonString());
        lines.Add("""{"url": "https://broken.example.org/1", "html": "<p>cut off""");
        lines.Add("not json at all");
        lines.Add("""{"html": "<p>a page without a url</p>"}""");
        lines.Add(new string('[', 5000) + new string(']', 5000));
        lines.Add(new JsonObject
        {
            ["url"] = "https://deep.example.net/nested",
            ["html"] = string.Concat(Enumerable.Repeat("<div>", 20_000)) + "deep text" + string.Concat(Enumerable.Repeat("</div>", 20_000)),
        }.ToJsonString());
        File.WriteAllText(path, string.Join("\n", lines.Take(3)) + "\n\n" + string.Join("\n", lines.Skip(3)) + "\n");
        return lines.Count;
    }

    private static async Task<(int Code, string Output)> CurateAsync(params string[] args)
    {
        var root = CurateCommand.Create();
        var original = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            var code = await root.Parse(args).InvokeAsync();
            return (code, captured.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    [Fact]
    public async Task Run_OverHostileJsonlCrawl_LeavesEveryLineAsARow_JudgedOrFailedWithReason()
    {
        var crawl = Path.Combine(_dir, "crawl.jsonl");
        var lines = WriteCrawl(crawl);
        var output = Path.Combine(_dir, "out");
        var offlineConfig = Config(_dir, null, Path.Combine(_dir, "decisions.sqlite")).SourcePath!;

        var (code, text) = await CurateAsync("run", crawl, "--out", output, "--config", offlineConfig);
        Assert.True(code == 0, text);
        Assert.Contains("offline", text, StringComparison.Ordinal);

        var docs = Path.Combine(output, "web_documents", "*.parquet");
        Assert.Equal((long)lines, Query($"select count(*) from read_parquet('{docs}')")[0][0]);
        Assert.Equal((long)lines - 1, Query($"select count(distinct doc_id) from read_parquet('{docs}')")[0][0]);
        Assert.Equal([["duplicate", null]], Query($"select status, decision from read_parquet('{docs}') where doc_id in (select doc_id from read_parquet('{docs}') group by doc_id having count(*) > 1) and status <> 'kept'"));

        // Malformed lines: failed with a reason, never judged.
        var failed = Query($"select error from read_parquet('{docs}') where status = 'failed'");
        Assert.True(failed.Count >= 4, $"{failed.Count} failed rows");
        Assert.All(failed, r => Assert.False(string.IsNullOrWhiteSpace((string?)r[0])));
        Assert.Equal(0L, Query($"select count(*) from read_parquet('{docs}') where status = 'failed' and decision is not null")[0][0]);

        // Everything else carries its domain's offline verdict.
        Assert.Equal(0L, Query($"select count(*) from read_parquet('{docs}') where status not in ('failed', 'duplicate', 'kept', 'dropped', 'rewrite_pending')")[0][0]);
        Assert.Equal(0L, Query($"select count(*) from read_parquet('{docs}') where status not in ('failed', 'duplicate') and (decision is null or judge <> 'offline' or decision_reason is null)")[0][0]);
        Assert.Equal(
            [["example.ac.uk", 5L]],
            Query($"select domain, count(*) from read_parquet('{docs}') where domain = 'example.ac.uk' and decision = 'keep' group by domain"));
        var decisions = Path.Combine(output, "domain_decisions", "*.parquet");
        Assert.Equal(
            Query($"select count(distinct domain) from read_parquet('{docs}') where status <> 'failed'")[0][0],
            Query($"select count(*) from read_parquet('{decisions}')")[0][0]);

        // curate stats shows the judge section.
        var (statsCode, stats) = await CurateAsync("stats", output, "--config", offlineConfig);
        Assert.Equal(0, statsCode);
        Assert.Contains("Web domains by decision", stats, StringComparison.Ordinal);
        Assert.Contains("LLM judge calls per 1,000 web pages", stats, StringComparison.Ordinal);

        // With an endpoint, reprocess --stage judge asks the LLM once per domain (offline verdicts are not the LLM's).
        _server.Responder = GoodModel;
        var llmConfig = Config(_dir, _server, Path.Combine(_dir, "decisions.sqlite")).SourcePath!;
        var domains = (long)Query($"select count(*) from read_parquet('{decisions}')")[0][0]!;
        var (again, judged) = await CurateAsync("reprocess", output, "--stage", "judge", "--config", llmConfig);
        Assert.True(again == 0, judged);
        Assert.Equal(domains, _server.Requests.Count(IsJudgeRequest));
        Assert.Equal(domains, _server.Requests.Where(IsJudgeRequest).Select(DomainOf).Distinct().LongCount());
        Assert.Equal((long)lines, Query($"select count(*) from read_parquet('{docs}')")[0][0]);
        Assert.Equal(0L, Query($"select count(*) from read_parquet('{docs}') where status <> 'failed' and judge <> 'judge-model-7b'")[0][0]);
    }
}
