using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// A run of same-template link cards that is most of the chosen content (a news index's stories, each a short title
/// link in its own block and a line of text) is the content: the pruning must not cut its title links one by one as link blocks. A grid of
/// other stories after a long article stays navigation.
/// </summary>
public sealed class CardRunsTests
{
    private readonly DensityContentExtractor _extractor = new();

    private static string Card(string slug, string title, string summary) =>
        $"<div class=\"story\"><div class=\"story-title\"><a href=\"/news/{slug}\">{title}</a></div><span>{summary}</span></div>";

    private static readonly string Stories = string.Concat(
        Card("rail", "Night trains return", "Two sleepers a week from March."),
        Card("bridge", "River bridge closes", "Buses run every ten minutes."),
        Card("market", "Market moves", "Forty stalls, same hours."),
        Card("library", "Library opens Sundays", "A trial of six months."));

    [Fact]
    public void Extract_KeepsTheTitleLinks_OfARunOfCardsThatIsMostOfTheContent()
    {
        var html = $"""
            <html><head><title>Town news</title></head><body>
            <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/events">Events</a></nav>
            <main><h1>Town news</h1><p>The latest stories from the town council, its services and its neighbourhoods, updated daily.</p>
            <div class="stories">{Stories}</div></main>
            <footer><a href="/about">About</a> <a href="/contact">Contact</a></footer>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("Night trains return", text, StringComparison.Ordinal);
        Assert.Contains("Library opens Sundays", text, StringComparison.Ordinal);
        Assert.Contains("Buses run every ten minutes.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DropsTheTitleLinks_OfARunOfCardsAfterALongArticle()
    {
        var html = $"""
            <html><head><title>Harbour baths stay open</title></head><body>
            <main><article><h1>Harbour baths stay open</h1>{HarbourBathsArticle.Paragraphs(8)}
            <div class="more"><h2>More news</h2>{Stories}</div></article></main>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("waste heat of the new bakery", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Night trains return", text, StringComparison.Ordinal);
    }
}
