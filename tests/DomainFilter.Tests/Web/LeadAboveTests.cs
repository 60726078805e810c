using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// The lead (standfirst) that a news site puts in the article's header block, between the headline and the body's
/// container: it is the article's first paragraph, while a site's name above a sidebar does not head the article.
/// </summary>
public sealed class LeadAboveTests
{
    private readonly DensityContentExtractor _extractor = new();

    private const string Lead = "The city will turn the old rail yard into a park, ending ten years of argument over the site.";
    private const string Body1 = "The council voted on Tuesday, seven to two, for the plan, which the mayor had put forward, in its first form, in 2015.";
    private const string Body2 = "Work on the first phase, which includes a playground, a pond and a community garden, is expected to begin next spring.";
    private const string Body3 = "Residents who opposed the plan said the land, close to the station, should have been used for housing, given the shortage.";

    [Fact]
    public void Extract_KeepsTheLead_BetweenTheHeadlineAndTheChosenBody()
    {
        // The headline and the lead sit in a header block beside the body's container, which scoring chooses alone.
        var html = $"""
            <html><head><title>Rail yard to become a park</title></head><body>
            <div class="page">
              <div class="story-head"><h1>Rail yard to become a park</h1><div class="dek-wrap"><p class="intro-text">{Lead}</p></div>
                <p>By Jane Doe</p></div>
              <div class="story">
                <div class="story-body"><p>{Body1}</p><p>{Body2}</p><p>{Body3}</p><p>{Body2}</p><p>{Body1}</p></div>
                <div class="tools"><a href="/print">Print this page</a> <a href="/mail">Send it by mail</a></div>
              </div>
            </div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.StartsWith(Lead, text, StringComparison.Ordinal);
        Assert.Contains(Body3, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane Doe", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_LeavesTextAboveTheBody_WhenMuchLiesBetweenItAndTheHeadline()
    {
        // The h1 is the site's name over its motto; a column of links to other stories lies between them and the
        // article. With ten links instead of sixty the motto would be taken as the article's lead.
        var other = string.Concat(Enumerable.Range(1, 60).Select(i => $"<li><a href=\"/s{i}\">Other story number {i} in town</a></li>"));
        var html = $"""
            <html><head><title>Rail yard to become a park</title></head><body>
            <div class="top"><h1>The Town Courier</h1><p>A daily paper for the town since 1887, with its news, sport and weather.</p>
              <ul class="column">{other}</ul></div>
            <div class="story-body"><p>{Body1}</p><p>{Body2}</p><p>{Body3}</p></div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.StartsWith(Body1, text, StringComparison.Ordinal);
        Assert.DoesNotContain("daily paper", text, StringComparison.Ordinal);
    }
}
