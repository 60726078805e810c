using System.IO.Compression;
using System.Text;
using SciCurate.DomainFilter.Web.Extraction;
using SciCurate.DomainFilter.Web.Intake;

namespace SciCurate.DomainFilter.Tests.Web;

public sealed class WarcReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("warc-test").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string BuildBenchmarkWarc(bool gzip)
    {
        var path = Path.Combine(_dir, gzip ? "pages.warc.gz" : "pages.warc");
        using var warc = new WebPages.WarcWriter(File.Create(path), gzip);
        warc.Record("warcinfo", "", "application/warc-fields", "software: test\r\n"u8.ToArray());
        var pages = WebPages.BenchmarkPages();
        for (var i = 0; i < pages.Count; i++)
        {
            var (_, url, html, _) = pages[i];
            warc.Record("request", url, "application/http; msgtype=request", Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
            byte[] http = i switch
            {
                // One page chunked, one gzip content-encoded, the others plain.
                0 => [.. Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n"), .. Chunk(html), .. "0\r\n\r\n"u8],
                1 => WebPages.WarcWriter.Http(Gzip(html), extraHeaders: "Content-Encoding: gzip\r\n"),
                _ => WebPages.WarcWriter.Http(html),
            };
            warc.Response(i == 2 ? $"<{url}>" : url, http);
        }

        warc.Response("https://example.org/logo.png", WebPages.WarcWriter.Http([0x89, 0x50, 0x4E, 0x47], "image/png"));
        warc.Record("metadata", "https://example.org/", "application/warc-fields", "fetchTimeMs: 12\r\n"u8.ToArray());
        return path;
    }

    private static byte[] Chunk(byte[] body)
    {
        var ms = new MemoryStream();
        for (var at = 0; at < body.Length; at += 4000)
        {
            var n = Math.Min(4000, body.Length - at);
            ms.Write(Encoding.ASCII.GetBytes($"{n:x}\r\n"));
            ms.Write(body, at, n);
            ms.Write("\r\n"u8);
        }

        return ms.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(data);
        }

        return ms.ToArray();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_ReturnsBenchmarkPagesWithTheirUrls_WhenWarcBuiltFromThem(bool gzip)
    {
        var path = BuildBenchmarkWarc(gzip);
        var counts = new ReadCounts();
        var pages = new WarcReader().Read(path, counts).ToList();
        var expected = WebPages.BenchmarkPages();

        Assert.Equal(expected.Select(p => p.Url), pages.Select(p => p.Url));
        Assert.All(pages, p => Assert.Null(p.Error));
        Assert.Equal(1, counts.NonHtmlSkipped);
        Assert.Equal(expected.Count + 2, counts.OtherRecordsSkipped);
        var extractor = new DensityContentExtractor();
        for (var i = 0; i < pages.Count; i++)
        {
            // Chunked and gzip bodies come back byte-identical, and extraction finds the article.
            Assert.Equal(expected[i].Html, pages[i].Body);
            var text = extractor.Extract(CharsetDecoder.Decode(pages[i].Body, pages[i].ContentType).Text, null).Text;
            Assert.True(WebPages.ShingleRecall(expected[i].Truth, text) > 0.8, $"{expected[i].Id}: recall {WebPages.ShingleRecall(expected[i].Truth, text):F2}");
        }
    }

    [Fact]
    public void Read_ReportsMalformedRecordAndGoesOn()
    {
        var path = Path.Combine(_dir, "bad.warc.gz");
        var (_, url, html, _) = WebPages.BenchmarkPages()[0];
        using (var warc = new WebPages.WarcWriter(File.Create(path), gzip: true))
        {
            warc.Raw("this is not a WARC header\r\nnor is this\r\n"u8.ToArray());
            warc.Response(url, WebPages.WarcWriter.Http(html));
            warc.Record("response", "https://example.org/no-length", "application/http", "HTTP/1.1 200 OK\r\n\r\n<html></html>"u8.ToArray(), lengthOverride: "many");
            warc.Response("https://example.org/bad-status", "NOT HTTP\r\n\r\n<html></html>"u8.ToArray());
            warc.Response(url + "?again", WebPages.WarcWriter.Http(html));
        }

        var counts = new ReadCounts();
        var pages = new WarcReader().Read(path, counts).ToList();

        Assert.Contains(pages, p => p.Error is not null && p.Error.StartsWith("not a WARC record", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Error is not null && p.Error.Contains("bad HTTP status line", StringComparison.Ordinal));
        Assert.Equal([url, url + "?again"], pages.Where(p => p.Error is null).Select(p => p.Url));
        Assert.True(counts.Malformed >= 2);
    }

    [Fact]
    public void Read_ReportsTruncatedRecord_InClippedCommonCrawlFile()
    {
        var counts = new ReadCounts();
        var pages = new WarcReader().Read(SciCurate.TestSupport.TestData.DataFile("web/warc/clipped.warc.gz"), counts).ToList();

        Assert.Contains(pages, p => p.Error is not null && p.Error.Contains("truncated", StringComparison.OrdinalIgnoreCase) || p.Error?.Contains("unreadable", StringComparison.Ordinal) == true);
        Assert.True(counts.Malformed >= 1);
    }

    [Fact]
    public void Read_ReturnsHtmlResponses_OfRealCommonCrawlSample()
    {
        var counts = new ReadCounts();
        var pages = new WarcReader().Read(SciCurate.TestSupport.TestData.DataFile("web/warc/cc-main-2020-34-sample.warc.gz"), counts).ToList();

        // 50 records: 1 warcinfo, 17 request, 16 response, 16 metadata.
        Assert.Equal(50, counts.Records);
        Assert.Equal(16, pages.Count + counts.NonHtmlSkipped);
        Assert.Equal(34, counts.OtherRecordsSkipped);
        Assert.All(pages, p => Assert.StartsWith("http", p.Url, StringComparison.Ordinal));
        Assert.All(pages, p => Assert.NotNull(p.FetchTime));
    }

    [Fact]
    public void Read_AcceptsAngleBracketTargetUris_OfWgetWarc()
    {
        var pages = new WarcReader().Read(SciCurate.TestSupport.TestData.DataFile("web/warc/sample-0000.warc.gz"), new ReadCounts()).ToList();

        Assert.NotEmpty(pages);
        Assert.All(pages, p => Assert.DoesNotContain('<', p.Url));
        Assert.All(pages, p => Assert.True(Uri.IsWellFormedUriString(p.Url, UriKind.Absolute), p.Url));
    }
}
