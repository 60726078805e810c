using System.Globalization;

namespace SciCurate.DomainFilter.Judge;

/// <summary>Thresholds of <see cref="OfflineDomainJudge"/> (config section "Judge:Offline").</summary>
public sealed class OfflineDomainJudgeOptions
{
    /// <summary>Below this science relevance a domain is dropped as off-topic.</summary>
    public double MinScience { get; set; } = 0.55;

    /// <summary>At or above this quality a relevant domain is kept as it is; below it, rewritten.</summary>
    public double KeepQuality { get; set; } = 0.75;

    /// <summary>Below this quality even a relevant domain is dropped: too little clean text to rewrite.</summary>
    public double MinQuality { get; set; } = 0.2;

    public IEnumerable<string> Validate(string section)
    {
        if (MinScience is < 0 or > 1 || KeepQuality is < 0 or > 1 || MinQuality is < 0 or > 1)
        {
            yield return $"{section}: MinScience, KeepQuality and MinQuality must lie in [0, 1]";
        }

        if (MinQuality > KeepQuality)
        {
            yield return $"{section}:MinQuality must not exceed KeepQuality";
        }
    }
}

/// <summary>
/// The domain judge used when no LLM endpoint is configured (and the fallback when the LLM fails). It calls no model
/// and labels its verdicts <c>offline</c>. It decides from two numbers:
/// <list type="bullet">
/// <item><b>quality</b>: the mean over all pages of the domain of <c>1 / (1 + failed quality rules)</c> (Gopher, C4,
/// FineWeb rules from the quality stage). 1 means every page is
/// clean, one failed rule on every page gives 0.5, four give 0.2 (a site of boilerplate fragments).</item>
/// <item><b>science</b>: the median of <see cref="ScienceRelevance"/> over the sampled pages (the median, so one stray
/// page neither saves nor sinks a site).</item>
/// </list>
/// Then: science below <see cref="OfflineDomainJudgeOptions.MinScience"/> → drop (off-topic); quality below
/// <see cref="OfflineDomainJudgeOptions.MinQuality"/> → drop (too noisy); quality below
/// <see cref="OfflineDomainJudgeOptions.KeepQuality"/> → rewrite; else keep. The reason names the numbers.
/// </summary>
public sealed class OfflineDomainJudge(OfflineDomainJudgeOptions options) : IDomainJudge
{
    public const string JudgeName = "offline";

    /// <summary>Bump when the heuristic or its thresholds' meaning change.</summary>
    public const string JudgeVersion = "offline-v1";

    public string Name => JudgeName;

    public string Version => JudgeVersion;

    public Task<DomainVerdict> JudgeAsync(DomainSample sample, CancellationToken ct) => Task.FromResult(Judge(sample));

    public DomainVerdict Judge(DomainSample sample)
    {
        var profile = sample.Profile;
        var quality = Math.Round(profile.MeanQuality, 4);
        var scores = sample.Pages
            .Select(p => ScienceRelevance.Score(string.IsNullOrEmpty(p.Text) ? p.Markdown : p.Text, p.Url).Score)
            .Order()
            .ToArray();
        var science = Math.Round(Median(scores), 4);
        var numbers = string.Create(CultureInfo.InvariantCulture,
            $"science {science:F2} (median of {scores.Length} sampled pages), quality {quality:F2} ({profile.CleanShare:P0} of {profile.PagesSeen} pages pass all quality rules)");

        DomainDecision decision;
        string why;
        if (scores.Length == 0)
        {
            decision = DomainDecision.Drop;
            why = "no extracted page to judge";
        }
        else if (science < options.MinScience)
        {
            decision = DomainDecision.Drop;
            why = string.Create(CultureInfo.InvariantCulture, $"off-topic: science below {options.MinScience:F2}");
        }
        else if (quality < options.MinQuality)
        {
            decision = DomainDecision.Drop;
            why = string.Create(CultureInfo.InvariantCulture, $"scientific but too noisy: quality below {options.MinQuality:F2}");
        }
        else if (quality < options.KeepQuality)
        {
            decision = DomainDecision.Rewrite;
            why = string.Create(CultureInfo.InvariantCulture, $"scientific, quality below {options.KeepQuality:F2}: rewrite");
        }
        else
        {
            decision = DomainDecision.Keep;
            why = "scientific and clean";
        }

        return new DomainVerdict
        {
            Domain = sample.Domain,
            Decision = decision,
            Judge = JudgeName,
            JudgeVersion = JudgeVersion,
            ScienceScore = science,
            QualityScore = quality,
            Reason = $"offline heuristic: {why}; {numbers}",
            PagesSeen = profile.PagesSeen,
            SampleUrls = sample.Pages.Select(p => p.Url).ToArray(),
        };
    }

    private static double Median(double[] sorted) => sorted.Length switch
    {
        0 => 0,
        _ when sorted.Length % 2 == 1 => sorted[sorted.Length / 2],
        _ => (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2,
    };
}
