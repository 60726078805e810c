using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Logging.Abstractions;
using SciCurate.DomainFilter.Web;
using SciCurate.DomainFilter.Web.Extraction;
using SciCurate.DomainFilter.Web.Quality;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Web;

namespace SciCurate.Pipeline.Tests.Web;

/// <summary>
/// The bounds a page meets before and while it is parsed (issue 15, docs/hostile-input.md): bytes (Web:MaxRecordMegabytes)
/// and tags and comments (Web:MaxElements) are counted before the parser sees the page, and the parse itself stops at
/// the next token once the page's time limit cancels it. Counted in elements, never timed.
/// </summary>
public sealed class HtmlParseBoundsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parse-bounds").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Parse_StopsAtTheNextToken_WhenItsTokenIsCancelled()
    {
        // The extractor passes the page's time-limit token to the parser: the parser must look at it as it goes,
        // not only before it starts, or a page's parse could outlive its limit.
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<span>x</span>", 50_000)) + "</body></html>";
        using var cts = new CancellationTokenSource();
        var created = 0;
        var parser = new HtmlParser(new HtmlParserOptions
        {
            IsScripting = false,
            OnCreated = (_, _) =>
            {
                if (++created == 1_000)
                {
                    cts.Cancel();
                }
            },
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => parser.ParseDocumentAsync(html, cts.Token));

        Assert.InRange(created, 1_000, 1_002);
    }

    [Fact]
    public async Task PageOfManyComments_FailsAsTooManyElements_BeforeParsing()
    {
        // Comments are nodes the parser builds like elements: a page of millions of them (no tags) is held to the same limit.
        var path = Path.Combine(_dir, "comments.html");
        File.WriteAllText(path, "<html><body><p>text</p>" + new StringBuilder().Insert(0, "<!---->", 30_000) + "</body></html>");
        var outDir = Path.Combine(_dir, "out");
        var runner = new WebCorpusRunner(new RunOptions { Workers = 1 }, new WebRunOptions { MaxElements = 10_000 },
            () => new WebDocumentBuilder(new DensityContentExtractor(), new StopwordLanguageIdentifier()), NullLogger<WebCorpusRunner>.Instance);

        await runner.RunAsync(new RunRequest([path], outDir));

        var row = Assert.Single(DuckDb.Records($"select status, error from {DuckDb.Table(outDir, "web_documents")}"));
        Assert.Equal("failed", row["status"]);
        Assert.StartsWith("too many elements: 30003 tags", (string)row["error"]!, StringComparison.Ordinal);
    }
}
