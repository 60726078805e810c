using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using SciCurate.Detectors.Evaluation;

namespace SciCurate.Detectors.Training;

/// <summary>Hyper-parameters of the detector's tree ensemble.</summary>
public sealed class DetectorTrainerOptions
{
    public int Trees { get; set; } = 80;

    public int Leaves { get; set; } = 8;

    public int MinExamplesPerLeaf { get; set; } = 20;

    public double LearningRate { get; set; } = 0.1;

    public int Seed { get; set; } = 1;

    /// <summary>
    /// Recall of formula pages the suggested threshold keeps on the out-of-fold predictions of the hand-labelled (real)
    /// formula pages. Generated pages are left out of this choice: their formulas are denser and cleaner than real
    /// ones, so a threshold that keeps 97% of them misses real formula pages. Scans do not enter it either: pages
    /// without a text layer are hard by rule, whatever the score. 0.95: a few real formula pages (one display formula
    /// in a page of prose, a formula drawn as rules) score near zero out of fold, and asking for 97% dropped the
    /// threshold to its 0.01 floor, flagging 40% of prose.
    /// </summary>
    public double TargetRecall { get; set; } = 0.95;
}

/// <summary>
/// Trains the FastTree binary classifier with ML.NET and exports it to ONNX with a features-only input, so the graph
/// takes just <c>Features</c> [N, F] and answers <c>Probability.output</c>. Writes the sidecar metadata beside it.
/// </summary>
public sealed class DetectorTrainer(DetectorTrainerOptions options)
{
    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }

        public float Weight { get; set; }

        /// <summary>The source document: cross-validation keeps a document's pages in one fold.</summary>
        public string Document { get; set; } = "";

        public string Origin { get; set; } = "";
    }

    private sealed class FeaturesOnly
    {
        public float[] Features { get; set; } = [];
    }

    public DetectorModelInfo Train(IReadOnlyList<TrainingExample> examples, string modelPath, TextWriter log)
    {
        if (examples.Count == 0 || examples.All(e => e.Hard) || examples.All(e => !e.Hard))
        {
            throw new InvalidOperationException("training needs both hard and easy pages");
        }

        var ml = new MLContext(options.Seed);
        var width = PageFeatureExtractor.Names.Count;
        var rowSchema = SchemaDefinition.Create(typeof(Row));
        rowSchema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new Row
        {
            Features = e.Features,
            Label = e.Hard,
            Weight = e.Weight,
            Document = DocumentOf(e.Origin),
            Origin = e.Origin,
        }), rowSchema);
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = options.Trees,
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = options.MinExamplesPerLeaf,
            LearningRate = options.LearningRate,
            ExampleWeightColumnName = "Weight",
            FeatureColumnName = "Features",
            LabelColumnName = "Label",
        });

        // Out-of-fold scores choose the suggested threshold without touching held-out pages. Folds split by document,
        // so no page is scored by a model that saw its neighbours.
        var folds = ml.BinaryClassification.CrossValidate(data, trainer, numberOfFolds: 5, labelColumnName: "Label", samplingKeyColumnName: "Document");
        var kinds = examples.GroupBy(e => e.Origin, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Kind, StringComparer.Ordinal);
        var oof = new List<(float Score, bool Hard, string Kind, string Origin)>();
        foreach (var fold in folds)
        {
            var probs = fold.ScoredHoldOutSet.GetColumn<float>("Probability").ToArray();
            var labels = fold.ScoredHoldOutSet.GetColumn<bool>("Label").ToArray();
            var origins = fold.ScoredHoldOutSet.GetColumn<string>("Origin").ToArray();
            oof.AddRange(probs.Select((p, i) => (p, labels[i], kinds.GetValueOrDefault(origins[i]) ?? "", origins[i])));
        }

        static bool IsReal(string kind) => kind.StartsWith("real:", StringComparison.Ordinal);
        var realOof = oof.Where(o => IsReal(o.Kind)).Select(o => (o.Score, o.Hard)).ToList();
        var realFormulas = oof.Where(o => o.Kind == "real:math").Select(o => (o.Score, o.Hard)).ToList();
        var suggested = ThresholdForRecall(realFormulas.Count > 0 ? realFormulas : [.. oof.Select(o => (o.Score, o.Hard))], options.TargetRecall);
        var cv = DetectorMetrics.Compute(oof.Select(o => (o.Score, o.Hard)).ToList(), suggested);
        var cvReal = DetectorMetrics.Compute(realOof, suggested);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"5-fold cross-validation by document: ROC AUC {cv.RocAuc:0.0000}; at threshold {suggested:0.000}: recall {cv.Recall:0.000}, precision {cv.Precision:0.000}, flagged easy pages {cv.FalsePositiveRate:0.000}"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  hand-labelled pages only ({realOof.Count}): ROC AUC {cvReal.RocAuc:0.0000}; recall {cvReal.Recall:0.000} (formula pages {realFormulas.Count(o => o.Score >= suggested)}/{realFormulas.Count}), precision {cvReal.Precision:0.000}, flagged easy pages {cvReal.FalsePositiveRate:0.000}"));
        var oofPath = Path.ChangeExtension(Path.GetFullPath(modelPath), ".oof.tsv");
        Directory.CreateDirectory(Path.GetDirectoryName(oofPath)!);
        File.WriteAllLines(oofPath, ["origin\tkind\thard\tscore", .. oof.Select(o => string.Create(CultureInfo.InvariantCulture,
            $"{o.Origin}\t{o.Kind}\t{(o.Hard ? 1 : 0)}\t{o.Score:0.0000}"))]);
        foreach (var o in oof.Where(o => IsReal(o.Kind) && o.Hard).OrderBy(o => o.Score).Take(6))
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  lowest out-of-fold hard page: {o.Origin} {o.Score:0.000}"));
        }

        var model = trainer.Fit(data);
        var featSchema = SchemaDefinition.Create(typeof(FeaturesOnly));
        featSchema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        var exportView = ml.Data.LoadFromEnumerable(examples.Take(16).Select(e => new FeaturesOnly { Features = e.Features }), featSchema);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(modelPath))!);
        using (var stream = File.Create(modelPath))
        {
            ml.Model.ConvertToOnnx(model, exportView, stream);
        }

        DetectorModelInfo.EmbedInOnnx(modelPath, PageFeatureExtractor.SchemaVersion, PageFeatureExtractor.Names);

        var info = new DetectorModelInfo
        {
            SchemaVersion = PageFeatureExtractor.SchemaVersion,
            FeatureNames = [.. PageFeatureExtractor.Names],
            Input = "Features",
            Output = "Probability.output",
            SuggestedThreshold = Math.Round(suggested, 4),
            TrainedUtc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            Training = new Dictionary<string, string>
            {
                ["trainer"] = "ML.NET FastTree binary",
                ["trees"] = options.Trees.ToString(CultureInfo.InvariantCulture),
                ["leaves"] = options.Leaves.ToString(CultureInfo.InvariantCulture),
                ["learning_rate"] = options.LearningRate.ToString(CultureInfo.InvariantCulture),
                ["examples"] = examples.Count.ToString(CultureInfo.InvariantCulture),
                ["hard_examples"] = examples.Count(e => e.Hard).ToString(CultureInfo.InvariantCulture),
                ["by_origin"] = string.Join(", ", examples.GroupBy(e => e.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}")),
                ["cv_roc_auc"] = cv.RocAuc.ToString("0.0000", CultureInfo.InvariantCulture),
                ["cv_recall"] = cv.Recall.ToString("0.000", CultureInfo.InvariantCulture),
                ["cv_false_positive_rate"] = cv.FalsePositiveRate.ToString("0.000", CultureInfo.InvariantCulture),
                ["cv_real_recall"] = cvReal.Recall.ToString("0.000", CultureInfo.InvariantCulture),
                ["cv_real_false_positive_rate"] = cvReal.FalsePositiveRate.ToString("0.000", CultureInfo.InvariantCulture),
                ["threshold_rule"] = string.Create(CultureInfo.InvariantCulture, $"recall {options.TargetRecall} of hand-labelled formula pages, out of fold by document"),
            },
        };
        info.Save(modelPath);
        return info;
    }

    /// <summary>"doc:page" → "doc" (the page number after the last colon).</summary>
    internal static string DocumentOf(string origin)
    {
        var colon = origin.LastIndexOf(':');
        return colon > 0 ? origin[..colon] : origin;
    }

    /// <summary>The highest threshold that still keeps <paramref name="recall"/> of hard pages.</summary>
    internal static double ThresholdForRecall(IReadOnlyList<(float Score, bool Hard)> scored, double recall)
    {
        var hard = scored.Where(s => s.Hard).Select(s => s.Score).OrderByDescending(s => s).ToList();
        if (hard.Count == 0)
        {
            return 0.5;
        }

        var keep = (int)Math.Ceiling(recall * hard.Count);
        var t = hard[Math.Clamp(keep - 1, 0, hard.Count - 1)];
        return Math.Min(0.5, Math.Max(0.01, t - 1e-4));
    }
}
