using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SciCurate.Pipeline.Cli;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Stats;
using SciCurate.TestSupport;
using SciCurate.Pipeline.Hosting;

namespace SciCurate.Pipeline.Tests.Pdf;

/// <summary>
/// The VLM route end to end: real PDFs, real worker processes, pdftoppm, a real chat-completions server on 127.0.0.1,
/// Parquet read back with DuckDB.
/// </summary>
[Trait("Category", "Slow")]
public sealed class VlmRouteTests : IAsyncLifetime
{
    private const string Model = "qwen2.5-vl-7b-instruct";
    private readonly string _dir = Directory.CreateTempSubdirectory("curate-vlm-").FullName;
    private FakeChatServer _server = null!;

    private string Inputs => Path.Combine(_dir, "in");

    private string Out => Path.Combine(_dir, "out");

    public async Task InitializeAsync()
    {
        _server = await FakeChatServer.StartAsync();
        // Each page gets an answer naming its image, so a test can tell which answer belongs to which request.
        _server.Responder = r => Reply.Answer(AnswerFor(r), promptTokens: 1500, completionTokens: 300);
        Directory.CreateDirectory(Inputs);
        foreach (var name in new[] { "mixed.pdf", "blank.pdf" })
        {
            File.Copy(TestData.Path("tests", "Pipeline.Tests", "data", "vlm", name), Path.Combine(Inputs, name));
        }
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static string AnswerFor(RecordedRequest r)
    {
        var image = r.Images.Count == 1 ? Convert.ToHexStringLower(SHA256.HashData(r.Images[0].Bytes))[..12] : "no-image";
        return $"## Read by the VLM {image}\n\nThe flux is $\\Phi = \\oint_S \\mathbf{{B}} \\cdot d\\mathbf{{A}}$.";
    }

    /// <summary>
    /// The route's config. The detector is the text-layer rule alone, so which pages are hard does not depend on the
    /// shipped model (the detector has its own tests): the image page and the near-empty pages, never the text page.
    /// </summary>
    private CurateConfig Config(bool endpoint, string kind = ChatEndpointOptions.KindOpenAI, int timeoutSeconds = 20, int maxRetries = 4,
        string cacheDir = "")
    {
        var url = kind == ChatEndpointOptions.KindAzure ? _server.AzureEndpoint.ToString() : _server.OpenAIBaseUrl.ToString();
        var path = Path.Combine(_dir, $"curate-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""
            {
              "Run": { "Workers": 1, "CheckpointSeconds": 3600 },
              "Detector": { "Kind": "none" },
              "Vlm": {
                "Endpoint": "{{(endpoint ? url : "")}}", "Model": "{{Model}}", "Kind": "{{kind}}",
                "MaxConcurrency": 4, "TimeoutSeconds": {{timeoutSeconds}}, "MaxRetries": {{maxRetries}},
                "RetryBaseDelaySeconds": 0.05, "RetryMaxDelaySeconds": 5, "CircuitBreakerFailures": 0,
                "PromptPricePer1K": 0.001, "CompletionPricePer1K": 0.002
              },
              "VlmStage": { "CacheDir": "{{cacheDir}}" },
              "VlmParser": { "MaxAnswerAttempts": 2 },
              "PageRender": { "Dpi": 72, "MaxPixels": 800 }
            }
            """);
        var config = CurateConfig.Load(path);
        config.Vlm.ApiKey = "sk-test-key";
        return config;
    }

    private static Composition Compose(CurateConfig config) => new(config, NullLoggerFactory.Instance);

    private async Task<RunSummary> RunAsync(CurateConfig config, string? outDir = null) =>
        await Compose(config).CreatePdfRunner(outDir ?? Out).RunAsync(new RunRequest([Inputs], outDir ?? Out));

    private async Task<ReprocessSummary> ReprocessAsync(CurateConfig config, bool retryFailed = false)
    {
        var composition = Compose(config);
        using var stage = composition.CreateVlmStage(Out);
        return await new VlmReprocessor(stage, config.Run, NullLogger<VlmReprocessor>.Instance).RunAsync(Out, retryFailed);
    }

    private static Dictionary<(string File, int Page), (string Route, string Markdown, string? Error, string? Model, long Prompt)> Pages(string outDir)
    {
        var rows = ParquetCheck.Query(outDir, "pdf_pages",
            "regexp_extract(d.source_path, '[^/]+$'), p.page_no, p.route, p.markdown, p.error, p.vlm_model, p.prompt_tokens",
            "p join read_parquet([" + string.Join(", ", new OutputStore(outDir).Read().Shards.Where(s => s.Value.Table == "pdf_documents")
                .Select(s => $"'{Path.Combine(outDir, s.Key)}'")) + "]) d using (doc_id)");
        return rows.ToDictionary(r => ((string)r[0]!, Convert.ToInt32(r[1])), r => ((string)r[2]!, (string)r[3]!, (string?)r[4], (string?)r[5], Convert.ToInt64(r[6])));
    }

    private static string DocumentMarkdown(string outDir, string file) =>
        (string)ParquetCheck.Query(outDir, "pdf_documents", "markdown", $"where source_path like '%/{file}'").Single()[0]!;

    [Fact]
    public async Task RunWithoutEndpoint_MarksHardPagesPending_ThenReprocessReadsThem_AndRemergesDocuments()
    {
        var run = await RunAsync(Config(endpoint: false));

        Assert.Equal(2, run.DocumentsOk);
        Assert.Equal(3, run.PendingPages);
        var before = Pages(Out);
        Assert.Equal(PageRoute.Cheap.ToWire(), before[("mixed.pdf", 1)].Route);
        Assert.Equal(PageRoute.VlmPending.ToWire(), before[("mixed.pdf", 2)].Route);
        Assert.Equal(PageRoute.VlmPending.ToWire(), before[("mixed.pdf", 3)].Route);
        Assert.Equal(PageRoute.VlmPending.ToWire(), before[("blank.pdf", 1)].Route);
        Assert.Equal(0, _server.RequestCount);
        var cheapPage1 = before[("mixed.pdf", 1)].Markdown;
        Assert.True(cheapPage1.Length > 1000);

        var summary = await ReprocessAsync(Config(endpoint: true));

        Assert.Equal(3, summary.Candidates);
        Assert.Equal(3, summary.Read);
        Assert.Equal(0, summary.Failed);
        Assert.Equal(2, summary.DocumentsMerged);
        Assert.Equal(3, _server.RequestCount);
        foreach (var request in _server.Requests)
        {
            Assert.Equal("/v1/chat/completions", request.Path);
            Assert.Equal(Model, request.Model);
            var image = Assert.Single(request.Images);
            Assert.Equal("image/png", image.MediaType);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], image.Bytes[..4]);
            Assert.Contains(request.Texts, t => t.Contains("LaTeX", StringComparison.Ordinal));
        }

        var answers = _server.Requests.Select(AnswerFor).ToHashSet();
        Assert.Equal(3, answers.Count);
        var after = Pages(Out);
        Assert.Equal(4, after.Count);
        Assert.DoesNotContain(after.Values, p => p.Route == PageRoute.VlmPending.ToWire());
        foreach (var key in new[] { ("mixed.pdf", 2), ("mixed.pdf", 3), ("blank.pdf", 1) })
        {
            Assert.Equal(PageRoute.Vlm.ToWire(), after[key].Route);
            Assert.Contains(after[key].Markdown, answers);
            Assert.Equal(Model, after[key].Model);
            Assert.Equal(1500, after[key].Prompt);
        }

        Assert.Equal(cheapPage1, after[("mixed.pdf", 1)].Markdown);
        var merged = DocumentMarkdown(Out, "mixed.pdf");
        Assert.StartsWith(cheapPage1, merged, StringComparison.Ordinal);
        Assert.Contains(after[("mixed.pdf", 2)].Markdown, merged, StringComparison.Ordinal);
        Assert.Contains(after[("mixed.pdf", 3)].Markdown, merged, StringComparison.Ordinal);
        Assert.True(merged.IndexOf(after[("mixed.pdf", 2)].Markdown, StringComparison.Ordinal) < merged.IndexOf(after[("mixed.pdf", 3)].Markdown, StringComparison.Ordinal));
        var docs = ParquetCheck.Query(Out, "pdf_documents", "pending_pages, hard_pages, page_count", "order by page_count desc");
        Assert.Equal([0, 0], docs.Select(d => Convert.ToInt32(d[0])));
        var manifest = new OutputStore(Out).Read();
        Assert.All(manifest.Shards.Values, s => Assert.Equal(2, s.Generation));
        Assert.All(manifest.Shards.Keys, k => Assert.True(File.Exists(Path.Combine(Out, k))));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(Out, "pdf_pages")).Length + Directory.GetFiles(Path.Combine(Out, "pdf_documents")).Length);
    }

    [Fact]
    public async Task Reprocess_Twice_DoesNothingTheSecondTime()
    {
        await RunAsync(Config(endpoint: false));
        var config = Config(endpoint: true);
        await ReprocessAsync(config);
        var manifestBefore = File.ReadAllText(new OutputStore(Out).ManifestPath);
        var requests = _server.RequestCount;

        var second = await ReprocessAsync(config);

        Assert.Equal(0, second.Candidates);
        Assert.Equal(0, second.ShardsWritten);
        Assert.Equal(requests, _server.RequestCount);
        Assert.Equal(manifestBefore, File.ReadAllText(new OutputStore(Out).ManifestPath));
    }

    [Fact]
    public async Task Reprocess_LosesNoPage_When429500HungAndMalformedAnswersAreInjected()
    {
        await RunAsync(Config(endpoint: false));
        _server.Enqueue(Reply.TooManyRequests(1), Reply.Status(500), Reply.Hang(), Reply.MalformedJson());

        var summary = await ReprocessAsync(Config(endpoint: true, timeoutSeconds: 2));

        Assert.Equal(3, summary.Read);
        Assert.Equal(0, summary.Failed);
        Assert.Equal(3 + 4, _server.RequestCount);
        var pages = Pages(Out);
        Assert.Equal(3, pages.Values.Count(p => p.Route == PageRoute.Vlm.ToWire()));
        Assert.Equal(1, pages.Values.Count(p => p.Route == PageRoute.Cheap.ToWire()));
        var answered = _server.Requests.Skip(4).Select(AnswerFor).ToHashSet();
        Assert.All(pages.Values.Where(p => p.Route == PageRoute.Vlm.ToWire()), p => Assert.Contains(p.Markdown, answered));
    }

    [Fact]
    public async Task Run_WithAzureDeployment_ReadsHardPagesDuringTheRun()
    {
        var run = await RunAsync(Config(endpoint: true, kind: ChatEndpointOptions.KindAzure));

        Assert.Equal(0, run.PendingPages);
        Assert.Equal(3, _server.RequestCount);
        Assert.All(_server.Requests, r =>
        {
            Assert.Equal($"/openai/deployments/{Model}/chat/completions", r.Path);
            Assert.Contains("api-version=", r.Query, StringComparison.Ordinal);
            Assert.Equal("sk-test-key", r.Headers["api-key"]);
            Assert.Single(r.Images);
        });
        var pages = Pages(Out);
        Assert.Equal(PageRoute.Vlm.ToWire(), pages[("mixed.pdf", 2)].Route);
        Assert.Contains(pages[("mixed.pdf", 2)].Markdown, DocumentMarkdown(Out, "mixed.pdf"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithEndpoint_ReadsPagesOfDifferentDocumentsConcurrently()
    {
        // The model answers nothing until all three hard pages (two documents) are in flight at once: parsing must
        // not wait for one document's pages before the next document's are sent.
        _server.HoldReplies();
        var run = RunAsync(Config(endpoint: true));
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (_server.InFlight < 3 && !run.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var inFlight = _server.InFlight;
        _server.ReleaseReplies();
        var summary = await run;

        Assert.Equal(3, inFlight);
        Assert.Equal(2, summary.DocumentsOk);
        Assert.Equal(3, _server.RequestCount);
        Assert.Equal(0, summary.PendingPages);
    }

    [Fact]
    public async Task FailingEndpoint_KeepsPagesPending_WithCheapText_AndReprocessReadsThemOnceItRecovers()
    {
        // 503 on every call: the endpoint's trouble, not the pages'. They stay pending (issue 15), not vlm_failed.
        _server.Responder = _ => Reply.Status(503);
        var run = await RunAsync(Config(endpoint: true, maxRetries: 1));

        Assert.Equal(3, run.PendingPages);
        var pending = Pages(Out);
        Assert.Equal(PageRoute.VlmPending.ToWire(), pending[("mixed.pdf", 3)].Route);
        Assert.Contains("503", pending[("mixed.pdf", 3)].Error, StringComparison.Ordinal);
        Assert.StartsWith("endpoint trouble", pending[("mixed.pdf", 3)].Error, StringComparison.Ordinal);
        Assert.Equal(PageRoute.VlmPending.ToWire(), pending[("mixed.pdf", 2)].Route);
        Assert.True(pending[("mixed.pdf", 3)].Markdown.Length > 0, "the cheap text of a pending page is kept");
        Assert.Equal(6, _server.RequestCount);

        // 429 on every call during a reprocess: still pending, nothing failed.
        _server.Responder = _ => Reply.TooManyRequests(0);
        var throttled = await ReprocessAsync(Config(endpoint: true, maxRetries: 1));
        Assert.Equal(0, throttled.Read);
        Assert.DoesNotContain(Pages(Out).Values, p => p.Route == PageRoute.VlmFailed.ToWire());

        // The endpoint recovers: a plain reprocess (no --retry-failed) reads them.
        _server.Responder = r => Reply.Answer(AnswerFor(r));
        var recovered = await ReprocessAsync(Config(endpoint: true));

        Assert.Equal(3, recovered.Read);
        var pages = Pages(Out);
        Assert.DoesNotContain(pages.Values, p => p.Route == PageRoute.VlmFailed.ToWire() || p.Route == PageRoute.VlmPending.ToWire());
        Assert.Null(pages[("mixed.pdf", 3)].Error);
    }

    [Fact]
    public async Task AnswerCache_AnotherOutputWithTheSameCache_PaysNothing()
    {
        var cache = Path.Combine(_dir, "cache");
        await RunAsync(Config(endpoint: true, cacheDir: cache));
        Assert.Equal(3, _server.RequestCount);

        await RunAsync(Config(endpoint: true, cacheDir: cache), Path.Combine(_dir, "out2"));

        Assert.Equal(3, _server.RequestCount);
        var cached = ParquetCheck.Query(Path.Combine(_dir, "out2"), "pdf_pages", "count(*)", "where route = 'vlm' and vlm_cached");
        Assert.Equal(3L, Convert.ToInt64(cached.Single()[0]));
    }

    [Fact]
    public async Task Stats_ReportsRoutesTokensAndCostPerThousandPages()
    {
        await RunAsync(Config(endpoint: false));
        var pending = await new PdfRoutingStats().ComputeResultAsync(new OutputStore(Out), Config(endpoint: false).Vlm, default);
        Assert.NotNull(pending);
        Assert.Equal(3, pending.Routes.Single(r => r.Route == PageRoute.VlmPending).Pages);
        Assert.Null(pending.AllVlmCostPer1000Pages);

        await ReprocessAsync(Config(endpoint: true));
        var config = Config(endpoint: true);
        var stats = await new PdfRoutingStats().ComputeResultAsync(new OutputStore(Out), config.Vlm, default);

        Assert.NotNull(stats);
        Assert.Equal(4, stats.Pages);
        Assert.Equal(3, stats.Vlm!.Pages);
        Assert.Equal(4500, stats.PromptTokens);
        Assert.Equal(900, stats.CompletionTokens);
        var perPage = 1500 * 0.001 / 1000 + 300 * 0.002 / 1000;
        Assert.Equal(3 * perPage, stats.CostUsd, 9);
        Assert.Equal(3 * perPage / 4 * 1000, stats.CostPer1000Pages!.Value, 9);
        Assert.Equal(perPage * 1000, stats.AllVlmCostPer1000Pages!.Value, 9);
        var tables = await new PdfRoutingStats().ComputeAsync(new OutputStore(Out), config, default);
        Assert.Equal(0.75, tables[0].Values["cost_share_of_all_vlm"], 9);
    }
}
