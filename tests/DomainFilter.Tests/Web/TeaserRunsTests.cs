using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// A grid of other pages' teasers after an article (each card a title, a one-sentence summary and a "read more" link
/// to that page) goes whatever its length: it carries few link characters, so the link share never told it. A FAQ
/// after the article (titles that are not links) stays, and so does a grid of teasers that is the page's content.
/// </summary>
public sealed class TeaserRunsTests
{
    private readonly DensityContentExtractor _extractor = new();

    private static string Teaser(string slug, string title, string summary) =>
        $"<div class=\"card\"><h3>{title}</h3><p>{summary}</p><a href=\"/news/{slug}\">Read more</a></div>";

    private static readonly string Teasers = string.Concat(
        Teaser("rail", "Night trains return to the valley", "Two sleepers a week from March, to the coast and back."),
        Teaser("bridge", "River bridge closes for repairs", "Buses run every ten minutes while the deck is rebuilt."),
        Teaser("market", "The Saturday market moves", "Forty stalls go to the square by the church, same hours."),
        Teaser("library", "Library opens on Sundays", "A trial of six months, with a reading hour for children."));

    private static string Article(string after) => $"""
        <html><head><title>Rail yard to become a park</title></head><body>
        <div class="post"><h1>Rail yard to become a park</h1>
        <div class="post-text">{RailYardArticle.Paragraphs}{after}</div>
        </div>
        </body></html>
        """;

    [Fact]
    public void Extract_DropsAGridOfOtherStoriesTeasersAfterTheArticle()
    {
        var text = _extractor.Extract(Article($"<div class=\"town-grid\"><h2>More from the town</h2>{Teasers}</div>"), null).Text;

        Assert.Contains(RailYardArticle.Body[^1], text, StringComparison.Ordinal);
        Assert.DoesNotContain("Buses run every ten minutes", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Library opens on Sundays", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsAFaqAfterTheArticle_WhoseTitlesAreNotLinks()
    {
        static string Qa(string q, string a) => $"<div class=\"qa\"><h3>{q}</h3><p>{a}</p></div>";
        var faq = "<div class=\"faq\"><h2>Questions</h2>"
                  + Qa("When does the park open?", "The first part opens in two years, the rest in stages until about 2030.")
                  + Qa("Who pays for the bridge?", "The council hopes for a grant from the region, decided in the autumn.")
                  + Qa("Will the birches stay?", "Yes: the planners promised to keep the trees where they stand today.")
                  + Qa("Can I see the drawings?", "They are shown at the town hall next month, at a meeting open to all.")
                  + "</div>";

        var text = _extractor.Extract(Article(faq), null).Text;

        Assert.Contains("Who pays for the bridge?", text, StringComparison.Ordinal);
        Assert.Contains("keep the trees where they stand", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsAGridOfTeasersThatIsThePagesContent()
    {
        var html = $"""
            <html><head><title>Town news</title></head><body>
            <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/events">Events</a></nav>
            <main><h1>Town news</h1><p>The latest stories from the town council, its services and its neighbourhoods, updated daily.</p>
            <div class="stories">{Teasers}</div></main>
            <footer><a href="/about">About</a> <a href="/contact">Contact</a></footer>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("Night trains return to the valley", text, StringComparison.Ordinal);
        Assert.Contains("Buses run every ten minutes", text, StringComparison.Ordinal);
    }
}
