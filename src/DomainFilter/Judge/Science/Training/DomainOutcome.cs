namespace SciCurate.DomainFilter.Judge.Science.Training;

/// <summary>
/// One labelled domain for evaluation: its hand label and both judges' science numbers. A domain is science when
/// at least half of its pages labelled science or not are science (unsure and empty pages do not count); a domain
/// with no such page has no label and is left out.
/// </summary>
public sealed record DomainOutcome(string Domain, string Language, bool Science, double? Model, double Lexical, int Pages, string Urls)
{
    /// <param name="pages">Labelled pages of one split.</param>
    /// <param name="model">The model's verdict on each page (same order).</param>
    /// <param name="lexical">Today's lexical score of each page (same order).</param>
    /// <param name="grain">What one verdict covers: the registered domain (the product's grain) or, to measure what
    /// portals and blog platforms cost (about.com, yahoo.com, wordpress.com join unrelated sites under one verdict),
    /// the host without <c>www.</c>.</param>
    public static List<DomainOutcome> Of(IReadOnlyList<LabelledPage> pages, IReadOnlyList<PageScience> model, IReadOnlyList<double> lexical,
        VerdictGrain grain = VerdictGrain.RegisteredDomain)
    {
        var outcomes = new List<DomainOutcome>();
        var key = grain == VerdictGrain.Host ? pages.Select(p => SiteHost(p.Url) ?? p.Domain).ToList() : pages.Select(p => p.Domain).ToList();
        foreach (var group in Enumerable.Range(0, pages.Count).GroupBy(i => key[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var idx = group.ToList();
            var science = idx.Count(i => pages[i].Label == ScienceLabel.Science);
            var not = idx.Count(i => pages[i].Label == ScienceLabel.Not);
            if (science + not == 0)
            {
                continue;
            }

            var language = idx.GroupBy(i => pages[i].Language).OrderByDescending(g => g.Count()).ThenBy(g => g.Min()).First().Key;
            var lex = idx.Select(i => lexical[i]).Order().ToArray();
            var median = lex.Length % 2 == 1 ? lex[lex.Length / 2] : (lex[(lex.Length / 2) - 1] + lex[lex.Length / 2]) / 2;
            outcomes.Add(new DomainOutcome(group.Key, language, science >= not, DomainScience.Of([.. idx.Select(i => model[i])]).Probability,
                median, idx.Count, string.Join(' ', idx.Select(i => pages[i].Url))));
        }

        return outcomes;
    }

    /// <summary>The URL's host, lower-cased, without a leading <c>www.</c>; null when the URL has none.</summary>
    public static string? SiteHost(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }
}

/// <summary>What one verdict covers in an evaluation.</summary>
public enum VerdictGrain
{
    /// <summary>The registered domain (eTLD+1), as the judge decides in the product.</summary>
    RegisteredDomain,

    /// <summary>The host without <c>www.</c>: each subdomain of a portal on its own.</summary>
    Host,
}

/// <summary>Purity (precision) and recall of the science class over domains.</summary>
public sealed record PurityRecall(int Domains, int Science, int Kept, int KeptScience)
{
    public double Purity => Kept == 0 ? double.NaN : (double)KeptScience / Kept;

    public double Recall => Science == 0 ? double.NaN : (double)KeptScience / Science;

    public double BaseRate => Domains == 0 ? double.NaN : (double)Science / Domains;

    public static PurityRecall Of(IEnumerable<(bool Science, bool Kept)> domains)
    {
        int n = 0, s = 0, k = 0, ks = 0;
        foreach (var (science, kept) in domains)
        {
            n++;
            s += science ? 1 : 0;
            k += kept ? 1 : 0;
            ks += science && kept ? 1 : 0;
        }

        return new PurityRecall(n, s, k, ks);
    }

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"purity {Pct(Purity)} ({KeptScience}/{Kept}), recall {Pct(Recall)} ({KeptScience}/{Science}), base rate {Pct(BaseRate)} ({Science}/{Domains})");

    private static string Pct(double v) => double.IsNaN(v) ? "n/a" : v.ToString("P1", System.Globalization.CultureInfo.InvariantCulture);
}
