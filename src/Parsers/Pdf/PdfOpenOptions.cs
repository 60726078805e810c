namespace SciCurate.Parsers.Pdf;

/// <summary>How PDFs are opened.</summary>
public sealed class PdfOpenOptions
{
    /// <summary>Passwords tried, in order, on encrypted files (the empty password is always tried first).</summary>
    public IList<string> Passwords { get; init; } = [];

    /// <summary>A document with more pages than this fails instead of being parsed.</summary>
    public int MaxPages { get; set; } = 5000;

    /// <summary>A file larger than this many megabytes fails without being opened.</summary>
    public long MaxFileMegabytes { get; set; } = 512;

    public IEnumerable<string> Validate(string section)
    {
        if (MaxPages < 1)
        {
            yield return $"{section}:MaxPages must be at least 1, not {MaxPages}";
        }

        if (MaxFileMegabytes < 1)
        {
            yield return $"{section}:MaxFileMegabytes must be at least 1, not {MaxFileMegabytes}";
        }
    }
}
