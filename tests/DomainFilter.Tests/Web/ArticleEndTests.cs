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

    private const string Body1 = "The council voted on Tuesday, seven to two, for the plan, which the mayor had put forward, in its first form, in 2015, after years of talks.";
    private const string Body2 = "Work on the first phase, which includes a playground, a pond and a community garden, is expected to begin next spring, weather allowing.";
    private const string Body3 = "Residents who opposed the plan said the land, close to the station, should have been used for housing, given the shortage in the town.";
    private const string Body4 = "The park will open in stages, the first in two years, and the last, with a new bridge over the river, in 2030 or so, the council said.";
    private const string Body5 = "Money for the bridge is not yet found: the council hopes for a grant from the region, which decides on such grants in the autumn.";
    private const string Body6 = "The old signal box, which is listed, will become a café and a small museum of the railway, run by volunteers from the local society.";
    private const string Body7 = "A second meeting, open to the public, will be held at the town hall next month, when the drawings will be shown for the first time.";
    private const string Body8 = "The council expects the whole project to cost about twelve million, most of it for cleaning the soil of the former rail yard.";
    private const string Body9 = "Trees from the old yard, mostly birches that grew there after the trains stopped, will be kept where they stand, the planners promised.";
    private const string Body10 = "The station's owners, who sold the land to the town last year, have said they will add a footpath from the platforms to the new park.";

    private static string Page(string inside) => $"""
        <html><head><title>Rail yard to become a park</title></head><body>
        <div class="post"><h1>Rail yard to become a park</h1>
        <div class="post-text"><p>{Body1}</p><p>{Body2}</p><p>{Body3}</p><p>{Body4}</p><p>{Body5}</p><p>{Body6}</p><p>{Body7}</p><p>{Body8}</p><p>{Body9}</p><p>{Body10}</p>{inside}</div>
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
        Assert.Contains(Body10, text, StringComparison.Ordinal);
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
