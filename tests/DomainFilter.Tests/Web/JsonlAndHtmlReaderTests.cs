using System.IO.Compression;
using System.Text;
using System.Text.Json;
using SciCurate.DomainFilter.Web.Intake;

namespace SciCurate.DomainFilter.Tests.Web;

public sealed class JsonlAndHtmlReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("jsonl-test").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("pages.jsonl")]
    [InlineData("pages.jsonl.gz")]
    public void Jsonl_ReadsBenchmarkPages_AndReportsBadLines(string name)
    {
        var pages = WebPages.BenchmarkPages();
        var lines = new List<string>();
        foreach (var (_, url, html, _) in pages)
        {
            lines.Add(JsonSerializer.Serialize(new { url, html = Encoding.UTF8.GetString(html) }));
        }

        lines.Insert(1, "{ not json");
        lines.Insert(2, JsonSerializer.Serialize(new { html = "<p>no url</p>" }));
        lines.Add("");
        lines.Add(JsonSerializer.Serialize(new { url = "https://example.org/t", text = "plain text page" }));
        var path = Path.Combine(_dir, name);
        var bytes = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
            gz.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }

        var counts = new ReadCounts();
        var read = new JsonlReader().Read(path, counts).ToList();

        Assert.Equal(pages.Count + 3, read.Count);
        Assert.Equal(2, counts.Malformed);
        Assert.Contains("invalid JSON", read[1].Error, StringComparison.Ordinal);
        Assert.Contains(":2", read[1].Source, StringComparison.Ordinal);
        Assert.Contains("url", read[2].Error, StringComparison.Ordinal);
        Assert.Equal(pages.Select(p => p.Url), read.Where(r => r.Error is null && !r.IsPlainText).Select(r => r.Url));
        Assert.True(read[^1].IsPlainText);
        Assert.Equal("plain text page", read[^1].Html);
    }

    [Fact]
    public void HtmlFolder_MapsFileNamesToUrls_ThroughUrlsJson()
    {
        var dir = Path.Combine(_dir, "html");
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(Path.Combine(WebPages.BenchmarkDir, "html")))
        {
            File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        }

        // The benchmark's ground-truth layout ({ name: { url } }) serves as urls.json.
        File.Copy(Path.Combine(WebPages.BenchmarkDir, "ground-truth.json"), Path.Combine(dir, "urls.json"));
        File.WriteAllText(Path.Combine(dir, "loose.html"), "<html><body><p>No URL for this one.</p></body></html>");

        var read = new HtmlFileReader().Read(dir, new ReadCounts()).ToDictionary(p => p.Name);
        var pages = WebPages.BenchmarkPages();

        Assert.Equal(pages.Count + 1, read.Count);
        foreach (var (id, url, html, _) in pages)
        {
            Assert.Equal(url, read[id].Url);
            Assert.Equal(html, read[id].Body);
        }

        Assert.StartsWith("file://", read["loose"].Url, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlFile_WithoutUrlsJson_TakesItsCanonicalUrl_ElseOgUrl_ElseAFolderStandInDomain()
    {
        var dir = Path.Combine(_dir, "Saved Pages");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "canonical.html"),
            "<html><head><link href=\"https://www.example.org/a/paper?x=1&amp;y=2\" rel=\"canonical\"><meta property=\"og:url\" content=\"https://other.example.com/\"></head><body><p>Text.</p></body></html>");
        File.WriteAllText(Path.Combine(dir, "og.html"), "<html><head><meta content='https://blog.example.net/post' property='og:url'></head><body><p>Text.</p></body></html>");
        File.WriteAllText(Path.Combine(dir, "relative.html"), "<html><head><link rel=canonical href=/just/a/path></head><body><p>Text.</p></body></html>");
        File.WriteAllText(Path.Combine(dir, "none.html"), "<html><body><p>No URL for this one.</p></body></html>");

        var read = new HtmlFileReader().Read(dir, new ReadCounts()).ToDictionary(p => p.Name);
        var builder = new SciCurate.DomainFilter.Web.WebDocumentBuilder(new SciCurate.DomainFilter.Web.Extraction.DensityContentExtractor(), new SciCurate.DomainFilter.Web.Quality.StopwordLanguageIdentifier());

        Assert.Equal("https://www.example.org/a/paper?x=1&y=2", read["canonical"].Url);
        Assert.Equal("example.org", builder.Build(read["canonical"]).Domain);
        Assert.Equal("https://blog.example.net/post", read["og"].Url);
        Assert.Equal("example.net", builder.Build(read["og"]).Domain);
        // No absolute URL of its own: the file's URI, and the folder's name stands in for the domain.
        foreach (var name in new[] { "relative", "none" })
        {
            Assert.StartsWith("file://", read[name].Url, StringComparison.Ordinal);
            Assert.Equal("local:saved pages", builder.Build(read[name]).Domain);
        }
    }

    [Fact]
    public void HtmlFile_BecomesFailedPage_WhenGzipIsCorrupt()
    {
        var path = Path.Combine(_dir, "broken.html.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

        var page = Assert.Single(new HtmlFileReader().Read(path, new ReadCounts()));

        Assert.NotNull(page.Error);
        Assert.Equal("broken", page.Name);
    }

    [Fact]
    public void Jsonl_ReadsALineInWindows1252_WithItsAccents()
    {
        var path = Path.Combine(_dir, "legacy.jsonl");
        var line = "{\"url\":\"https://example.org/a\",\"html\":\"<p>Grüße aus Köln – “quoted”</p>\"}\n";
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("{\"url\":\"https://example.org/b\",\"html\":\"<p>Grüße</p>\"}\n"), .. CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(line)]);

        var pages = new JsonlReader().Read(path, new ReadCounts()).ToList();

        Assert.Equal(["<p>Grüße</p>", "<p>Grüße aus Köln – “quoted”</p>"], pages.Select(p => p.Html));
        Assert.All(pages, p => Assert.Null(p.Error));
    }
}
