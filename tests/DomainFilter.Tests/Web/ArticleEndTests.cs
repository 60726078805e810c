using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// What a template adds after the article's text (a sign-up call, a bio, a disclosure), told by structure: the
/// article's paragraphs sit in one container, and a short wrapper block after its last paragraph, holding at most
/// one paragraph, is not the article's. Tables, text lists and runs of one template stay.
/// </summary>
public sealed class ArticleEndTests
{
    private readonly DensityContentExtractor _extractor = new();

    private static string Page(string inside) => $"""
        <html><head><title>Rail yard to become a park</title></head><body>
        <div class="post"><h1>Rail yard to become a park</h1>
        <div class="post-text">{RailYardArticle.Paragraphs}{inside}</div>
        </div>
        </body></html>
        """;

    private const string SignUp = "<div class=\"box\"><h3>Never miss a story</h3><p>Get the morning's news from the town in your inbox, every day at seven.</p></div>";

    [Fact]
    public void Extract_DropsASignUpCallPlacedAfterTheBodysLastParagraph()
    {
        var text = _extractor.Extract(Page(SignUp), null).Text;

        Assert.DoesNotContain("Never miss a story", text, StringComparison.Ordinal);
        Assert.DoesNotContain("in your inbox", text, StringComparison.Ordinal);
        Assert.Contains(RailYardArticle.Body[^1], text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsATableAfterTheBodysLastParagraph()
    {
        var table = "<div class=\"costs\"><table><tr><td>Soil cleaning</td><td>7.5 million</td></tr><tr><td>Bridge</td><td>3 million</td></tr></table></div>";

        var text = _extractor.Extract(Page(table), null).Text;

        Assert.Contains("Soil cleaning", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsARunOfQuestionsAfterTheBodysLastParagraph()
    {
        var faq = "<div class=\"faq\"><h3>When will the park open?</h3><p>The first part opens in two years, the rest by 2030.</p></div>"
                  + "<div class=\"faq\"><h3>Who pays for it?</h3><p>The council, with a grant from the region for the bridge.</p></div>";

        var text = _extractor.Extract(Page(faq), null).Text;

        Assert.Contains("When will the park open?", text, StringComparison.Ordinal);
        Assert.Contains("Who pays for it?", text, StringComparison.Ordinal);
    }
}
