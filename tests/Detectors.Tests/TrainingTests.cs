using SciCurate.Detectors.Evaluation;
using SciCurate.Detectors.Training;

namespace SciCurate.Detectors.Tests;

public sealed class TrainingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("detector-train-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Trait("Category", "Slow")]
    [Fact]
    public void Trainer_ExportsOnnxModel_ThatTheDetectorLoadsAndAgreesWith()
    {
        // Real pages' features, jittered into a small set: enough for a 10-tree model in a second or two.
        var math = TestFiles.Features("math_2503_04086.pdf").Values;
        var prose = TestFiles.Features("multi_column_miss.pdf").Values;
        var table = TestFiles.Features("earnings.pdf").Values;
        var rng = new Random(3);
        float[] Jitter(float[] v) => [.. v.Select(x => x * (float)(0.85 + 0.3 * rng.NextDouble()))];
        var examples = new List<TrainingExample>();
        for (var i = 0; i < 40; i++)
        {
            examples.Add(new TrainingExample(Jitter(math), true, $"math{i}:1", "test", 1));
            examples.Add(new TrainingExample(Jitter(i % 2 == 0 ? prose : table), false, $"easy{i}:1", "test", 1));
        }

        var model = Path.Combine(_dir, "m.onnx");
        var info = new DetectorTrainer(new DetectorTrainerOptions { Trees = 10, Leaves = 4, MinExamplesPerLeaf = 2 }).Train(examples, model, TextWriter.Null);

        Assert.True(File.Exists(model));
        Assert.Equal(PageFeatureExtractor.SchemaVersion, info.SchemaVersion);
        Assert.Equal(PageFeatureExtractor.Names, info.FeatureNames);
        using var detector = new OnnxHardPageDetector(model, info.SuggestedThreshold);
        Assert.True(detector.Detect(new PageFeatures(math)).Hard);
        Assert.False(detector.Detect(new PageFeatures(prose)).Hard);
    }

    [Fact]
    public void Trainer_RefusesOneClassData()
    {
        var examples = new[] { new TrainingExample(new float[PageFeatureExtractor.Names.Count], true, "a", "t", 1) };

        Assert.Throws<InvalidOperationException>(() => new DetectorTrainer(new DetectorTrainerOptions()).Train(examples, Path.Combine(_dir, "x.onnx"), TextWriter.Null));
    }

    [Fact]
    public void Metrics_CountConfusionAndAuc()
    {
        var scored = new List<(double, bool, bool)>
        {
            (0.9, true, true), (0.8, true, true), (0.7, true, false), (0.4, false, true), (0.2, false, false), (0.1, false, false),
        };

        var m = DetectorMetrics.Compute(scored, 0.5);

        Assert.Equal((2, 1, 2, 1), (m.TruePositives, m.FalsePositives, m.TrueNegatives, m.FalseNegatives));
        Assert.Equal(2.0 / 3, m.Precision, 6);
        Assert.Equal(2.0 / 3, m.Recall, 6);
        Assert.Equal(1.0 / 3, m.FalsePositiveRate, 6);
        // Hard scores 0.9, 0.8, 0.4 against easy 0.7, 0.2, 0.1: 8 of 9 pairs ordered right.
        Assert.Equal(8.0 / 9, m.RocAuc, 6);
    }

    [Fact]
    public void ThresholdForRecall_KeepsTheAskedShareOfHardPages()
    {
        var scored = new List<(float, bool)> { (0.9f, true), (0.6f, true), (0.3f, true), (0.2f, true), (0.4f, false) };

        var t = DetectorTrainer.ThresholdForRecall(scored, 0.75);

        Assert.InRange(t, 0.29, 0.3);
    }

    [Fact]
    public void Generator_IsReproducible_AndLabelsEverySegment()
    {
        var a = new LatexPageGenerator(11).Next(0);
        var b = new LatexPageGenerator(11).Next(0);

        Assert.Equal(a.Source, b.Source);
        Assert.InRange(a.Segments.Count, 6, 10);
        foreach (var s in a.Segments)
        {
            Assert.Contains($"\\label{{seg:{s.Index}}}", a.Source, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Generator_MixesFormulaAndFormulaFreePages()
    {
        var generator = new LatexPageGenerator(5);
        var segments = Enumerable.Range(0, 30).SelectMany(i => generator.Next(i).Segments).ToList();

        var share = segments.Count(s => s.HasFormulas) / (double)segments.Count;
        Assert.InRange(share, 0.35, 0.65);
        Assert.Contains(segments, s => s.Kind == GeneratedPageKind.Prose);
        Assert.Contains(segments, s => s.Kind == GeneratedPageKind.DisplayMath);
    }

    [Fact]
    public void ReadSegmentStarts_ParsesAuxLabels()
    {
        var aux = Path.Combine(_dir, "d.aux");
        File.WriteAllText(aux, "\\relax\n\\newlabel{seg:0}{{}{1}}\n\\newlabel{seg:1}{{1}{2}}\n\\newlabel{seg:2}{{{\\upshape 2}}{4}}\n");

        var starts = GeneratedCorpus.ReadSegmentStarts(aux);

        Assert.Equal(1, starts[0]);
        Assert.Equal(2, starts[1]);
        Assert.Equal(4, starts[2]);
    }

    [Fact]
    public void LabelledPages_RejectsUnknownLabel_WithLineNumber()
    {
        var path = Path.Combine(_dir, "labels.tsv");
        File.WriteAllText(path, "pdf\tpage\tlabel\tsplit\tnote\nx.pdf\t1\tmath\ttrain\tok\nx.pdf\t2\tformula\teval\t\n");

        var e = Assert.Throws<FormatException>(() => LabelledPages.Read(path));

        Assert.Contains(":3: unknown label 'formula'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelledPages_MissingDocuments_AreAnError_NotSkipped()
    {
        // A fresh clone without ../shared/data once scored 2 of 34 documents and reported 1.000 everywhere.
        var path = Path.Combine(_dir, "labels.tsv");
        File.WriteAllText(path, "pdf\tpage\tlabel\tsplit\tnote\nnot-here.pdf\t1\tmath\teval\t\ngone/too.pdf\t1\tprose\teval\t\n");

        var e = Assert.Throws<FileNotFoundException>(() => LabelledPages.Featurise(LabelledPages.Read(path), _dir, TextWriter.Null));

        Assert.StartsWith("2 of 2 labelled documents not found", e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dir, "not-here.pdf"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelledPages_ShippedFile_IsWellFormed_AndSplitsByDocument()
    {
        var pages = LabelledPages.Read(Path.Combine(TestFiles.RepoRoot, "configs", "detector", "labels.tsv"));

        Assert.True(pages.Count > 200);
        Assert.Contains(pages, p => p.Split == "eval" && p.Label == "math");
        Assert.Contains(pages, p => p.Split == "eval" && p.Label == "scan");
        foreach (var doc in pages.GroupBy(p => p.Pdf))
        {
            Assert.Single(doc.Select(p => p.Split).Distinct());
        }
    }
}
