using Microsoft.Extensions.Logging.Abstractions;
using SciCurate.Detectors.Image;
using SciCurate.Pipeline.Cli;
using SciCurate.Pipeline.Configuration;
using SciCurate.TestSupport;
using SciCurate.Pipeline.Hosting;

namespace SciCurate.Pipeline.Tests.Pdf;

/// <summary>Detector:Kind=image end to end: a tiny YOLO-shaped ONNX model built by the test, pages rendered by pdftoppm.</summary>
[Trait("Category", "Slow")]
public sealed class ImageDetectorRunTests
{
    private const int Size = 64;

    private static string Pdf(string name) => Path.Combine(AppContext.BaseDirectory, "detector-data", name);

    /// <summary>A 2-class YOLOv8-layout model ([1, 6, 1]) reporting one box of the given size and class scores.</summary>
    private static string Model(string path, float w, float h, float inline, float isolated) =>
        OnnxGraph.ConstantDetections([1, 6, 1], [32, 32, w, h, inline, isolated], Size, names: "{0: 'inline', 1: 'isolated'}").Save(path);

    [Fact]
    public async Task Run_WithImageDetector_RoutesPagesByFormulaArea_AndRecordsTheReasons()
    {
        using var dir = TestData.NewTempDir();
        var input = Directory.CreateDirectory(dir.File("in")).FullName;
        foreach (var name in new[] { "math_2503_04086.pdf", "multi_column_miss.pdf", "edgar_image.pdf" })
        {
            File.Copy(Pdf(name), Path.Combine(input, name));
        }

        // Several pages in one chunk: the worker renders them ahead in one pdftoppm call.
        File.WriteAllBytes(Path.Combine(input, "report.pdf"), SyntheticPdf.Report("image-run", pages: 3));

        // A config file beside its model: the relative ModelPath is taken from the config's folder, in the parse workers too.
        Model(dir.File("mfd.onnx"), 40, 20, 0.1f, 0.9f);
        Model(dir.File("empty.onnx"), 40, 20, 0.1f, 0.1f);
        var config = dir.File("curate.json");
        File.WriteAllText(config, $$"""
            { "Run": { "Workers": 1 },
              "Detector": { "Kind": "image", "Image": { "ModelPath": "mfd.onnx", "InputSize": {{Size}}, "AreaThreshold": 0.05 } } }
            """);

        var formulas = await CurateProcess.RunAsync(["run", input, "--out", dir.File("out1"), "--config", config]);
        var nothing = await CurateProcess.RunAsync(["run", input, "--out", dir.File("out2"), "--config", config],
            new Dictionary<string, string> { ["CURATE__Detector__Image__ModelPath"] = dir.File("empty.onnx") });

        Assert.True(formulas.Code == 0, formulas.Stdout + formulas.Stderr);
        Assert.True(nothing.Code == 0, nothing.Stdout + nothing.Stderr);
        var withBoxes = PagesByFile(dir.File("out1"));
        var withoutBoxes = PagesByFile(dir.File("out2"));
        Assert.Equal(6, withBoxes.Count);
        Assert.Equal(6, withoutBoxes.Count);

        // 40×20 of 64² is 0.195 of the square; on the page (letterbox removed) more: well above 0.05, score capped at 1.
        foreach (var name in new[] { "math_2503_04086.pdf", "multi_column_miss.pdf", "report.pdf#1", "report.pdf#2", "report.pdf#3" })
        {
            Assert.Equal(("vlm_pending", "formula_area", 1.0), (withBoxes[name].Route, withBoxes[name].Reasons, withBoxes[name].Score));
            Assert.Equal(("cheap", "", 0.0), (withoutBoxes[name].Route, withoutBoxes[name].Reasons, withoutBoxes[name].Score));
            Assert.Matches("^image:mfd.onnx@[0-9a-f]{12}$", withBoxes[name].Detector);
            Assert.Matches("^image:empty.onnx@[0-9a-f]{12}$", withoutBoxes[name].Detector);
        }

        // A scan has no text layer: hard whatever the model says, and not rendered for it.
        Assert.Equal(("vlm_pending", "no_text_layer"), (withBoxes["edgar_image.pdf"].Route, withBoxes["edgar_image.pdf"].Reasons));
        Assert.Equal(("vlm_pending", "no_text_layer"), (withoutBoxes["edgar_image.pdf"].Route, withoutBoxes["edgar_image.pdf"].Reasons));
    }

    [Fact]
    public void Composition_BuildsTheImageDetector_AndReportsBadModelsAndKeysAsConfigErrors()
    {
        using var dir = TestData.NewTempDir();
        Model(dir.File("mfd.onnx"), 10, 10, 0.9f, 0);
        var good = dir.File("good.json");
        File.WriteAllText(good, $$"""{ "Detector": { "Kind": "image", "Image": { "ModelPath": "mfd.onnx", "InputSize": {{Size}}, "FormulaClasses": [1] } } }""");
        var wrongSize = dir.File("wrong-size.json");
        File.WriteAllText(wrongSize, """{ "Detector": { "Kind": "image", "Image": { "ModelPath": "mfd.onnx", "InputSize": 1024 } } }""");
        var badKey = dir.File("bad-key.json");
        File.WriteAllText(badKey, """{ "Detector": { "Kind": "image", "Image": { "ModelPath": "mfd.onnx", "InputSize": 1000 } } }""");
        var noModel = dir.File("no-model.json");
        File.WriteAllText(noModel, """{ "Detector": { "Kind": "image" } }""");

        var config = CurateConfig.Load(good);
        using (var detector = Assert.IsType<YoloFormulaDetector>(new Composition(config, NullLoggerFactory.Instance).CreateDetector()))
        {
            Assert.Equal([1], config.Detector.Image.EffectiveFormulaClasses); // the file's list replaces the default, not appended to it
            Assert.StartsWith("image:mfd.onnx@", detector.Name, StringComparison.Ordinal);
        }

        var e = Assert.Throws<ConfigException>(() => new Composition(CurateConfig.Load(wrongSize), NullLoggerFactory.Instance).CreateDetector());
        Assert.Contains("takes 64×64 images, Detector:Image:InputSize is 1024", e.Message, StringComparison.Ordinal);
        Assert.Contains("Detector:Image:InputSize must be a multiple of 32", Assert.Throws<ConfigException>(() => CurateConfig.Load(badKey)).Message, StringComparison.Ordinal);
        Assert.Contains("Detector:Image:ModelPath is required", Assert.Throws<ConfigException>(() => CurateConfig.Load(noModel)).Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, (string Route, string Reasons, double Score, string Detector)> PagesByFile(string outDir) =>
        DuckDb.Rows($"""
            SELECT regexp_extract(d.source_path, '[^/]+$') || CASE WHEN d.page_count > 1 THEN '#' || p.page_no ELSE '' END, p.route, array_to_string(p.hard_reasons, ','), p.hard_score, p.detector
            FROM {DuckDb.Table(outDir, "pdf_pages")} p JOIN {DuckDb.Table(outDir, "pdf_documents")} d USING (doc_id)
            """).ToDictionary(r => (string)r[0]!, r => ((string)r[1]!, (string)r[2]!, Convert.ToDouble(r[3], System.Globalization.CultureInfo.InvariantCulture), (string)r[4]!));
}
