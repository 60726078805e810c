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

    public static IWebPageReader ReaderFor(string path) =>
        IsWarc(path) ? new WarcReader() : IsJsonl(path) ? new JsonlReader() : new HtmlFileReader();

    public static Stream OpenMaybeGzip(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress) : file;
    }
}
