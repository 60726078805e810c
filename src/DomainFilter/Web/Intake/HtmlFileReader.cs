using System.IO.Compression;
using System.Text.Json;

namespace SciCurate.DomainFilter.Web.Intake;

/// <summary>
/// One `.html`/`.htm`/`.html.gz` file, or a folder of them (searched recursively). A `urls.json` beside the files
/// maps file names (with or without extension) to URLs; without an entry the page's own &lt;link rel="canonical"&gt; or
/// &lt;meta property="og:url"&gt; (an absolute http(s) URL, in the first 64 KiB) is its URL, and failing that the file's
/// file:// URI (whose domain is a stand-in, see <see cref="WebDocumentBuilder"/>).
/// </summary>
public sealed partial class HtmlFileReader(IntakeLimits limits) : IWebPageReader
{
    private readonly long maxFileBytes = limits.MaxRecordBytes;

    public HtmlFileReader()
        : this(IntakeLimits.Default)
    {
    }

    public HtmlFileReader(long maxFileBytes)
        : this(IntakeLimits.Default with { MaxRecordBytes = maxFileBytes })
    {
    }

    public IEnumerable<RawPage> Read(string path, ReadCounts counts, CancellationToken ct = default)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).Where(WebInputs.IsHtml).Order(StringComparer.Ordinal)
            : (IEnumerable<string>)[path];
        var maps = new Dictionary<string, Dictionary<string, string>?>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            counts.Records++;
            var dir = Path.GetDirectoryName(Path.GetFullPath(file))!;
            if (!maps.TryGetValue(dir, out var urls))
            {
                urls = maps[dir] = LoadUrls(dir);
            }

            yield return ReadFile(file, urls, counts);
        }
    }

    public static string NameOf(string file)
    {
        var name = Path.GetFileName(file);
        foreach (var ext in (string[])[".html.gz", ".html", ".htm"])
        {
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^ext.Length];
            }
        }

        return name;
    }

    private static Dictionary<string, string>? LoadUrls(string dir)
    {
        var mapPath = Path.Combine(dir, "urls.json");
        var check = RegularFile.Check(mapPath);
        if (!check.Ok)
        {
            return null;
        }

        try
        {
            using var stream = RegularFile.OpenRead(mapPath, check.Length);
            using var json = JsonDocument.Parse(stream);
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in json.RootElement.EnumerateObject())
            {
                // Either "name": "url" or "name": { "url": "…" } (the benchmark's ground-truth layout).
                var url = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()
                    : p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("url", out var u) ? u.GetString() : null;
                if (url is not null)
                {
                    map[p.Name] = url;
                }
            }

            return map;
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    private RawPage ReadFile(string file, Dictionary<string, string>? urls, ReadCounts counts)
    {
        var name = NameOf(file);
        var mapped = urls is not null && (urls.TryGetValue(name, out var u) || urls.TryGetValue(Path.GetFileName(file), out u)) ? u : null;
        var url = mapped ?? new Uri(Path.GetFullPath(file)).AbsoluteUri;
        try
        {
            // Only regular files are opened: a FIFO, a device or a file gone since the folder was listed fails at once.
            var info = RegularFile.Check(file);
            if (!info.Ok)
            {
                counts.Malformed++;
                return new RawPage { Url = url, Name = name, Source = file, Error = info.Problem };
            }

            if (info.Length > maxFileBytes)
            {
                counts.Malformed++;
                return new RawPage { Url = url, Name = name, Source = file, Error = $"record too large: file of {info.Length} bytes exceeds the {maxFileBytes}-byte limit (Web:MaxRecordMegabytes)" };
            }

            byte[] body;
            if (file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                using var stream = RegularFile.Open(file);
                var hint = DecodedSizeHint(stream.SafeFileHandle, info.Length);
                using var gz = new GZipStream(RegularFile.Limit(stream, info.Length), CompressionMode.Decompress);
                using var ms = new MemoryStream(hint);
                var buffer = new byte[1 << 16];
                int n;
                while ((n = gz.Read(buffer)) > 0)
                {
                    ms.Write(buffer, 0, n);
                    if (ms.Length > maxFileBytes)
                    {
                        counts.Malformed++;
                        return new RawPage { Url = url, Name = name, Source = file, Error = $"too large when decoded: decompresses beyond the {maxFileBytes}-byte limit (Web:MaxRecordMegabytes)" };
                    }
                }

                // Sized right from the gzip trailer, the stream's own buffer is the page: no growing copies, no final copy.
                body = ms.Length == ms.Capacity ? ms.GetBuffer() : ms.ToArray();
            }
            else
            {
                using var stream = RegularFile.OpenRead(file, info.Length);
                using var ms = new MemoryStream((int)info.Length);
                stream.CopyTo(ms);
                body = ms.ToArray();
            }

            return new RawPage { Url = mapped ?? CanonicalUrl(body) ?? url, Name = name, Source = file, Body = body, FetchTime = info.ModifiedUtc };
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            counts.Malformed++;
            return new RawPage { Url = url, Name = name, Source = file, Error = $"unreadable file: {e.Message}" };
        }
    }

    /// <summary>
    /// The decoded size a gzip file states in its last four bytes (of its last member; modulo 4 GiB), as the first
    /// capacity of the buffer it is read into; 0 when absent or over the record limit. Only a hint: the bytes read
    /// decide, so a wrong or hostile trailer costs at most one buffer within the limit. Pages of a few hundred KiB
    /// otherwise went through a chain of doubling buffers and a final copy, all on the large-object heap.
    /// </summary>
    private int DecodedSizeHint(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long length)
    {
        if (length < 18)
        {
            return 0;
        }

        try
        {
            // Read at an offset: the stream reading the file from its start is not moved.
            Span<byte> trailer = stackalloc byte[4];
            if (RandomAccess.Read(handle, trailer, length - 4) != 4)
            {
                return 0;
            }

            var size = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            return size <= Math.Min(maxFileBytes, Array.MaxLength) ? (int)size : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>The URL a saved page names for itself: &lt;link rel="canonical" href&gt;, else &lt;meta property="og:url" content&gt;; absolute http(s) only.</summary>
    internal static string? CanonicalUrl(byte[] body)
    {
        // Tags are ASCII whatever the page's charset; a URL with non-ASCII bytes is not taken.
        // The head's characters in a pooled buffer: a string of them was a 128 KiB large-object allocation per page.
        var length = Math.Min(body.Length, 64 * 1024);
        var chars = System.Buffers.ArrayPool<char>.Shared.Rent(length);
        try
        {
            return CanonicalUrl(chars.AsSpan(0, System.Text.Encoding.Latin1.GetChars(body.AsSpan(0, length), chars)));
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static string? CanonicalUrl(ReadOnlySpan<char> head)
    {
        foreach (var (tag, attribute) in (ReadOnlySpan<(System.Text.RegularExpressions.Regex, System.Text.RegularExpressions.Regex)>)[(CanonicalLink(), HrefValue()), (OgUrl(), ContentValue())])
        {
            foreach (var m in tag.EnumerateMatches(head))
            {
                var value = attribute.Match(head.Slice(m.Index, m.Length).ToString());
                if (value.Success && Uri.TryCreate(System.Net.WebUtility.HtmlDecode(value.Groups[1].Value), UriKind.Absolute, out var uri)
                    && uri.Scheme is "http" or "https" && uri.AbsoluteUri.All(char.IsAscii))
                {
                    return uri.AbsoluteUri;
                }
            }
        }

        return null;
    }

    // Source-generated: built at compile time, not interpreted over every page's first 64 KiB.
    [System.Text.RegularExpressions.GeneratedRegex(@"<link\b[^>]*\brel\s*=\s*[""']?canonical\b[^>]*>",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial System.Text.RegularExpressions.Regex CanonicalLink();

    [System.Text.RegularExpressions.GeneratedRegex(@"<meta\b[^>]*\bproperty\s*=\s*[""']?og:url\b[^>]*>",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial System.Text.RegularExpressions.Regex OgUrl();

    [System.Text.RegularExpressions.GeneratedRegex(@"href\s*=\s*[""']?([^""'\s>]+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex HrefValue();

    [System.Text.RegularExpressions.GeneratedRegex(@"content\s*=\s*[""']?([^""'\s>]+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ContentValue();
}
