using System.Globalization;
using SciCurate.DomainFilter.Judge.Science;

namespace SciCurate.DomainFilter.Judge;

/// <summary>Thresholds of <see cref="OfflineDomainJudge"/> (config section "Judge:Offline").</summary>
public sealed class OfflineDomainJudgeOptions
{
    /// <summary>model: the trained science classifier (<see cref="ModelPath"/>); lexical: the word-list score <see cref="ScienceRelevance"/>.</summary>
    public string Scorer { get; set; } = ModelScorer;

    /// <summary>The science classifier made by `curate judge train`; a relative path starts at the config file's folder.</summary>
    public string ModelPath { get; set; } = "models/science_classifier.onnx";

    /// <summary>Overrides the domain threshold stored in the model (fixed when it was trained); null: the model's.</summary>
    public double? ModelThreshold { get; set; }

    /// <summary>Below this lexical science relevance a domain is dropped as off-topic (Scorer lexical only).</summary>
    public double MinScience { get; set; } = 0.55;

    public const string ModelScorer = "model";

    public const string LexicalScorer = "lexical";

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

        if (Scorer is not (ModelScorer or LexicalScorer))
        {
            yield return $"{section}:Scorer must be model or lexical, not '{Scorer}'";
        }

        if (Scorer == ModelScorer && string.IsNullOrWhiteSpace(ModelPath))
        {
            yield return $"{section}:ModelPath is required when Scorer is model";
        }

        if (ModelThreshold is < 0 or > 1)
        {
            yield return $"{section}:ModelThreshold must lie in [0, 1]";
        }
    }
}

/// <summary>
/// The domain judge used when no LLM endpoint is configured (and the fallback when the LLM fails). It calls no LLM
/// and labels its verdicts <c>offline</c>. It decides from two numbers on separate axes:
/// <list type="bullet">
/// <item><b>science</b>: with the trained classifier (<see cref="IScienceClassifier"/>, the default), the mean of the
/// sampled pages' calibrated probabilities, over the pages that have text: a page without text (an index page whose
/// extraction came back empty) says nothing and does not vote. The threshold is the one fixed when the model was
/// trained. Without a model (<c>Scorer: lexical</c>), the median of <see cref="ScienceRelevance"/> against
/// <see cref="OfflineDomainJudgeOptions.MinScience"/>.</item>
/// <item><b>quality</b>: the mean over all pages of the domain of <c>1 / (1 + failed quality rules)</c> (Gopher, C4,
/// FineWeb rules from the quality stage): it decides keep against rewrite, never whether a site is science.</item>
/// </list>
/// Then: not science → drop (off-topic); quality below <see cref="OfflineDomainJudgeOptions.MinQuality"/> → drop (too
/// noisy); quality below <see cref="OfflineDomainJudgeOptions.KeepQuality"/> → rewrite; else keep. The reason names
/// the evidence: the numbers, the strongest and weakest sampled pages, and the pages that did not vote.
/// </summary>
public sealed class OfflineDomainJudge(OfflineDomainJudgeOptions options, IScienceClassifier? classifier = null) : IDomainJudge
{
    public const string JudgeName = "offline";

    /// <summary>The lexical judge's version; bump when the heuristic or its thresholds' meaning change.</summary>
    public const string JudgeVersion = "offline-v1";

    public string Name => JudgeName;

    /// <summary><c>offline-v1</c> (lexical) or <c>offline-v2:&lt;model id&gt;</c>, so a new model judges again.</summary>
    public string Version { get; } = classifier is null ? JudgeVersion : "offline-v2:" + classifier.ModelId;

    public Task<DomainVerdict> JudgeAsync(DomainSample sample, CancellationToken ct) => Task.FromResult(Judge(sample));

    public DomainVerdict Judge(DomainSample sample)
    {
        var profile = sample.Profile;
        var quality = Math.Round(profile.MeanQuality, 4);
        var qualityText = string.Create(CultureInfo.InvariantCulture,
            $"quality {quality:F2} ({profile.CleanShare:P0} of {profile.PagesSeen} pages pass all quality rules)");
        var (isScience, science, evidence, threshold, noText) = classifier is null ? Lexical(sample) : Model(sample, classifier);

        DomainDecision decision;
        string why;
        if (noText)
        {
            decision = DomainDecision.Drop;
            why = "no sampled page has text to judge";
        }
        else if (!isScience)
        {
            decision = DomainDecision.Drop;
            why = string.Create(CultureInfo.InvariantCulture, $"off-topic: science below {threshold:0.00##}");
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
            JudgeVersion = Version,
            ScienceScore = science,
            QualityScore = quality,
            Reason = $"{(classifier is null ? "offline heuristic" : "offline model " + classifier.ModelId)}: {why}; {evidence}, {qualityText}",
            PagesSeen = profile.PagesSeen,
            SampleUrls = sample.Pages.Select(p => p.Url).ToArray(),
        };
    }

    private static string TextOf(Web.WebDocument page) => string.IsNullOrEmpty(page.Text) ? page.Markdown : page.Text;

    private (bool Science, double Score, string Evidence, double Threshold, bool NoText) Model(DomainSample sample, IScienceClassifier model)
    {
        var threshold = options.ModelThreshold ?? model.Threshold;
        var pages = model.Score([.. sample.Pages.Select(p => new ScienceInput(p.Url, p.Title, TextOf(p)))]);
        var domain = DomainScience.Of(pages);
        if (domain.Probability is not { } probability)
        {
            return (false, 0, $"{sample.Pages.Count} sampled pages, none with text", threshold, true);
        }

        var voting = Enumerable.Range(0, pages.Count).Where(i => pages[i].HasText).ToList();
        var weakest = voting.MinBy(i => pages[i].Probability);
        var strongest = domain.StrongestIndex;
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"science {probability:0.00##} (mean probability of {domain.Voting} sampled pages with text{(domain.Silent > 0 ? $"; {domain.Silent} without text do not vote" : "")}); strongest {pages[strongest].Probability:F2} {sample.Pages[strongest].Url}");
        if (voting.Count > 1)
        {
            evidence += string.Create(CultureInfo.InvariantCulture, $", weakest {pages[weakest].Probability:F2} {sample.Pages[weakest].Url}");
        }

        var score = Math.Round(probability, 4);
        return (score >= threshold, score, evidence, threshold, false);
    }

    private (bool Science, double Score, string Evidence, double Threshold, bool NoText) Lexical(DomainSample sample)
    {
        var scores = sample.Pages
            .Select(p => ScienceRelevance.Score(TextOf(p), p.Url).Score)
            .Order()
            .ToArray();
        var science = Math.Round(Median(scores), 4);
        var evidence = string.Create(CultureInfo.InvariantCulture, $"science {science:F2} (median of {scores.Length} sampled pages)");
        return (science >= options.MinScience, science, evidence, options.MinScience, scores.Length == 0);
    }

    private static double Median(double[] sorted) => sorted.Length switch
    {
        0 => 0,
        _ when sorted.Length % 2 == 1 => sorted[sorted.Length / 2],
        _ => (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2,
    };
}
