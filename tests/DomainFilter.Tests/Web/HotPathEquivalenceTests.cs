using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using SciCurate.DomainFilter.Web.Extraction;
using SciCurate.DomainFilter.Web.Intake;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>The cheaper forms of hot-path steps give what the forms they replaced gave.</summary>
public sealed class HotPathEquivalenceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hotpath-test").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("plain")]
    [InlineData("already collapsed text")]
    [InlineData("  leading and trailing  ")]
    [InlineData("tabs\tand\nnew\r\nlines")]
    [InlineData("no\u00A0break and\u2003em\u2028line\u0085next")]
    [InlineData("\u00A0\u3000 ideographic \u3000")]
    [InlineData("a  b   c")]
    public void Collapse_GivesWhatTheWhitespaceRegexAndTrimGave(string text)
    {
        Assert.Equal(Regex.Replace(text, @"\s+", " ").Trim(), PlainText.Collapse(text));
    }

    [Fact]
    public void HtmlFile_ReadsAGzipOfTwoMembers_WhoseTrailerStatesOnlyTheLast()
    {
        var first = Encoding.UTF8.GetBytes("<html><body><p>" + new string('a', 100_000) + "</p>");
        var second = Encoding.UTF8.GetBytes("<p>tail</p></body></html>");
        var path = Path.Combine(_dir, "two.html.gz");
        using (var file = File.Create(path))
        {
            foreach (var part in new[] { first, second })
            {
                using var gz = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
                gz.Write(part);
            }
        }

        var page = Assert.Single(new HtmlFileReader().Read(path, new ReadCounts()));

        Assert.Null(page.Error);
        Assert.Equal([.. first, .. second], page.Body!);
    }

    [Fact]
    public void SelectorGroup_FindsWhatEachQueryFinds_InDocumentOrder()
    {
        const string html = """
            <html><head><meta property="og:type" content="article"><meta name="description" content="d">
            <script type="application/ld+json">{"@type":"Article"}</script><script>var x;</script></head>
            <body itemscope itemtype="https://schema.org/Article"><time datetime="2024-01-02">x</time>
            <span itemprop="datePublished" datetime="2024-01-01">y</span><meta itemprop="datePublished" content="z">
            <script type="application/ld+json">{"@type":"Product"}</script><time>no date</time></body></html>
            """;
        var document = new HtmlParser().ParseDocument(html);
        string[] selectors = ["meta", "script[type='application/ld+json']", "[itemprop='datePublished']", "time[datetime]", "[itemtype]", "meta[property='og:type']"];

        var found = new SelectorGroup(selectors).Select(document);

        for (var i = 0; i < selectors.Length; i++)
        {
            var expected = document.QuerySelectorAll(selectors[i]).ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, found[i]);
        }
    }
}
