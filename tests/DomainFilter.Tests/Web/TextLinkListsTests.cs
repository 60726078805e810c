using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// Lists of links that belong to the text: one the article introduces with a sentence, between its paragraphs, or one
/// whose items carry text beside their links. A list of other stories announced by a label, or ending the article, is
/// still navigation.
/// </summary>
public sealed class TextLinkListsTests
{
    private readonly DensityContentExtractor _extractor = new();

    private const string Body1 = "The survey asked four hundred gardeners, over two summers, which plants drew the most bees, and how often they came back.";
    private const string Body2 = "Most gardens in the survey were small, under fifty square metres, and many were on balconies or in shared yards in town.";
    private const string Body3 = "Gardeners who planted three or more of these saw twice as many bees by August, the survey found, whatever the garden's size.";
    private const string Body4 = "The authors will repeat the survey next year, with more gardens in the north, where the season is shorter and cooler.";

    private const string Plants = "<ul><li><a href=\"/plants/lavender\">Lavender</a></li><li><a href=\"/plants/borage\">Borage</a></li>"
                                  + "<li><a href=\"/plants/catmint\">Catmint</a></li><li><a href=\"/plants/thyme\">Creeping thyme</a></li></ul>";

    private static string Page(string inside, string after) => $"""
        <html><head><title>Which plants bring bees</title></head><body>
        <nav><a href="/">Home</a> <a href="/garden">Garden</a></nav>
        <div class="post-body"><h1>Which plants bring bees</h1><p>{Body1}</p><p>{Body2}</p>{inside}{after}</div>
        </body></html>
        """;

    [Fact]
    public void Extract_KeepsALinkList_IntroducedByASentence_WhenTheTextGoesOn()
    {
        var list = "<p>The plants that drew the most bees in every region were these four:</p>" + Plants;

        var text = _extractor.Extract(Page(list, $"<p>{Body3}</p><p>{Body4}</p>"), null).Text;

        Assert.Contains("Catmint", text, StringComparison.Ordinal);
        Assert.Contains("Creeping thyme", text, StringComparison.Ordinal);
        Assert.Contains(Body3, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DropsALinkList_AnnouncedByAShortLabel()
    {
        // "Read also:" is a label, not a sentence of the article: the list is other stories.
        var list = "<p>Read also:</p>" + Plants;

        var text = _extractor.Extract(Page(list, $"<p>{Body3}</p><p>{Body4}</p>"), null).Text;

        Assert.DoesNotContain("Catmint", text, StringComparison.Ordinal);
        Assert.Contains(Body3, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DropsAnIntroducedLinkList_ThatEndsTheArticle()
    {
        // Nothing of the article follows: a closing list of links reads as related reading, which the pruning drops.
        var list = $"<p>{Body3}</p><p>{Body4}</p><p>If you want to read more about bees and gardens, try these pages:</p>" + Plants;

        var text = _extractor.Extract(Page(list, ""), null).Text;

        Assert.DoesNotContain("Catmint", text, StringComparison.Ordinal);
        Assert.Contains(Body4, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsALinkList_WhoseItemsCarryTextBesideTheLinks()
    {
        // No introducing sentence, and it ends the article: the text beside each link makes it the article's own list.
        var list = $"<p>{Body3}</p><p>{Body4}</p><h2>Where to buy</h2><ul>"
                   + "<li><a href=\"https://example.org/lavender\">Lavender Hidcote from the Cotswold Plant Nursery</a> - 9.50 a pot, in flower by June</li>"
                   + "<li><a href=\"https://example.org/borage\">Borage seeds from the Heritage Seed Library</a> - 2.20 a packet, sown in April</li>"
                   + "<li><a href=\"https://example.org/catmint\">Catmint Walker's Low from Green Valley Plants</a> - 8.00 a pot, flowers all summer</li></ul>";

        var text = _extractor.Extract(Page(list, ""), null).Text;

        Assert.Contains("Borage seeds", text, StringComparison.Ordinal);
        Assert.Contains("2.20 a packet, sown in April", text, StringComparison.Ordinal);
    }
}
