using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SciCurate.Pipeline.Cli;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Pdf;
using SciCurate.TestSupport;
using SciCurate.Pipeline.Hosting;

namespace SciCurate.Pipeline.Tests.Cli;

/// <summary>`curate reprocess` and `curate stats` as a user runs them: the real executable, configuration from the environment.</summary>
[Trait("Category", "Slow")]
public sealed class VlmCommandsTests : IAsyncLifetime
{
    private const string Secret = "sk-never-print-me-42";
    private readonly string _dir = Directory.CreateTempSubdirectory("curate-cli-").FullName;
    private FakeChatServer _server = null!;
    private string _config = "";

    private string Out => Path.Combine(_dir, "out");

    public async Task InitializeAsync()
    {
        _server = await FakeChatServer.StartAsync();
        _server.Responder = r => Reply.Answer($"VLM page {r.Index}", promptTokens: 2000, completionTokens: 500);
        var inputs = Path.Combine(_dir, "in");
        Directory.CreateDirectory(inputs);
        File.Copy(TestData.Path("tests", "Pipeline.Tests", "data", "vlm", "mixed.pdf"), Path.Combine(inputs, "mixed.pdf"));
        _config = Path.Combine(_dir, "curate.json");
        File.WriteAllText(_config, """
            { "Run": { "Workers": 1 }, "PageRender": { "Dpi": 72 }, "Detector": { "Kind": "none" },
              "Vlm": { "PromptPricePer1K": 0.01, "CompletionPricePer1K": 0.03, "RetryBaseDelaySeconds": 0.05 } }
            """);
        var config = CurateConfig.Load(_config);
        await new Composition(config, NullLoggerFactory.Instance).CreatePdfRunner(Out).RunAsync(new RunRequest([inputs], Out));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<(int Code, string Stdout, string Stderr)> CurateAsync(bool endpoint, params string[] args)
    {
        var env = endpoint
            ? new Dictionary<string, string>
            {
                ["CURATE__Vlm__Endpoint"] = _server.OpenAIBaseUrl.ToString(),
                ["CURATE__Vlm__Model"] = "cli-vlm",
                ["CURATE__Vlm__ApiKey"] = Secret,
            }
            : null;
        return CurateProcess.RunAsync([.. args, "--config", _config], env);
    }

    [Fact]
    public async Task Reprocess_WithEndpointFromTheEnvironment_ReadsPendingPages_ThenHasNothingToDo_AndStatsReportTheCost()
    {
        var first = await CurateAsync(true, "reprocess", Out, "--stage", "vlm", "-v");

        Assert.True(first.Code == 0, first.Stderr);
        Assert.Contains("2 read by the VLM", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("documents re-merged: 1", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, _server.RequestCount);
        Assert.All(_server.Requests, r => Assert.Equal("cli-vlm", r.Model));
        Assert.All(_server.Requests, r => Assert.Equal($"Bearer {Secret}", r.Headers["Authorization"]));
        Assert.DoesNotContain(Secret, first.Stdout + first.Stderr, StringComparison.Ordinal);

        var second = await CurateAsync(true, "reprocess", Out, "--stage", "vlm");

        Assert.Equal(0, second.Code);
        Assert.Contains("nothing to do", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, _server.RequestCount);

        var stats = await CurateAsync(false, "stats", Out, "--json");

        Assert.True(stats.Code == 0, stats.Stderr);
        var values = JsonDocument.Parse(stats.Stdout).RootElement.EnumerateArray()
            .SelectMany(t => t.GetProperty("values").EnumerateObject()).ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(3, values["pages"]);
        Assert.Equal(2, values["pages_vlm"]);
        Assert.Equal(1, values["pages_cheap"]);
        var perPage = 2000 * 0.01 / 1000 + 500 * 0.03 / 1000;
        Assert.Equal(2 * perPage, values["cost_usd"], 9);
        Assert.Equal(2 * perPage / 3 * 1000, values["cost_per_1000_pages"], 9);
        Assert.Equal(perPage * 1000, values["all_vlm_cost_per_1000_pages"], 9);

        var table = await CurateAsync(false, "stats", Out);
        Assert.Contains("PDF pages per route", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("every page to the VLM", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reprocess_WithoutEndpoint_SaysHowToConfigureOne()
    {
        var result = await CurateAsync(false, "reprocess", Out, "--stage", "vlm");

        Assert.Equal(2, result.Code);
        Assert.Contains("CURATE__Vlm__Endpoint", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _server.RequestCount);
    }

    [Fact]
    public async Task Reprocess_RejectsAnUnknownStage()
    {
        var result = await CurateAsync(true, "reprocess", Out, "--stage", "ocr");

        Assert.Equal(2, result.Code);
        Assert.Contains("unknown stage 'ocr'", result.Stderr, StringComparison.Ordinal);
    }
}
