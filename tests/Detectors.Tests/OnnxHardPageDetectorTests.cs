using System.Text.Json;

namespace SciCurate.Detectors.Tests;

public sealed class OnnxHardPageDetectorTests : IDisposable
{
    private static readonly string[] SamplePages = ["math_2503_04086.pdf", "multi_column_miss.pdf", "earnings.pdf", "dolma-page-1.pdf"];

    private readonly string _dir = Directory.CreateTempSubdirectory("detector-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A copy of the shipped model whose metadata the test may then spoil.</summary>
    private string CopyModel(Action<DetectorModelInfo>? change = null)
    {
        var model = Path.Combine(_dir, "model.onnx");
        File.Copy(TestFiles.ShippedModel, model, overwrite: true);
        var info = DetectorModelInfo.Load(TestFiles.ShippedModel)!;
        change?.Invoke(info);
        info.Save(model);
        return model;
    }

    [Fact]
    public void ShippedModel_IsSmall_AndMatchesThisBuild()
    {
        Assert.True(new FileInfo(TestFiles.ShippedModel).Length < 5 * 1024 * 1024);
        var info = DetectorModelInfo.Load(TestFiles.ShippedModel)!;
        Assert.Null(info.Mismatch(PageFeatureExtractor.SchemaVersion, PageFeatureExtractor.Names));
    }

    [Fact]
    public void Detect_FlagsMathPage_AndPassesProsePage_AtShippedThreshold()
    {
        var threshold = DetectorModelInfo.Load(TestFiles.ShippedModel)!.SuggestedThreshold;
        using var detector = new OnnxHardPageDetector(TestFiles.ShippedModel, threshold);

        var math = detector.Detect(TestFiles.Features("math_2503_04086.pdf"));
        var prose = detector.Detect(TestFiles.Features("multi_column_miss.pdf"));

        Assert.True(math.Hard, $"math page score {math.Score}");
        Assert.Contains("math_glyphs", math.Reasons);
        Assert.False(prose.Hard, $"prose page score {prose.Score}");
        Assert.True(math.Score > prose.Score);
    }

    [Fact]
    public void Detect_FollowsThreshold()
    {
        var features = TestFiles.Features("math_2503_04086.pdf");
        using var lenient = new OnnxHardPageDetector(TestFiles.ShippedModel, 1.0);
        using var strict = new OnnxHardPageDetector(TestFiles.ShippedModel, 0.0);

        var score = lenient.Detect(features).Score;
        Assert.True(score < 1.0);
        Assert.False(lenient.Detect(features).Hard);
        Assert.True(strict.Detect(TestFiles.Features("multi_column_miss.pdf")).Hard);
    }

    [Fact]
    public void Detect_ImageOnlyPage_IsHard_WhateverTheThreshold()
    {
        using var detector = new OnnxHardPageDetector(TestFiles.ShippedModel, 1.0);

        var verdict = detector.Detect(TestFiles.Features("edgar_image.pdf"));

        Assert.True(verdict.Hard);
        Assert.Equal(1, verdict.Score);
        Assert.Equal("no_text_layer", verdict.Reasons[0]);
        Assert.True(new TextLayerOnlyDetector().Detect(TestFiles.Features("edgar_image.pdf")).Hard);
        Assert.False(new TextLayerOnlyDetector().Detect(TestFiles.Features("math_2503_04086.pdf")).Hard);
    }

    [Fact]
    public void Detect_HardPage_AlwaysHasAReason()
    {
        // At threshold 0 every page is hard: even the prose page, whose signals are all below their levels, gets one.
        using var detector = new OnnxHardPageDetector(TestFiles.ShippedModel, 0.0);

        foreach (var name in SamplePages)
        {
            var verdict = detector.Detect(TestFiles.Features(name));
            Assert.True(verdict.Hard);
            Assert.NotEmpty(verdict.Reasons);
        }
    }

    [Fact]
    public void DetectMany_MatchesOneAtATime()
    {
        using var detector = new OnnxHardPageDetector(TestFiles.ShippedModel, 0.5);
        var pages = SamplePages.Select(n => TestFiles.Features(n)).ToList();

        var batch = detector.Score(pages);

        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Equal(detector.Score([pages[i]])[0], batch[i], 6);
        }
    }

