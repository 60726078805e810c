using SciCurate.DomainFilter.Judge;

namespace SciCurate.Pipeline.Configuration;

/// <summary>The per-domain judge and rewriter (config section "Judge"). The model itself is configured under "Llm".</summary>
public sealed class JudgeOptions
{
    /// <summary>Pages sampled per registered domain (a domain with fewer pages shows all).</summary>
    public int SampleSize { get; set; } = 8;

    /// <summary>Seed of the per-domain sample.</summary>
    public ulong Seed { get; set; } = 20260101;

    /// <summary>Answers asked for in one domain's conversation before the offline judge takes over.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Characters of each sampled page shown to the LLM.</summary>
    public int PageChars { get; set; } = 1500;

    /// <summary>Upper bound on the verdict's tokens.</summary>
    public int VerdictMaxOutputTokens { get; set; } = 400;

    /// <summary>Pages are rewritten in chunks of at most this many characters.</summary>
    public int RewriteChunkChars { get; set; } = 6000;

    /// <summary>Upper bound on the tokens of one rewritten chunk; an answer cut off at it fails the page.</summary>
    public int RewriteMaxOutputTokens { get; set; } = 4096;

    /// <summary>A rewrite must keep this share of its source's numbers, or the page fails.</summary>
    public double RewriteMinNumberRecall { get; set; } = 0.6;

    /// <summary>sqlite | postgres; empty: the same as Serve:Storage (sqlite when that is unset).</summary>
    public string Store { get; set; } = "";

    /// <summary>SQLite file of the decision store; empty: &lt;out&gt;/domain_decisions.sqlite. Share one file to reuse verdicts across outputs.</summary>
    public string SqlitePath { get; set; } = "";

    /// <summary>Npgsql connection string for Store = postgres (environment only); empty: Serve:PostgresConnection.</summary>
    public string? PostgresConnection { get; set; }

    public OfflineDomainJudgeOptions Offline { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        if (SampleSize < 1)
        {
            yield return "Judge:SampleSize must be at least 1";
        }

        if (MaxAttempts < 1)
        {
            yield return "Judge:MaxAttempts must be at least 1";
        }

        if (PageChars < 100)
        {
            yield return "Judge:PageChars must be at least 100";
        }

        if (VerdictMaxOutputTokens < 50)
        {
            yield return "Judge:VerdictMaxOutputTokens must be at least 50";
        }

        if (RewriteChunkChars < 500)
        {
            yield return "Judge:RewriteChunkChars must be at least 500";
        }

        if (RewriteMaxOutputTokens < 100)
        {
            yield return "Judge:RewriteMaxOutputTokens must be at least 100";
        }

        if (RewriteMinNumberRecall is < 0 or > 1)
        {
            yield return "Judge:RewriteMinNumberRecall must lie in [0, 1]";
        }

        if (Store is not ("" or "sqlite" or "postgres"))
        {
            yield return $"Judge:Store must be sqlite or postgres, not '{Store}'";
        }

        foreach (var e in Offline.Validate("Judge:Offline"))
        {
            yield return e;
        }
    }
}
