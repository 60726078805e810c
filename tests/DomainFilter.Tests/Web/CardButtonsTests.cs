using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// A run of same-template cards that is the content keeps its title lines, long ones too (a title is not another
/// story's headline there), and loses the button its template repeats on every card ("See details" to each card's own
/// item). A link of one text to one place on every card (a shared author) stays, as does a link on some cards only.
/// After a long article, the same cards' long titles still go.
/// </summary>
public sealed class CardButtonsTests
{
    private readonly DensityContentExtractor _extractor = new();

    private static string Card(string slug, string title, string summary, string extra) =>
        $"<div class=\"story\"><div class=\"story-title\"><a href=\"/news/{slug}\">{title}</a></div><span>{summary}</span>{extra}</div>";

    private static string Stories(Func<string, string> extra) => string.Concat(
        Card("rail", "Night trains return to the coast line", "Two sleepers a week from March.", extra("rail")),
        Card("bridge", "River bridge closes for six weeks of repairs", "Buses run every ten minutes.", extra("bridge")),
        Card("market", "Saturday market moves to the old harbour square", "Forty stalls, same hours.", extra("market")),
        Card("library", "Library opens on Sundays from the first of May", "A trial of six months.", extra("library")));

    private static string Page(string stories) => $"""
        <html><head><title>Town news</title></head><body>
        <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/events">Events</a></nav>
        <main><h1>Town news</h1><p>The latest stories from the town council, its services and its neighbourhoods, updated daily.</p>
        <div class="stories">{stories}</div></main>
        <footer><a href="/about">About</a> <a href="/contact">Contact</a></footer>
        </body></html>
        """;

    [Fact]
    public void Extract_KeepsLongTitles_AndDropsTheButtonOnEveryCard_OfACardRunThatIsTheContent()
    {
        var text = _extractor.Extract(Page(Stories(slug => $"<a class=\"button\" href=\"/news/{slug}#more\">See details</a>")), null).Text;

        Assert.Contains("Night trains return to the coast line", text, StringComparison.Ordinal);
        Assert.Contains("Library opens on Sundays from the first of May", text, StringComparison.Ordinal);
        Assert.Contains("Buses run every ten minutes.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("See details", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsALinkToOnePlaceOnEveryCard_AndALinkOnSomeCardsOnly()
    {
        var text = _extractor.Extract(Page(Stories(slug => "<a href=\"/authors/ann-lee\">Ann Lee</a>"
                                                         + (slug is "rail" or "market" ? $"<a href=\"/news/{slug}/video\">Watch video</a>" : ""))), null).Text;

        Assert.Contains("Ann Lee", text, StringComparison.Ordinal);
        Assert.Contains("Watch video", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RemoveOnCards_DropsOnlyTheButtonEveryCardRepeats()
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(
            $"<div id=\"grid\">{Stories(slug => $"<button>Add to cart</button><a href=\"/news/{slug}#more\">See details</a>")}</div>");
        var cards = document.GetElementById("grid")!.Children.ToList();
        var budget = new ExtractionBudget(1_000_000, default);

        var removed = CardButtons.Remove(cards, budget);

        Assert.Equal(8, removed);
        Assert.DoesNotContain("Add to cart", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Night trains return to the coast line", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DropsLongTitles_OfCardsAfterALongArticle()
    {
        var html = $"""
            <html><head><title>Harbour baths stay open</title></head><body>
            <main><article><h1>Harbour baths stay open</h1>{HarbourBathsArticle.Paragraphs(8)}
            <div class="more"><h2>More news</h2>{Stories(_ => "")}</div></article></main>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("waste heat of the new bakery", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Night trains return to the coast line", text, StringComparison.Ordinal);
    }
}
