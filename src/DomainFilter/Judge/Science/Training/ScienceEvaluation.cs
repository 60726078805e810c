using System.Globalization;

namespace SciCurate.DomainFilter.Judge.Science.Training;

/// <summary>
/// `curate judge eval`: the trained model and today's lexical score side by side on labelled pages of one split,
/// at the domain level (as the judge decides) and per language, with page-level figures for reference.
/// </summary>
public static class ScienceEvaluation
{
    public sealed record Result(IReadOnlyList<LabelledPage> Pages, IReadOnlyList<PageScience> Model, IReadOnlyList<double> Lexical, IReadOnlyList<DomainOutcome> Domains);

    public static Result Run(IScienceClassifier model, IReadOnlyList<LabelledPage> pages, VerdictGrain grain = VerdictGrain.RegisteredDomain)
    {
        var scores = model.Score([.. pages.Select(p => new ScienceInput(p.Url, p.Title, p.Text))]);
        var lexical = pages.Select(p => ScienceRelevance.Score(p.Text, p.Url).Score).ToList();
        return new Result(pages, scores, lexical, DomainOutcome.Of(pages, scores, lexical, grain));
    }

    public static void Print(Result r, IScienceClassifier model, double threshold, double lexicalThreshold, TextWriter o)
    {
        var labelled = r.Pages.Count(p => p.Label is ScienceLabel.Science or ScienceLabel.Not);
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Pages.Count} labelled pages ({labelled} science or not; {r.Pages.Count(p => p.Label == ScienceLabel.Science)} science), {r.Domains.Count} labelled domains"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model {model.ModelId}: domain is science when the mean probability of its pages with text ≥ {threshold:F4}; lexical (today's offline judge): median score ≥ {lexicalThreshold:F2}"));
        o.WriteLine();
        o.WriteLine("domains          | trained model                                             | lexical (today)");
        void Row(string name, IReadOnlyList<DomainOutcome> ds)
        {
            var m = PurityRecall.Of(ds.Select(d => (d.Science, d.Model >= threshold)));
            var l = PurityRecall.Of(ds.Select(d => (d.Science, d.Lexical >= lexicalThreshold)));
            o.WriteLine($"{name,-16} | {Short(m),-57} | {Short(l)}");
        }

        Row($"all ({r.Domains.Count})", r.Domains);
        foreach (var g in r.Domains.GroupBy(d => d.Language).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            Row($"{g.Key} ({g.Count()}, {g.Count(d => d.Science)} sci)", [.. g]);
        }

        var pages = Enumerable.Range(0, r.Pages.Count).Where(i => r.Pages[i].Label is ScienceLabel.Science or ScienceLabel.Not).ToList();
        var pm = PurityRecall.Of(pages.Select(i => (r.Pages[i].Label == ScienceLabel.Science, r.Model[i].HasText && r.Model[i].Probability >= threshold)));
        var pl = PurityRecall.Of(pages.Select(i => (r.Pages[i].Label == ScienceLabel.Science, r.Lexical[i] >= lexicalThreshold)));
        o.WriteLine($"{"pages",-16} | {Short(pm),-57} | {Short(pl)}");
        o.WriteLine();
        o.WriteLine("base rate (science domains / labelled domains): " + PurityRecall.Of(r.Domains.Select(d => (d.Science, false))).BaseRate.ToString("P1", CultureInfo.InvariantCulture));
    }

    /// <summary>One line per labelled domain: hand label, both scores, both decisions, urls.</summary>
    public static void WriteDomains(Result r, double threshold, double lexicalThreshold, string path)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("domain\tlanguage\tlabel\tmodel\tmodel_science\tlexical\tlexical_science\tpages\turls");
        foreach (var d in r.Domains)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{d.Domain}\t{d.Language}\t{(d.Science ? "science" : "not")}\t{(d.Model is { } p ? p.ToString("F4", CultureInfo.InvariantCulture) : "")}\t{d.Model >= threshold}\t{d.Lexical:F4}\t{d.Lexical >= lexicalThreshold}\t{d.Pages}\t{d.Urls}"));
        }
    }

    private static string Short(PurityRecall m) => string.Create(CultureInfo.InvariantCulture,
        $"purity {Pct(m.Purity)} ({m.KeptScience}/{m.Kept}), recall {Pct(m.Recall)} ({m.KeptScience}/{m.Science})");

    private static string Pct(double v) => double.IsNaN(v) ? "  n/a" : v.ToString("P0", CultureInfo.InvariantCulture).PadLeft(5);
}
