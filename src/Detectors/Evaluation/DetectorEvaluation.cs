using System.Globalization;

namespace SciCurate.Detectors.Evaluation;

/// <summary>One held-out page with its score and decision.</summary>
public sealed record EvaluatedPage(LabelledPage Page, double Score, bool Flagged, IReadOnlyList<string> Reasons, float[] Features);

/// <summary>Scores a labels file's pages with the detector: precision, recall, ROC AUC, the pages it got wrong.</summary>
public static class DetectorEvaluation
{
    /// <summary>Scores the eval split of a labels file (or every page, when <paramref name="split"/> is null).</summary>
    public static (DetectorMetrics Metrics, List<EvaluatedPage> Pages) Evaluate(OnnxHardPageDetector detector, string labelsPath, string dataRoot, string? split, TextWriter log)
    {
        var labelled = LabelledPages.Read(labelsPath).Where(p => (split is null || p.Split == split) && p.IsScored).ToList();
        var featurised = LabelledPages.Featurise(labelled, dataRoot, log);
        var verdicts = detector.DetectMany(featurised.Select(f => f.Features).ToList());
        var pages = featurised.Select((f, i) => new EvaluatedPage(f.Page, verdicts[i].Score, verdicts[i].Hard, verdicts[i].Reasons, f.Features.Values)).ToList();
        var metrics = DetectorMetrics.Compute(pages.Select(p => (p.Score, p.Flagged, p.Page.Hard)).ToList(), detector.Threshold);
        return (metrics, pages);
    }

    /// <summary>Writes each page's label, score and features as TSV, for looking at what the model sees.</summary>
    public static void WriteFeatures(IReadOnlyList<EvaluatedPage> pages, string path)
    {
        using var o = new StreamWriter(path);
        o.WriteLine("pdf\tpage\tlabel\tscore\t" + string.Join('\t', PageFeatureExtractor.Names));
        foreach (var p in pages)
        {
            o.WriteLine(string.Join('\t', [Path.GetFileName(p.Page.Pdf), p.Page.Page.ToString(CultureInfo.InvariantCulture), p.Page.Label,
                p.Score.ToString("0.000", CultureInfo.InvariantCulture), .. p.Features.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture))]));
        }
    }

    public static void Print(DetectorMetrics m, IReadOnlyList<EvaluatedPage> pages, TextWriter o)
    {
        var ci = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(ci, $"pages: {pages.Count} ({pages.Count(p => p.Page.Hard)} hard, {pages.Count(p => !p.Page.Hard)} easy) from {pages.Select(p => p.Page.Pdf).Distinct().Count()} documents"));
        o.WriteLine("by label: " + string.Join(", ", pages.GroupBy(p => p.Page.Label).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(ci, $"{g.Key} {g.Count(p => p.Flagged)}/{g.Count()} flagged"))));
        o.WriteLine(string.Create(ci, $"threshold {m.Threshold:0.####}"));
        o.WriteLine(string.Create(ci, $"precision {m.Precision:0.000}  recall {m.Recall:0.000}  flagged easy pages {m.FalsePositiveRate:0.000}  ROC AUC {m.RocAuc:0.000}"));
        o.WriteLine("confusion matrix (rows: truth, columns: decision)");
        o.WriteLine("              flagged   cheap");
        o.WriteLine(string.Create(ci, $"  hard     {m.TruePositives,10} {m.FalseNegatives,7}"));
        o.WriteLine(string.Create(ci, $"  easy     {m.FalsePositives,10} {m.TrueNegatives,7}"));
        foreach (var p in pages.Where(p => p.Flagged != p.Page.Hard).OrderBy(p => p.Page.Pdf, StringComparer.Ordinal).ThenBy(p => p.Page.Page))
        {
            o.WriteLine(string.Create(ci, $"  {(p.Page.Hard ? "missed" : "false alarm")}: {p.Page.Pdf} p{p.Page.Page} [{p.Page.Label}] score {p.Score:0.000} {string.Join(",", p.Reasons)}"));
        }
    }
}
