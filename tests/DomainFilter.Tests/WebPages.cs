using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace SciCurate.DomainFilter.Tests;

/// <summary>The article-extraction benchmark pages in tests/data/web (found through TestSupport's TestData), and helpers over web pages.</summary>
public static class WebPages
{
    public static string BenchmarkDir => SciCurate.TestSupport.TestData.DataFile("web/article-extraction-benchmark");

    /// <summary>The committed benchmark pages: id, URL, UTF-8 HTML bytes and the ground-truth article body.</summary>
    public static IReadOnlyList<(string Id, string Url, byte[] Html, string Truth)> BenchmarkPages()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(BenchmarkDir, "ground-truth.json")));
        var pages = new List<(string, string, byte[], string)>();
        foreach (var p in json.RootElement.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            using var gz = new GZipStream(File.OpenRead(System.IO.Path.Combine(BenchmarkDir, "html", p.Name + ".html.gz")), CompressionMode.Decompress);
            using var ms = new MemoryStream();
            gz.CopyTo(ms);
            pages.Add((p.Name, p.Value.GetProperty("url").GetString()!, ms.ToArray(), p.Value.GetProperty("articleBody").GetString()!));
        }

        return pages;
    }

    /// <summary>Share of the truth's 4-word shingles found in the prediction (the benchmark metric's recall, as a set).</summary>
    public static double ShingleRecall(string truth, string prediction)
    {
        var t = Shingles(truth);
        var p = Shingles(prediction);
        return t.Count == 0 ? 1 : (double)t.Count(p.Contains) / t.Count;
    }

    public static double ShinglePrecision(string truth, string prediction)
    {
        var t = Shingles(truth);
        var p = Shingles(prediction);
        return p.Count == 0 ? 0 : (double)p.Count(t.Contains) / p.Count;
    }

    private static HashSet<string> Shingles(string text)
    {
        var words = System.Text.RegularExpressions.Regex.Matches(text, @"\w+").Select(m => m.Value).ToList();
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 4 <= words.Count; i++)
        {
            set.Add(string.Join(' ', words.GetRange(i, 4)));
        }

        return set;
    }

    /// <summary>Writes a WARC file record by record, each record its own gzip member when <paramref name="gzip"/> (the Common Crawl layout).</summary>
    public sealed class WarcWriter(Stream output, bool gzip) : IDisposable
    {
        public void Response(string url, byte[] httpMessage) => Record("response", url, "application/http; msgtype=response", httpMessage);

        public void Record(string type, string url, string contentType, byte[] block, string? lengthOverride = null)
        {
            var header = new StringBuilder()
                .Append("WARC/1.1\r\n")
                .Append("WARC-Type: ").Append(type).Append("\r\n")
                .Append("WARC-Target-URI: ").Append(url).Append("\r\n")
                .Append("WARC-Date: 2024-05-01T12:00:00Z\r\n")
                .Append("WARC-Record-ID: <urn:uuid:").Append(Guid.NewGuid()).Append(">\r\n")
                .Append("Content-Type: ").Append(contentType).Append("\r\n")
                .Append("Content-Length: ").Append(lengthOverride ?? block.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n\r\n");
            Raw([.. Encoding.ASCII.GetBytes(header.ToString()), .. block, .. "\r\n\r\n"u8]);
        }

        public void Raw(byte[] bytes)
        {
            if (gzip)
            {
                using var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
                gz.Write(bytes);
            }
            else
            {
                output.Write(bytes);
            }
        }

        public static byte[] Http(byte[] body, string contentType = "text/html; charset=utf-8", string extraHeaders = "") =>
            [.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\n{extraHeaders}Content-Length: {body.Length}\r\n\r\n"), .. body];

        public void Dispose() => output.Dispose();
    }
}
