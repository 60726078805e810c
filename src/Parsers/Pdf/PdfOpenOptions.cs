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

    /// <summary>
    /// One stream (content, font file, form, image, object stream) that decodes to more than this many megabytes fails
    /// its document as "too large when decoded": a decompression bomb stops after this much work, not at the heap cap.
    /// </summary>
    public int MaxDecodedMegabytes { get; set; } = 256;

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

        if (MaxDecodedMegabytes is < 1 or > 2047)
        {
            yield return $"{section}:MaxDecodedMegabytes must be between 1 and 2047, not {MaxDecodedMegabytes}";
        }
    }
}