    [Fact]
    public void Load_OtherSchemaVersion_NamesBothVersions()
    {
        var model = CopyModel(i => i.SchemaVersion = PageFeatureExtractor.SchemaVersion - 1);

        var e = Assert.Throws<DetectorModelException>(() => new OnnxHardPageDetector(model, 0.5));

        Assert.Contains($"feature schema version {PageFeatureExtractor.SchemaVersion - 1} in the model, {PageFeatureExtractor.SchemaVersion} in this build", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RenamedFeature_NamesMissingAndUnknownFeatures()
    {
        var model = CopyModel(i => i.FeatureNames[1] = "old_coverage");

        var e = Assert.Throws<DetectorModelException>(() => new OnnxHardPageDetector(model, 0.5));

        Assert.Contains("features the model lacks: text_coverage", e.Message, StringComparison.Ordinal);
        Assert.Contains("features unknown to this build: old_coverage", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReorderedFeatures_NamesFirstDifference()
    {
        var model = CopyModel(i => (i.FeatureNames[0], i.FeatureNames[1]) = (i.FeatureNames[1], i.FeatureNames[0]));

        var e = Assert.Throws<DetectorModelException>(() => new OnnxHardPageDetector(model, 0.5));

        Assert.Contains("another order (position 0: 'text_coverage' in the model, 'log_letters' in this build)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WithoutSidecar_ChecksTheSchemaEmbeddedInTheOnnxFile()
    {
        var model = CopyModel();
        File.Delete(DetectorModelInfo.SidecarPath(model));
        using (var detector = new OnnxHardPageDetector(model, 0.5))
        {
            Assert.True(detector.Detect(TestFiles.Features("math_2503_04086.pdf")).Score > 0.5);
        }

        // The same model stamped with another schema version and no sidecar: refused, naming both versions.
        var stale = Path.Combine(_dir, "stale.onnx");
        File.WriteAllBytes(stale, StripEmbeddedSchema(model));
        DetectorModelInfo.EmbedInOnnx(stale, PageFeatureExtractor.SchemaVersion - 1, PageFeatureExtractor.Names);
        var e = Assert.Throws<DetectorModelException>(() => new OnnxHardPageDetector(stale, 0.5));
        Assert.Contains($"feature schema version {PageFeatureExtractor.SchemaVersion - 1} in the model", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoSchemaAnywhere_SaysSo()
    {
        var model = CopyModel();
        File.Delete(DetectorModelInfo.SidecarPath(model));
        File.WriteAllBytes(model, StripEmbeddedSchema(model));

        var e = Assert.Throws<DetectorModelException>(() => new OnnxHardPageDetector(model, 0.5));

        Assert.Contains("names no feature schema", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The model's bytes without the metadata entries the trainer appends (their encoding has a fixed length).</summary>
    private byte[] StripEmbeddedSchema(string model)
    {
        var probe = Path.Combine(_dir, "probe.bin");
        File.WriteAllBytes(probe, []);
        DetectorModelInfo.EmbedInOnnx(probe, PageFeatureExtractor.SchemaVersion, PageFeatureExtractor.Names);
        var bytes = File.ReadAllBytes(model);
        var tail = File.ReadAllBytes(probe);
        Assert.True(bytes.AsSpan().EndsWith(tail), "the shipped model carries the embedded schema");
        return bytes[..^tail.Length];
    }

    [Fact]
    public void Verdict_SendsAPageSetInABrokenFont_ToTheVlm_WhateverTheScore()
    {
        var prose = TestFiles.Features("multi_column_miss.pdf");
        var mojibake = prose with { BrokenFontShare = OnnxHardPageDetector.BrokenFontPageShare };
        var aFewCheckboxes = prose with { BrokenFontShare = OnnxHardPageDetector.BrokenFontPageShare / 2 };

        var verdict = OnnxHardPageDetector.Verdict(mojibake, score: 0.02, threshold: 0.5);

        Assert.True(verdict.Hard);
        Assert.Equal("unmapped_glyphs", verdict.Reasons[0]);
        Assert.False(OnnxHardPageDetector.Verdict(aFewCheckboxes, score: 0.02, threshold: 0.5).Hard);
    }

    [Fact]
    public void Features_OfPagesWithWellMappedFonts_HaveNoBrokenFont()
    {
        foreach (var name in SamplePages)
        {
            Assert.Equal(0, TestFiles.Features(name).BrokenFontShare);
        }
    }

    [Fact]
    public void Load_MissingModel_NamesTheFile_AndLeavesTheRemedyToTheHost()
    {
        var e = Assert.Throws<DetectorModelException>(() => new OnnxHardPageDetector(Path.Combine(_dir, "absent.onnx"), 0.5));

        Assert.Contains("absent.onnx", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("curate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptModel_IsReported()
    {
        var model = CopyModel();
        File.WriteAllBytes(model, [1, 2, 3, 4, 5]);

        var e = Assert.Throws<DetectorModelException>(() => new OnnxHardPageDetector(model, 0.5));

        Assert.Contains("not a loadable ONNX model", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongOutputName_ListsTheModelsOutputs()
    {
        var model = CopyModel(i => i.Output = "Nope");

        var e = Assert.Throws<DetectorModelException>(() => new OnnxHardPageDetector(model, 0.5));

        Assert.Contains("no output 'Nope'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Probability.output", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_RoundTripsAsJson()
    {
        var json = File.ReadAllText(DetectorModelInfo.SidecarPath(TestFiles.ShippedModel));
        using var doc = JsonDocument.Parse(json);

        Assert.Equal(PageFeatureExtractor.SchemaVersion, doc.RootElement.GetProperty("schema_version").GetInt32());
        Assert.Equal(PageFeatureExtractor.Names.Count, doc.RootElement.GetProperty("feature_names").GetArrayLength());
    }
}
