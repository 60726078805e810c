using Microsoft.Extensions.Logging.Abstractions;
using SciCurate.Detectors;
using SciCurate.Parsers.Pdf;
using SciCurate.Pipeline.Cli;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Hosting;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests.Pdf;

public sealed class HardPageRoutingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("routing-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string RepoRoot => TestData.RepoRoot;

    private static string Pdf(string name) => Path.Combine(AppContext.BaseDirectory, "detector-data", name);

    private static CurateConfig RepoConfig() => CurateConfig.Load(Path.Combine(RepoRoot, "configs", "curate.json"));

    private static async Task<IReadOnlyList<DocumentPage>> RoutePendingAsync(IReadOnlyList<PageResult> pages, HardPagePolicy policy)
    {
        var decided = DocumentPage.Decide(pages, policy);
        await new PendingHardPageStage().RouteAsync("x.pdf", decided, CancellationToken.None);
        return decided;
    }

    [Fact]
    public void Composition_UsesShippedOnnxModel_ByDefault()
    {
        var config = RepoConfig();

        var detector = new Composition(config, NullLoggerFactory.Instance).CreateDetector();

        var onnx = Assert.IsType<OnnxHardPageDetector>(detector);
        Assert.Equal(config.Detector.Threshold, onnx.Threshold);
        onnx.Dispose();
    }

    [Fact]
    public void Composition_MissingModel_IsConfigErrorNamingThePath()
    {
        var config = RepoConfig();
        config.Detector.ModelPath = Path.Combine(_dir, "gone.onnx");

        var e = Assert.Throws<ConfigException>(() => new Composition(config, NullLoggerFactory.Instance).CreateDetector());

        Assert.Contains("gone.onnx", e.Message, StringComparison.Ordinal);
        Assert.Contains("curate detector train", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_RejectsThresholdOutsideUnitInterval_NamingTheKey()
    {
        var path = Path.Combine(_dir, "curate.json");
        File.WriteAllText(path, """{ "Detector": { "Threshold": 1.5 } }""");

        var e = Assert.Throws<ConfigException>(() => CurateConfig.Load(path));

        Assert.Contains("Detector:Threshold", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_OldVlmStageMinTextChars_SaysWhereTheKeyWent()
    {
        var path = Path.Combine(_dir, "curate.json");
        File.WriteAllText(path, """{ "VlmStage": { "MinTextChars": 30 } }""");

        var e = Assert.Throws<ConfigException>(() => CurateConfig.Load(path));

        Assert.Contains("Detector:MinTextChars", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageProcessor_AndStage_RouteMathPageToVlmPending_AndProsePageCheap()
    {
        var config = RepoConfig();
        using var processor = new Composition(config, NullLoggerFactory.Instance).CreatePageProcessor();
        var pages = new List<PageResult>();
        foreach (var name in new[] { "math_2503_04086.pdf", "multi_column_miss.pdf", "edgar_image.pdf" })
        {
            var response = processor.Process(new ChunkRequest(1, Pdf(name), 1, 1), 16);
            Assert.Null(response.Error);
            pages.Add(response.Pages[0]);
        }

        var routed = await RoutePendingAsync(pages, new HardPagePolicy());

        Assert.Equal(PageRoute.VlmPending, routed[0].Route.Route);
        Assert.Contains("math_glyphs", pages[0].HardReasons);
        Assert.StartsWith("onnx:", pages[0].Detector, StringComparison.Ordinal);
        Assert.Equal(PageFeatureExtractor.Names.Count, pages[0].Features.Length);
        Assert.Equal(PageRoute.Cheap, routed[1].Route.Route);
        Assert.Equal(PageRoute.VlmPending, routed[2].Route.Route);
        Assert.Equal("no_text_layer", pages[2].HardReasons[0]);
    }

    [Fact]
    public async Task Stage_ThresholdDecides_WhichPagesArePending()
    {
        using var parsed = new PageProcessor(new PdfPigPageParser(), new OnnxHardPageDetector(Path.Combine(RepoRoot, "configs", "models", "hard_page_detector.onnx"), 0.999), new PdfOpenOptions());

        var response = parsed.Process(new ChunkRequest(1, Pdf("math_2503_04086.pdf"), 1, 1), 16);
        var routed = await RoutePendingAsync(response.Pages, new HardPagePolicy(Threshold: 0.999));

        // The same math page that is hard at the shipped threshold stays cheap when the threshold is near 1.
        Assert.True(response.Pages[0].HardScore < 0.999);
        Assert.Equal(PageRoute.Cheap, routed[0].Route.Route);
    }
}
