using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// A short box beside the article's body, which the scorer takes with the body as a sibling (a short run of prose in
/// a wrapper of its own): after a body holding most of the chosen text, a wrapper block with one or two paragraphs is the
/// template's (an author's bio, a sign-up call), not the article's. A box before the body stays.
/// </summary>
public sealed class SiblingBoxAfterBodyTests
{
    private readonly DensityContentExtractor _extractor = new();

    private const string Box = "<div class=\"box\"><p>Jane Miller has written about the town, its council and its railway for the paper since 2009, and lives by the old yard.</p></div>";

    private static string Page(string before, string after) => $"""
        <html><head><title>Rail yard to become a park</title></head><body>
        <div class="post"><h1>Rail yard to become a park</h1>
        {before}<div class="post-text">{RailYardArticle.Paragraphs}</div>{after}
        </div>
        </body></html>
        """;

    [Fact]
    public void Extract_DropsAShortBoxTakenAsASiblingAfterTheBody()
    {
        var text = _extractor.Extract(Page("", Box), null).Text;

        Assert.DoesNotContain("Jane Miller", text, StringComparison.Ordinal);
        Assert.Contains(RailYardArticle.Body[0], text, StringComparison.Ordinal);
        Assert.Contains(RailYardArticle.Body[^1], text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsTheSameBoxBeforeTheBody()
    {
        var text = _extractor.Extract(Page(Box, ""), null).Text;

        Assert.Contains("Jane Miller", text, StringComparison.Ordinal);
        Assert.Contains(RailYardArticle.Body[^1], text, StringComparison.Ordinal);
    }
}
