using SciCurate.DomainFilter.Judge;

namespace SciCurate.Pipeline.Configuration;

/// <summary>
/// The per-domain judge's sample and decision store (config section "Judge"). The LLM judge's and rewriter's keys in the
/// same section are bound by DomainFilter (<see cref="LlmDomainJudgeOptions"/>, <see cref="LlmPageRewriterOptions"/>);
/// the model itself is configured under "Llm".
/// </summary>
public sealed class JudgeOptions
{
    /// <summary>Pages sampled per registered domain (a domain with fewer pages shows all).</summary>
    public int SampleSize { get; set; } = 8;

    /// <summary>Seed of the per-domain sample.</summary>
    public ulong Seed { get; set; } = 20260101;

    /// <summary>sqlite | postgres; empty: the same as Serve:Storage (sqlite when that is unset).</summary>
    public string Store { get; set; } = "";

    /// <summary>SQLite file of the decision store; empty: &lt;out&gt;/domain_decisions.sqlite. Share one file to reuse verdicts across outputs.</summary>
    public string SqlitePath { get; set; } = "";

    /// <summary>Npgsql connection string for Store = postgres (environment only); empty: Serve:PostgresConnection.</summary>
    public string? PostgresConnection { get; set; }

    public OfflineDomainJudgeOptions Offline { get; set; } = new();

    public IEnumerable<string> Validate(string section)
    {
        if (SampleSize < 1)
        {
            yield return $"{section}:SampleSize must be at least 1";
        }

        if (Store is not ("" or "sqlite" or "postgres"))
        {
            yield return $"{section}:Store must be sqlite or postgres, not '{Store}'";
        }

        foreach (var e in Offline.Validate($"{section}:Offline"))
        {
            yield return e;
        }
    }
}
