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

    private static readonly string Links = string.Concat(Enumerable.Range(1, 12).Select(i => $"<li><a href=\"/s{i}\">Other story number {i} in town</a></li>"));

    /// <summary>
    /// A page whose body sits in a column beside a sidebar of links, over a footer of links: <paramref name="head"/> is
    /// the head's markup, <paramref name="before"/> what comes before the page block (a logo, a breadcrumb) and
    /// <paramref name="top"/> the header block above the columns.
    /// </summary>
    private static string ColumnsPage(string head, string before, string top) => $"""
        <html><head>{head}</head><body>
        {before}
        <div class="page">
          {top}
          <div class="columns">
            <div class="story-body"><p>{Body1}</p><p>{Body2}</p><p>{Body3}</p><p>{Body2}</p><p>{Body1}</p></div>
            <ul class="side">{Links}</ul>
          </div>
        </div>
        <ul class="foot">{Links}</ul>
        </body></html>
        """;

    [Fact]
    public void Extract_KeepsTheLead_UnderAHeadlineSetAsAnH2ThatSaysThePageTitle()
    {
        // The h1 is the site's logo (a link); the article's headline is an h2 that says the page's title, and the lead
        // follows it in the header block beside the body's container.
        var html = ColumnsPage(
            "<title>Rail yard to become a park » The Town Courier</title>",
            """<h1 class="logo"><a href="/">The Town Courier</a></h1>""",
            $"""<div class="story-head"><h2>Rail yard to become a park</h2><div class="leader"><p>{Lead}</p></div></div>""");

        var text = _extractor.Extract(html, null).Text;

        Assert.StartsWith(Lead, text, StringComparison.Ordinal);
        Assert.Contains(Body3, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsTheLead_UnderAHeadlineSetAsAStyledBlockThatSaysTheMetadataTitle()
    {
        // The h1 sits in a breadcrumb the cleaning removes; a styled div repeats the headline (the og:title).
        var html = ColumnsPage(
            """<meta property="og:title" content="Rail yard to become a park"><title>Courier</title>""",
            """<nav><ol><li><a href="/">Home</a></li><li><h1>Rail yard to become a park</h1></li></ol></nav>""",
            $"""<div class="top"><div class="page-title"><span>Rail yard to become a park</span></div><div class="intro"><p>{Lead}</p></div></div>""");

        var text = _extractor.Extract(html, null).Text;

        Assert.StartsWith(Lead, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_LeavesTextUnderAHeading_ThatSaysOnlyAPartOfThePageTitle()
    {
        // The h2 says a part of the title (a section's name, under half of its letters): it heads the
        // site's note under it, not the article, and that paragraph stays out.
        const string promo = "A daily paper for the town since 1887, with its news, sport and weather, read in every house on the hill.";
        var html = ColumnsPage(
            "<title>Rail yard to become a park in the town</title>",
            """<h1 class="logo"><a href="/">The Town Courier</a></h1>""",
            $"""<div class="top"><h2>Become a park</h2><p>{promo}</p></div>""");

        var text = _extractor.Extract(html, null).Text;

        Assert.StartsWith(Body1, text, StringComparison.Ordinal);
        Assert.DoesNotContain("daily paper", text, StringComparison.Ordinal);
    }
}
