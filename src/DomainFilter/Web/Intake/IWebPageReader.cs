namespace SciCurate.DomainFilter.Web.Intake;

/// <summary>Streams the pages of one input (a WARC, a JSONL file or an HTML folder) in constant memory per record.</summary>
public interface IWebPageReader
{
    /// <summary>Pages in input order; a malformed record comes back as a page with <see cref="RawPage.Error"/> set.</summary>
    IEnumerable<RawPage> Read(string path, ReadCounts counts, CancellationToken ct = default);
}

/// <summary>Picks the reader for a path by its extension (or a folder of HTML files).</summary>
public static class WebInputs
{
    public static bool IsWarc(string path) => path.EndsWith(".warc", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".warc.gz", StringComparison.OrdinalIgnoreCase);

    public static bool IsJsonl(string path) => path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase);

    public static bool IsHtml(string path) => path.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".html.gz", StringComparison.OrdinalIgnoreCase)
                                              || path.EndsWith(".htm", StringComparison.OrdinalIgnoreCase);

    public static bool IsWeb(string path) => IsWarc(path) || IsJsonl(path) || IsHtml(path);

    public static IWebPageReader ReaderFor(string path, IntakeLimits? limits = null)
    {
        limits ??= IntakeLimits.Default;
        return IsWarc(path) ? new WarcReader(limits) : IsJsonl(path) ? new JsonlReader(limits) : new HtmlFileReader(limits);
    }

    /// <summary>
    /// Opens a regular file (see <see cref="RegularFile"/>; anything else throws <see cref="IOException"/> with the
    /// reason), decompressing a .gz member by member: a corrupt member is skipped, not the rest of the file.
    /// </summary>
    public static Stream OpenMaybeGzip(string path, IntakeLimits? limits = null)
    {
        limits ??= IntakeLimits.Default;
        var check = RegularFile.Check(path);
        if (!check.Ok)
        {
            throw new IOException(check.Problem);
        }

        var file = RegularFile.OpenRead(path, check.Length);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GzipMemberStream(file, limits.MaxDecompressedBytes, 2 * limits.MaxRecordBytes + limits.MaxHeaderBytes) : file;
    }
}
