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

    private static PageResult Page(int no, double score, bool hard, params string[] reasons) =>
        new(no, 600, 800, [], 100, 1, [], score, hard, reasons, "test", null);

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

        var routed = await new PendingHardPageStage(1.0).RouteAsync("x.pdf", pages, CancellationToken.None);

        Assert.Equal(PageRoute.VlmPending, routed[0].Route);
        Assert.Contains("math_glyphs", pages[0].HardReasons);
        Assert.StartsWith("onnx:", pages[0].Detector, StringComparison.Ordinal);
        Assert.Equal(PageFeatureExtractor.Names.Count, pages[0].Features.Length);
        Assert.Equal(PageRoute.Cheap, routed[1].Route);
        Assert.Equal(PageRoute.VlmPending, routed[2].Route);
        Assert.Equal("no_text_layer", pages[2].HardReasons[0]);
    }

    [Fact]
    public void Selection_CapsHardShare_KeepingHighestScores()
    {
        var pages = new[]
        {
            Page(1, 0.9, true), Page(2, 0.6, true), Page(3, 0.95, true), Page(4, 0.1, false), Page(5, 0.7, true), Page(6, 0.2, false),
        };

        var hard = HardPageSelection.Select(pages, 0.34);

        // floor(0.34 * 6) = 2 pages: the two highest scores.
        Assert.Equal([true, false, true, false, false, false], hard);
    }

    [Fact]
    public void Selection_NoTextLayerPages_AreHardBeyondTheCap()
    {
        var pages = new[] { Page(1, 1, true, "no_text_layer"), Page(2, 1, true, "no_text_layer"), Page(3, 0.9, true, "math_glyphs"), Page(4, 0, false) };

        var hard = HardPageSelection.Select(pages, 0.0);

        Assert.Equal([true, true, false, false], hard);
    }

    [Fact]
    public async Task Stage_ThresholdDecides_WhichPagesArePending()
    {
        using var parsed = new PageProcessor(new PdfPigPageParser(), new OnnxHardPageDetector(Path.Combine(RepoRoot, "configs", "models", "hard_page_detector.onnx"), 0.999), new PdfOpenOptions());

        var response = parsed.Process(new ChunkRequest(1, Pdf("math_2503_04086.pdf"), 1, 1), 16);
        var routed = await new PendingHardPageStage().RouteAsync("x.pdf", response.Pages, CancellationToken.None);

        // The same math page that is hard at the shipped threshold stays cheap when the threshold is near 1.
        Assert.True(response.Pages[0].HardScore < 0.999);
        Assert.Equal(PageRoute.Cheap, routed[0].Route);
    }
}
