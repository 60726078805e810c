namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>Limits that keep hostile HTML from hanging the extractor or exhausting memory.</summary>
public sealed class ContentExtractorOptions
{
    /// <summary>HTML beyond this many characters is cut off before parsing (default 8 MiB).</summary>
    public int MaxHtmlChars { get; set; } = 8 * 1024 * 1024;

    /// <summary>Elements deeper than this are flattened into their ancestor's text (default 256).</summary>
    public int MaxDepth { get; set; } = 256;

    /// <summary>Pages with more elements than this are scored only on the first ones (default 200,000).</summary>
    public int MaxElements { get; set; } = 200_000;

    /// <summary>Attribute values longer than this are ignored when matching class and id (default 512).</summary>
    public int MaxAttributeChars { get; set; } = 512;

    /// <summary>
    /// Steps over elements and nodes one extraction may take before it is stopped (default 50 million, far beyond an
    /// ordinary page): a bound on the work that holds on any machine, unlike a time limit.
    /// </summary>
    public long MaxOperations { get; set; } = 50_000_000;

    public IEnumerable<string> Validate(string section)
    {
        if (MaxHtmlChars < 1024)
        {
            yield return $"{section}:MaxHtmlChars must be at least 1024, not {MaxHtmlChars}";
        }

        if (MaxDepth < 16)
        {
            yield return $"{section}:MaxDepth must be at least 16, not {MaxDepth}";
        }

        if (MaxOperations < 100_000)
        {
            yield return $"{section}:MaxOperations must be at least 100000, not {MaxOperations}";
        }

        if (MaxElements < 1000)
        {
            yield return $"{section}:MaxElements must be at least 1000, not {MaxElements}";
        }
    }
}
