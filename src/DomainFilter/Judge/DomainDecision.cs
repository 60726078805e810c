namespace SciCurate.DomainFilter.Judge;

/// <summary>What happens to every page of a domain.</summary>
public enum DomainDecision
{
    /// <summary>Keep the extracted text as it is.</summary>
    Keep,

    /// <summary>Scientific but badly formatted: rewrite each page into clean prose, keeping facts, formulas and numbers.</summary>
    Rewrite,

    /// <summary>Not wanted in the training text; rows stay, with status dropped and the reason.</summary>
    Drop,
}

/// <summary>The wire names (keep, rewrite, drop) used in Parquet, the decision store and the LLM's JSON answer.</summary>
public static class DomainDecisions
{
    public static string ToWire(this DomainDecision decision) => decision switch
    {
        DomainDecision.Keep => "keep",
        DomainDecision.Rewrite => "rewrite",
        DomainDecision.Drop => "drop",
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };

    public static bool TryParse(string? wire, out DomainDecision decision)
    {
        switch (wire?.Trim().ToLowerInvariant())
        {
            case "keep":
                decision = DomainDecision.Keep;
                return true;
            case "rewrite":
                decision = DomainDecision.Rewrite;
                return true;
            case "drop":
                decision = DomainDecision.Drop;
                return true;
            default:
                decision = default;
                return false;
        }
    }

    public static DomainDecision Parse(string wire) =>
        TryParse(wire, out var d) ? d : throw new FormatException($"'{wire}' is not keep, rewrite or drop");
}
