using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace SciCurate.DomainFilter.Judge.Science.Training;

/// <summary>More science text for training only (never for evaluation): for example paper text from the PDF parser.</summary>
public sealed record ExtraScienceText(string Group, string? Title, string Text);

/// <summary>What `curate judge train` asks for.</summary>
public sealed record ScienceTrainRequest
{
    /// <summary>Pages JSON files (one or more; the pages of every file are joined with the labels).</summary>
    public required IReadOnlyList<string> PagesPaths { get; init; }

    /// <summary>The splits trained on. A blind split becomes a development split once it has been scored, and may
    /// then be trained on; the split still blind must never be named here.</summary>
    public IReadOnlyList<string> Splits { get; init; } = ["train"];

    /// <summary>Loss weight of a science page relative to a non-science page; null balances the classes.</summary>
    public double? PositiveWeight { get; init; }

    public required IReadOnlyList<string> LabelPaths { get; init; }

    public required string ModelPath { get; init; }

    public IReadOnlyList<ExtraScienceText> ExtraScience { get; init; } = [];

    /// <summary>Loss weight of one extra science text, relative to a labelled page.</summary>
    public double ExtraWeight { get; init; } = 0.5;

    public ScienceFeatureSpec Spec { get; init; } = new();

    /// <summary>L2 penalties tried; the one with the best out-of-fold domain average precision wins.</summary>
    public IReadOnlyList<double> L2Grid { get; init; } = [3e-6, 1e-5];

    public int Folds { get; init; } = 5;

    /// <summary>The threshold rule: the highest domain threshold that keeps this share of out-of-fold science domains.</summary>
    public double TargetRecall { get; init; } = 0.85;

    public int MaxIterations { get; init; } = 150;

    /// <summary>Also write every train page's out-of-fold probability here (TSV), for error analysis.</summary>
    public string? OutOfFoldPath { get; init; }

    /// <summary>Stop after the cross-validation (figures and <see cref="OutOfFoldPath"/>): no model is written.</summary>
    public bool CrossValidateOnly { get; init; }

    /// <summary>Also write the cross-validation's result (L2, calibration, threshold, figures, what it was run on) here
    /// as a model card without a model, for <see cref="CrossValidationFrom"/>.</summary>
    public string? CrossValidationOut { get; init; }

    /// <summary>Skip the cross-validation: train the final model only, with the L2, calibration, threshold and figures
    /// of this earlier run's card (<see cref="CrossValidationOut"/> or a model's JSON). Its feature spec, splits,
    /// pages files and labels must be this request's, so the model is the one a full run would write.</summary>
    public string? CrossValidationFrom { get; init; }

    /// <summary>Models trained at once (the folds, and the final model beside them when one L2 is given).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}

/// <summary>
/// Trains the science classifier: hashed features of the labelled train pages (plus extra science text), a
/// domain-grouped k-fold cross-validation that picks the L2 penalty and yields out-of-fold logits, Platt calibration on
/// those, the domain threshold by the fixed rule (<see cref="ScienceTrainRequest.TargetRecall"/> of out-of-fold science
/// domains), then one model on all train pages, written as ONNX with its JSON and checked by loading it back.
/// </summary>
public static class ScienceTrainingWorkflow
{
    public static ScienceModelInfo Train(ScienceTrainRequest request, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var labels = LabelledPages.ReadLabels(request.LabelPaths);
        var all = request.PagesPaths.SelectMany(path => LabelledPages.Read(path, labels)).Where(p => request.Splits.Contains(p.Split)).ToList();
        var spec = request.Spec;
        var hasher = new ScienceFeatureHasher(spec);
        var scored = all.Where(p => ScienceFeatureHasher.HasText(p.Text, spec.MinLetters)).ToList();
        var features = scored.Select(p => hasher.Hash(new ScienceInput(p.Url, p.Title, p.Text))).ToList();
        var trainable = Enumerable.Range(0, scored.Count).Where(i => scored[i].Label is ScienceLabel.Science or ScienceLabel.Not).ToList();
        var extras = request.ExtraScience.Select(e => new TrainingExample(hasher.Hash(e.Title, e.Text), true, request.ExtraWeight)).ToList();
        var fold = scored.Select(p => FoldOf(p.Domain, request.Folds)).ToArray();
        var sciencePages = trainable.Count(i => scored[i].Label == ScienceLabel.Science);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"splits {string.Join('+', request.Splits)}: {all.Count} labelled pages ({all.Count(p => p.Label == ScienceLabel.Science)} science, {all.Count(p => p.Label == ScienceLabel.Not)} not, {all.Count(p => p.Label == ScienceLabel.Unsure)} unsure, {all.Count(p => p.Label == ScienceLabel.Empty)} empty); "
            + $"{scored.Count} with text; trainable {trainable.Count} ({sciencePages} science); extra science texts {extras.Count} (weight {request.ExtraWeight}); hashed in {clock.Elapsed.TotalSeconds:F1} s"));
        if (sciencePages < request.Folds)
        {
            throw new InvalidOperationException($"only {sciencePages} science pages with text in the train split: label more before training");
        }

