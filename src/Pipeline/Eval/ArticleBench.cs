using System.Text.Json;
using System.Text.RegularExpressions;

namespace SciCurate.Pipeline.Eval;

/// <summary>
/// The scrapinghub article-extraction-benchmark metric: `\w+` tokens, 4-token shingles counted as multisets; per page
/// tp = Σ min, fp = Σ excess predicted, fn = Σ missing, normalised by their sum; precision and recall averaged over
/// pages (a page with fp = fn = 0 scores 1 on both), F1 = 2PR/(P+R) of the means.
/// </summary>
public static partial class ArticleBench
{
    public const int ShingleSize = 4;

    [GeneratedRegex(@"\w+", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    public sealed record PageScore(string Name, double Tp, double Fp, double Fn)
    {
        public double Precision => Fp == 0 && Fn == 0 ? 1 : Tp / (Tp + Fp);

        public double Recall => Fp == 0 && Fn == 0 ? 1 : Tp / (Tp + Fn);
    }

    public sealed record Result(double Precision, double Recall, double F1, IReadOnlyList<PageScore> Pages);

    public static Dictionary<string, string> LoadBodies(string path)
    {
        using var stream = File.OpenRead(path);
        using var json = JsonDocument.Parse(stream);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in json.RootElement.EnumerateObject())
        {
            result[p.Name] = p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("articleBody", out var b) ? b.GetString() ?? "" : "";
        }

        return result;
    }

    public static Dictionary<string, int> Shingles(string text)
    {
        var tokens = Token().Matches(text).Select(m => m.Value).ToList();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Max(1, tokens.Count - ShingleSize + 1); i++)
        {
            var shingle = string.Join(' ', tokens.Skip(i).Take(ShingleSize));
            if (shingle.Length > 0)
            {
                counts[shingle] = counts.GetValueOrDefault(shingle) + 1;
            }
        }

        return counts;
    }

    public static PageScore ScorePage(string name, string truth, string prediction)
    {
        var t = Shingles(truth);
        var p = Shingles(prediction);
        double tp = 0, fp = 0, fn = 0;
        foreach (var key in t.Keys.Union(p.Keys))
        {
            var tc = t.GetValueOrDefault(key);
            var pc = p.GetValueOrDefault(key);
            tp += Math.Min(tc, pc);
            fp += Math.Max(0, pc - tc);
            fn += Math.Max(0, tc - pc);
        }

        var sum = tp + fp + fn;
        return sum > 0 ? new PageScore(name, tp / sum, fp / sum, fn / sum) : new PageScore(name, 0, 0, 0);
    }

    public static Result Score(IReadOnlyDictionary<string, string> truth, IReadOnlyDictionary<string, string> predictions)
    {
        var pages = truth.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => ScorePage(t.Key, t.Value, predictions.GetValueOrDefault(t.Key, "")))
            .ToList();
        var precisions = pages.Where(p => p.Tp + p.Fp > 0 || (p.Fp == 0 && p.Fn == 0)).Select(p => p.Precision).ToList();
        var recalls = pages.Where(p => p.Tp + p.Fn > 0 || (p.Fp == 0 && p.Fn == 0)).Select(p => p.Recall).ToList();
        var precision = precisions.Count == 0 ? 0 : precisions.Average();
        var recall = recalls.Count == 0 ? 0 : recalls.Average();
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Result(precision, recall, f1, pages);
    }
}
