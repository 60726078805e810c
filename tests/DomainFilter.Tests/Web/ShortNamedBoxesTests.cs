using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// A box of a line or two whose class names content ("iPwaInstall__content") does not win the choice on a short page
/// over the text beside it. Small hand-written pages.
/// </summary>
public sealed class ShortNamedBoxesTests
{
    private readonly DensityContentExtractor _extractor = new();

    private const string Prompt = "View in the app. A better way to browse.";

    private const string Question =
        "Hi, I would like to know the roadmap for future products and version releases, since the only posts here are about released ones.";

    private const string Answer =
        "For more insight into the products and the roadmap, you may want to check whether you are eligible to join the customer circle.";

    [Fact]
    public void Extract_TakesTheThread_NotAnInstallPromptNamedContent()
    {
        var html = $"""
            <html><head><title>Roadmap discussion</title></head><body>
            <div class="site-top"><div class="pwaInstall"><div class="pwaInstall__content"><p>{Prompt}</p></div></div></div>
            <div class="topic">
              <div class="entry"><h2>Roadmap discussion</h2></div>
              <div class="posts"><p>{Question}</p><p>{Answer}</p></div>
            </div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains(Question, text, StringComparison.Ordinal);
        Assert.Contains(Answer, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Prompt, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_StillPrefersAContentName_WhenTheNamedBoxHoldsAText()
    {
        var lead = "The committee met on Tuesday and agreed, after a long debate, to keep the library open on Sundays through the winter.";
        var html = $"""
            <html><head><title>Library hours</title></head><body>
            <div class="article-content"><p>{lead}</p></div>
            <div class="box"><p>{Answer}</p><p>{Question}</p></div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains(lead, text, StringComparison.Ordinal);
    }
}