        var training = TrainingRecord(request, trainable.Count, sciencePages, extras.Count,
            string.Join(", ", scored.Where((_, i) => trainable.Contains(i)).GroupBy(p => p.Language).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
        double chosenL2, plattA, plattB, threshold;
        Dictionary<string, string> crossValidation;
        LinearModel? final = null;
        if (request.CrossValidationFrom is { } from)
        {
            (chosenL2, plattA, plattB, threshold, crossValidation) = EarlierCrossValidation(from, spec, training);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"no cross-validation: L2 {chosenL2:G3}, Platt a {plattA:F4}, b {plattB:F4}, threshold {threshold:F4} and figures from {from}"));
        }
        else
        {
            (double L2, double[] Logits, double Ap)? best = null;
            foreach (var l2 in request.L2Grid)
            {
                // With one L2 the final model does not wait for the folds: it is trained beside them.
                var alongside = request.L2Grid.Count == 1 && !request.CrossValidateOnly;
                var (logits, model) = OutOfFold(scored, features, trainable, extras, fold, request, l2, spec.Buckets, alongside);
                final ??= model;
                var (a, b) = PlattCalibration.Fit([.. trainable.Select(i => logits[i])], [.. trainable.Select(i => scored[i].Label == ScienceLabel.Science)]);
                var domains = Domains(scored, all, logits, a, b);
                var ap = AveragePrecision(domains);
                var pageAp = AveragePrecision([.. trainable.Select(i => ((double?)logits[i], scored[i].Label == ScienceLabel.Science))]);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  L2 {l2:G3}: out-of-fold average precision, domains {ap:F3}, pages {pageAp:F3} ({clock.Elapsed.TotalSeconds:F0} s)"));
                if (best is null || ap > best.Value.Ap + 1e-9)
                {
                    best = (l2, logits, ap);
                }
            }

            (chosenL2, var oof, var bestAp) = best!.Value;
            (plattA, plattB) = PlattCalibration.Fit([.. trainable.Select(i => oof[i])], [.. trainable.Select(i => scored[i].Label == ScienceLabel.Science)]);
            var oofDomains = Domains(scored, all, oof, plattA, plattB);
            threshold = ThresholdForRecall(oofDomains, request.TargetRecall);
            var atThreshold = PurityRecall.Of(oofDomains.Select(d => (d.Science, d.Probability >= threshold)));
            var atHalf = PurityRecall.Of(oofDomains.Select(d => (d.Science, d.Probability >= 0.5)));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chosen L2 {chosenL2:G3}; Platt a {plattA:F4}, b {plattB:F4}; threshold {threshold:F4} (rule: recall ≥ {request.TargetRecall:P0} of out-of-fold science domains)"));
            log.WriteLine($"out-of-fold domains at the threshold: {atThreshold}");
            log.WriteLine($"out-of-fold domains at 0.5:         {atHalf}");
            foreach (var target in (double[])[0.80, 0.90])
            {
                var t = ThresholdForRecall(oofDomains, target);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"out-of-fold domains at {target:P0} recall (threshold {t:F4}): {PurityRecall.Of(oofDomains.Select(d => (d.Science, d.Probability >= t)))}"));
            }

            crossValidation = new Dictionary<string, string>
            {
                ["folds"] = request.Folds.ToString(CultureInfo.InvariantCulture),
                ["domain_average_precision"] = bestAp.ToString("F3", CultureInfo.InvariantCulture),
                ["domains"] = atThreshold.Domains.ToString(CultureInfo.InvariantCulture),
                ["science_domains"] = atThreshold.Science.ToString(CultureInfo.InvariantCulture),
                ["purity_at_threshold"] = atThreshold.Purity.ToString("F3", CultureInfo.InvariantCulture),
                ["recall_at_threshold"] = atThreshold.Recall.ToString("F3", CultureInfo.InvariantCulture),
            };

            if (request.OutOfFoldPath is { } oofPath)
            {
                using var w = new StreamWriter(oofPath);
                w.WriteLine("id\tdomain\tsplit\tlanguage\tlabel\tprobability\turl\ttitle");
                foreach (var i in Enumerable.Range(0, scored.Count).OrderByDescending(i => oof[i]))
                {
                    w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{scored[i].Id}\t{scored[i].Domain}\t{scored[i].Split}\t{scored[i].Language}\t{scored[i].Label.ToWire()}\t{PlattCalibration.Apply(oof[i], plattA, plattB):F4}\t{scored[i].Url}\t{scored[i].Title?.ReplaceLineEndings(" ")}"));
                }
            }
        }

        var info = new ScienceModelInfo
        {
            ModelId = "cross-validation-only",
            FeatureSpec = spec,
            Threshold = Math.Round(threshold, 4),
            ThresholdRule = string.Create(CultureInfo.InvariantCulture,
                $"the highest domain threshold (mean calibrated probability over sampled pages with text) that keeps {request.TargetRecall:P0} of the science domains of the training splits ({string.Join(", ", request.Splits)}), scored out of fold ({request.Folds} folds grouped by registered domain); fixed before the blind split was scored"),
            Calibration = new Dictionary<string, double> { ["platt_a"] = Math.Round(plattA, 6), ["platt_b"] = Math.Round(plattB, 6) },
            TrainedUtc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            Training = new Dictionary<string, string>(training) { ["l2"] = chosenL2.ToString("G3", CultureInfo.InvariantCulture) },
            CrossValidation = crossValidation,
        };
        if (request.CrossValidationOut is { } cvOut)
        {
            File.WriteAllText(cvOut, System.Text.Json.JsonSerializer.Serialize(info, ScienceModelInfo.Json) + "\n");
        }

        if (request.CrossValidateOnly)
        {
            return info;
        }

        final ??= LogisticRegressionTrainer.Train([.. trainable.Select(i => Example(scored[i], features[i])), .. extras], spec.Buckets,
            new LogisticRegressionOptions { L2 = chosenL2, MaxIterations = request.MaxIterations, PositiveWeight = request.PositiveWeight });
        info.ModelId = "science-lr-" + Convert.ToHexStringLower(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(final.Weights.AsSpan())))[..8];
        var id = info.ModelId;
        var directory = Path.GetDirectoryName(Path.GetFullPath(request.ModelPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllBytes(request.ModelPath, OnnxLinearGraph.Build(final.Weights, final.Bias, plattA, plattB, info.Metadata()));
        info.Save(request.ModelPath);

        // Load it back: ONNX Runtime must give the trainer's own probabilities.
        using var check = new OnnxScienceClassifier(request.ModelPath);
        var sample = trainable.Take(200).ToList();
        var onnx = check.Probabilities([.. sample.Select(i => features[i])]);
        var worst = sample.Select((i, j) => Math.Abs(onnx[j] - PlattCalibration.Apply(final.Logit(features[i]), plattA, plattB))).DefaultIfEmpty(0).Max();
        if (worst > 1e-4)
        {
            throw new InvalidOperationException($"the written model disagrees with the trainer by {worst:G3} on a training page");
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {request.ModelPath} ({new FileInfo(request.ModelPath).Length / 1024.0 / 1024.0:F2} MiB, {id}); ONNX Runtime matches the trainer within {worst:G2}; {clock.Elapsed.TotalSeconds:F0} s"));
        return info;
    }

    /// <summary>Fold of a domain: a stable hash of its name, so a site's pages are never on both sides of a fold.</summary>
    public static int FoldOf(string domain, int folds)
    {
        var h = 2166136261u;
        foreach (var c in domain)
        {
            h = (h ^ c) * 16777619u;
        }

        return (int)(h % (uint)folds);
    }

    /// <summary>The highest threshold t such that the domains with probability ≥ t hold <paramref name="recall"/> of the science domains.</summary>
    public static double ThresholdForRecall(IReadOnlyList<(bool Science, double? Probability)> domains, double recall)
    {
        var science = domains.Where(d => d.Science).Select(d => d.Probability ?? 0).OrderDescending().ToList();
        if (science.Count == 0)
        {
            return 0.5;
        }

        var needed = Math.Max(1, (int)Math.Ceiling((recall * science.Count) - 1e-9));
        return science[needed - 1];
    }

    /// <summary>Out-of-fold logits of every scored page; with <paramref name="alsoFinal"/> the model on all trainable
    /// pages too, trained as one more task beside the folds.</summary>
    private static (double[] Logits, LinearModel? Final) OutOfFold(List<LabelledPage> scored, List<SparseFeatures> features, List<int> trainable, List<TrainingExample> extras,
        int[] fold, ScienceTrainRequest request, double l2, int buckets, bool alsoFinal)
    {
        var logits = new double[scored.Count];
        LinearModel? final = null;
        var options = new LogisticRegressionOptions { L2 = l2, MaxIterations = request.MaxIterations, PositiveWeight = request.PositiveWeight };
        // Folds are independent: trained in parallel, each writes only its own pages' logits, so the result is the
        // same in any order and with any number of threads.
        Parallel.For(0, request.Folds + (alsoFinal ? 1 : 0), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, request.Threads) }, k =>
        {
            if (k == request.Folds)
            {
                final = LogisticRegressionTrainer.Train([.. trainable.Select(i => Example(scored[i], features[i])), .. extras], buckets, options);
                return;
            }

            var examples = trainable.Where(i => fold[i] != k).Select(i => Example(scored[i], features[i])).Concat(extras).ToList();
            var model = LogisticRegressionTrainer.Train(examples, buckets, options);
            for (var i = 0; i < scored.Count; i++)
            {
                if (fold[i] == k)
                {
                    logits[i] = model.Logit(features[i]);
                }
            }
        });

        return (logits, final);
    }

    /// <summary>What a model was trained on and how, as its card records it; <see cref="EarlierCrossValidation"/> compares these.</summary>
    private static Dictionary<string, string> TrainingRecord(ScienceTrainRequest request, int pages, int sciencePages, int extras, string languages) => new()
    {
        ["trainer"] = "L2 logistic regression, full-batch L-BFGS (SciCurate, deterministic)",
        ["l2_grid"] = string.Join(", ", request.L2Grid.Select(v => v.ToString("G3", CultureInfo.InvariantCulture))),
        ["iterations"] = request.MaxIterations.ToString(CultureInfo.InvariantCulture),
        ["class_weights"] = request.PositiveWeight is { } pw ? string.Create(CultureInfo.InvariantCulture, $"science pages weighted {pw}") : "balanced (science pages weighted negatives/positives)",
        ["splits"] = string.Join(", ", request.Splits),
        ["pages"] = pages.ToString(CultureInfo.InvariantCulture),
        ["science_pages"] = sciencePages.ToString(CultureInfo.InvariantCulture),
        ["extra_science_texts"] = extras.ToString(CultureInfo.InvariantCulture),
        ["extra_weight"] = request.ExtraWeight.ToString(CultureInfo.InvariantCulture),
        ["pages_file_sha256"] = string.Join(", ", request.PagesPaths.Select(Sha256)),
        ["labels"] = string.Join(", ", request.LabelPaths.Select(Path.GetFileName)),
        ["labels_sha256"] = string.Join(", ", request.LabelPaths.Select(Sha256)),
        ["languages"] = languages,
    };

    /// <summary>L2, calibration, threshold and figures of an earlier cross-validation, after checking that it was run on
    /// this request's pages, labels, splits and features (else the threshold would belong to another model).</summary>
    private static (double L2, double A, double B, double Threshold, Dictionary<string, string> Figures) EarlierCrossValidation(
        string path, ScienceFeatureSpec spec, Dictionary<string, string> training)
    {
        ScienceModelInfo? card;
        try
        {
            card = System.Text.Json.JsonSerializer.Deserialize<ScienceModelInfo>(File.ReadAllText(path));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new FormatException($"{path}: not a model card ({e.Message})", e);
        }

        if (card is null || !card.Training.TryGetValue("l2", out var l2Text) || !card.Calibration.TryGetValue("platt_a", out var a) || !card.Calibration.TryGetValue("platt_b", out var b))
        {
            throw new FormatException($"{path}: no L2 and calibration: write it with `curate judge train --cv-only --cv-out {path}`");
        }

        if (card.FeatureSpec != spec)
        {
            throw new InvalidOperationException($"{path} was cross-validated with other features: rerun the cross-validation with these options");
        }

        foreach (var key in (string[])["splits", "pages_file_sha256", "labels_sha256", "class_weights", "iterations", "extra_science_texts", "extra_weight"])
        {
            if (!card.Training.TryGetValue(key, out var theirs) || theirs != training[key])
            {
                throw new InvalidOperationException($"{path} was cross-validated on other data or settings ({key}: '{theirs}' there, '{training[key]}' here): rerun the cross-validation");
            }
        }

        return (double.Parse(l2Text, CultureInfo.InvariantCulture), a, b, card.Threshold, card.CrossValidation);
    }

    private static TrainingExample Example(LabelledPage page, SparseFeatures features) => new(features, page.Label == ScienceLabel.Science);

    /// <summary>Out-of-fold domains of the train split: calibrated page probabilities aggregated as the judge does.</summary>
    private static List<(bool Science, double? Probability)> Domains(List<LabelledPage> scored, List<LabelledPage> all, double[] logits, double a, double b)
    {
        var byId = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < scored.Count; i++)
        {
            byId[scored[i].Id] = PlattCalibration.Apply(logits[i], a, b);
        }

        var model = all.Select(p => byId.TryGetValue(p.Id, out var v) ? new PageScience(true, v) : new PageScience(false, 0)).ToList();
        return [.. DomainOutcome.Of(all, model, [.. all.Select(_ => 0.0)]).Select(d => (d.Science, d.Model))];
    }

    /// <summary>Average precision of ranking by probability (no probability ranks last).</summary>
    private static double AveragePrecision(IReadOnlyList<(bool Science, double? Probability)> items) =>
        AveragePrecision([.. items.Select(d => (d.Probability, d.Science))]);

    private static double AveragePrecision(IReadOnlyList<(double? Score, bool Science)> items)
    {
        var ranked = items.OrderByDescending(d => d.Score ?? double.NegativeInfinity).ToList();
        var total = ranked.Count(d => d.Science);
        if (total == 0)
        {
            return 0;
        }

        double hits = 0, sum = 0;
        for (var i = 0; i < ranked.Count; i++)
        {
            if (ranked[i].Science)
            {
                hits++;
                sum += hits / (i + 1);
            }
        }

        return sum / total;
    }

    private static string Sha256(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }
}
