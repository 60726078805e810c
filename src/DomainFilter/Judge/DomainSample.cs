using SciCurate.DomainFilter.Web;

namespace SciCurate.DomainFilter.Judge;

/// <summary>Aggregates over every page of a domain (not only the sample), computed while grouping.</summary>
public sealed record DomainProfile
{
    public required string Domain { get; init; }

    /// <summary>Pages of the domain in the corpus (failed extractions excluded).</summary>
    public required int PagesSeen { get; init; }

    /// <summary>Mean of <see cref="PageRef.Quality"/> over all pages.</summary>
    public required double MeanQuality { get; init; }

    /// <summary>Share of pages that fail no quality rule.</summary>
    public required double CleanShare { get; init; }

    public static DomainProfile Of(string domain, IReadOnlyCollection<PageRef> pages)
    {
        var n = pages.Count;
        return new DomainProfile
        {
            Domain = domain,
            PagesSeen = n,
            MeanQuality = n == 0 ? 0 : pages.Average(p => p.Quality),
            CleanShare = n == 0 ? 0 : pages.Count(p => p.Quality >= 1.0) / (double)n,
        };
    }
}

/// <summary>What a judge is shown of one domain: its profile and the sampled pages with their texts and signals.</summary>
public sealed record DomainSample(DomainProfile Profile, IReadOnlyList<WebDocument> Pages)
{
    public string Domain => Profile.Domain;
}

/// <summary>A judge's verdict on a domain, applied to all of its pages.</summary>
public sealed record DomainVerdict
{
    public required string Domain { get; init; }

    public required DomainDecision Decision { get; init; }

    /// <summary>Who decided: the model name, or <c>offline</c>. Never a model name when the offline judge decided.</summary>
    public required string Judge { get; init; }

    /// <summary>The judge version the verdict is stored under (decisions are reused only for the same version).</summary>
    public required string JudgeVersion { get; init; }

    /// <summary>Science relevance in [0, 1].</summary>
    public required double ScienceScore { get; init; }

    /// <summary>Text quality in [0, 1].</summary>
    public required double QualityScore { get; init; }

    public required string Reason { get; init; }

    public required int PagesSeen { get; init; }

    public required IReadOnlyList<string> SampleUrls { get; init; }

    public int SampleSize => SampleUrls.Count;

    /// <summary>Chat calls spent on this verdict (0 for the offline judge and for reused verdicts).</summary>
    public int Calls { get; init; }

    public long PromptTokens { get; init; }

    public long CompletionTokens { get; init; }

    public DateTimeOffset JudgedAt { get; init; } = DateTimeOffset.UtcNow;
}
