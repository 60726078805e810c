using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SciCurate.Pipeline.Eval;

/// <summary>
/// The WCXB metric (the benchmark's evaluate.py): lower-cased `\w+` tokens as bags of words; per page
/// P = overlap / predicted tokens, R = overlap / reference tokens, F1 of the two (an empty reference scores 1 only
/// against an empty prediction, an empty prediction 0); P, R and F1 are averaged over pages, overall and per page
/// type ("category" counts as "collection"). Pages are also split by a hash of their id into two halves, so a
/// developer can look at one and keep the other as a check against tuning to pages.
/// </summary>
public static partial class WcxbBench
{
    public static readonly IReadOnlyList<string> PageTypes = ["article", "forum", "product", "collection", "listing", "documentation", "service"];

    [GeneratedRegex(@"\w+", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    public sealed record Truth(string Id, string PageType, string MainContent);

    public sealed record PageScore(string Id, string PageType, double Precision, double Recall, double F1, bool EmptyPrediction);

    public sealed record Summary(int Pages, double Precision, double Recall, double F1, int Empty);

    public sealed record Result(Summary Overall, IReadOnlyDictionary<string, Summary> ByType, Summary LookedAt, Summary HeldOut, IReadOnlyList<PageScore> Pages);

    /// <summary>Reads every ground-truth/*.json in <paramref name="dir"/>, leaving out the ids in <paramref name="excluded"/>.</summary>
    public static List<Truth> LoadTruth(string dir, IReadOnlySet<string> excluded)
    {
        var result = new List<Truth>();
        foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            if (excluded.Contains(id))
            {
                continue;
            }

            using var json = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = json.RootElement;
            if (!root.TryGetProperty("ground_truth", out var gt) || gt.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var main = gt.TryGetProperty("main_content", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
            result.Add(new Truth(id, PageTypeOf(root), main));
        }

        return result;
    }

    private static string PageTypeOf(JsonElement root)
    {
        var type = "article";
        if (root.TryGetProperty("_internal", out var internals) && internals.ValueKind == JsonValueKind.Object
            && internals.TryGetProperty("page_type", out var pt))
        {
            if (pt.ValueKind == JsonValueKind.Object)
            {
                type = pt.TryGetProperty("primary", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() ?? "article" : "article";
            }
            else if (pt.ValueKind == JsonValueKind.String)
            {
                type = pt.GetString() ?? "article";
            }
        }

        return type == "category" ? "collection" : type;
    }

    public static (double Precision, double Recall, double F1) WordF1(string predicted, string reference)
    {
        var pred = Bag(predicted, out var predCount);
        var refs = Bag(reference, out var refCount);
        if (refCount == 0)
        {
            return predCount == 0 ? (1, 1, 1) : (0, 0, 0);
        }

        if (predCount == 0)
        {
            return (0, 0, 0);
        }

        var overlap = 0;
        foreach (var (word, n) in pred)
        {
            overlap += Math.Min(n, refs.GetValueOrDefault(word));
        }

        var precision = (double)overlap / predCount;
        var recall = (double)overlap / refCount;
        var f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        return (precision, recall, f1);
    }

    private static Dictionary<string, int> Bag(string text, out int count)
    {
        var bag = new Dictionary<string, int>(StringComparer.Ordinal);
        count = 0;
        // Python lower-cases before matching; .NET's invariant lower-casing agrees on the letters that matter here.
        foreach (Match m in Token().Matches(text.ToLowerInvariant()))
        {
            bag[m.Value] = bag.GetValueOrDefault(m.Value) + 1;
            count++;
        }

        return bag;
    }

    /// <summary>True for the half of the pages a developer may look at; the other half is only scored.</summary>
    public static bool IsLookedAt(string id) => (SHA256.HashData(Encoding.UTF8.GetBytes(id))[0] & 1) == 0;

    public static Result Score(IReadOnlyList<Truth> truth, IReadOnlyDictionary<string, string> predictions)
    {
        var pages = truth.Select(t =>
        {
            var predicted = predictions.GetValueOrDefault(t.Id, "");
            var (p, r, f) = WordF1(predicted, t.MainContent);
            return new PageScore(t.Id, t.PageType, p, r, f, string.IsNullOrWhiteSpace(predicted));
        }).ToList();
        var byType = PageTypes.Select(type => (type, pages: pages.Where(p => p.PageType == type).ToList()))
            .Where(x => x.pages.Count > 0)
            .ToDictionary(x => x.type, x => Summarise(x.pages), StringComparer.Ordinal);
        return new Result(Summarise(pages), byType, Summarise(pages.Where(p => IsLookedAt(p.Id)).ToList()),
            Summarise(pages.Where(p => !IsLookedAt(p.Id)).ToList()), pages);
    }

    private static Summary Summarise(List<PageScore> pages) => pages.Count == 0
        ? new Summary(0, 0, 0, 0, 0)
        : new Summary(pages.Count, pages.Average(p => p.Precision), pages.Average(p => p.Recall), pages.Average(p => p.F1), pages.Count(p => p.EmptyPrediction));
}
