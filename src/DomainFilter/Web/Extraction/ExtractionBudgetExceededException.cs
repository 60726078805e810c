namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>An extraction spent its operation budget (WebExtractor:MaxOperations) and was stopped.</summary>
public sealed class ExtractionBudgetExceededException(long maxOperations)
    : Exception($"stopped after {maxOperations} operations (WebExtractor:MaxOperations)")
{
    public long MaxOperations { get; } = maxOperations;
}
