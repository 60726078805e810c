using System.Text.Json;
using System.Text.RegularExpressions;
using SciCurate.DomainFilter.Web.Intake;

namespace SciCurate.Pipeline.Eval;

/// <summary>
/// trafilatura's evaluation metric (its tests/eval_common.py): per page, each "with" snippet found in the
/// whitespace-normalised output is a true positive (else a false negative), each "without" snippet found is a false
/// positive (else a true negative); counts are pooled over the corpus, then P = tp/(tp+fp), R = tp/(tp+fn),
/// F1 = 2tp/(2tp+fp+fn). A page with no output counts every "with" as missed and every "without" as absent.
/// </summary>
public static partial class TrafilaturaBench
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public sealed record Item(string Url, string File, IReadOnlyList<string> With, IReadOnlyList<string> Without)
    {
        /// <summary>The name `curate web extract` gives the page: the file name without .html/.htm.</summary>
        public string Name => HtmlFileReader.NameOf(File);
    }

    public sealed record Counts(int Tp, int Fp, int Fn, int Tn)
    {
        public double Precision => Tp + Fp == 0 ? 0 : (double)Tp / (Tp + Fp);

        public double Recall => Tp + Fn == 0 ? 0 : (double)Tp / (Tp + Fn);

        public double Accuracy => Tp + Fp + Fn + Tn == 0 ? 0 : (double)(Tp + Tn) / (Tp + Fp + Fn + Tn);

        public double F1 => 2 * Tp + Fp + Fn == 0 ? 0 : 2.0 * Tp / (2 * Tp + Fp + Fn);

        public static Counts operator +(Counts a, Counts b) => new(a.Tp + b.Tp, a.Fp + b.Fp, a.Fn + b.Fn, a.Tn + b.Tn);
    }

    public sealed record PageScore(string Name, Counts Counts, bool EmptyPrediction);

    /// <summary>Pooled counts over all pages and over each half (<see cref="IsLookedAt"/>): the held-out half is only ever scored.</summary>
    public sealed record Result(Counts Total, int Empty, IReadOnlyList<PageScore> Pages, Counts LookedAt, Counts HeldOut);

    /// <summary>
    /// True for the half of the pages a developer may look at (the low bit of the SHA-256 of the page's name, as
    /// WcxbBench splits WCXB); the other half is only scored, so a change tuned to the pages looked at shows there.
    /// </summary>
    public static bool IsLookedAt(string name) => WcxbBench.IsLookedAt(name);

    public static List<Item> LoadEvaldata(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var items = new List<Item>();
        foreach (var p in json.RootElement.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            items.Add(new Item(p.Name, p.Value.GetProperty("file").GetString() ?? "", Strings(p.Value, "with"), Strings(p.Value, "without")));
        }

        return items;

        static List<string> Strings(JsonElement e, string key) =>
            e.TryGetProperty(key, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
    }

    public static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    public static Counts CountItem(Item item, string? result)
    {
        int tp = 0, fp = 0;
        if (result is not null)
        {
            var normalized = Normalize(result);
            tp = item.With.Count(w => normalized.Contains(Normalize(w), StringComparison.Ordinal));
            fp = item.Without.Count(w => normalized.Contains(Normalize(w), StringComparison.Ordinal));
        }

        return new Counts(tp, fp, item.With.Count - tp, item.Without.Count - fp);
    }

    /// <summary>Scores the items; a page missing from <paramref name="predictions"/> counts as a failed run (no output).</summary>
    public static Result Score(IReadOnlyList<Item> items, IReadOnlyDictionary<string, string> predictions)
    {
        var pages = items.Select(i =>
        {
            var found = predictions.TryGetValue(i.Name, out var text);
            return new PageScore(i.Name, CountItem(i, found ? text : null), string.IsNullOrWhiteSpace(text));
        }).ToList();
        var zero = new Counts(0, 0, 0, 0);
        var total = pages.Aggregate(zero, (a, p) => a + p.Counts);
        var looked = pages.Where(p => IsLookedAt(p.Name)).Aggregate(zero, (a, p) => a + p.Counts);
        var held = pages.Where(p => !IsLookedAt(p.Name)).Aggregate(zero, (a, p) => a + p.Counts);
        return new Result(total, pages.Count(p => p.EmptyPrediction), pages, looked, held);
    }
}
