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

    private const string Box = "<div class=\"box\"><p>Jane Miller has written about the town, its council and its railway for the paper since 2009, and lives by the old yard.</p></div>";

    private static string Page(string before, string after) => $"""
        <html><head><title>Rail yard to become a park</title></head><body>
        <div class="post"><h1>Rail yard to become a park</h1>
        {before}<div class="post-text"><p>{Body1}</p><p>{Body2}</p><p>{Body3}</p><p>{Body4}</p><p>{Body5}</p><p>{Body6}</p><p>{Body7}</p><p>{Body8}</p><p>{Body9}</p><p>{Body10}</p></div>{after}
        </div>
        </body></html>
        """;

    [Fact]
    public void Extract_DropsAShortBoxTakenAsASiblingAfterTheBody()
    {
        var text = _extractor.Extract(Page("", Box), null).Text;

        Assert.DoesNotContain("Jane Miller", text, StringComparison.Ordinal);
        Assert.Contains(Body1, text, StringComparison.Ordinal);
        Assert.Contains(Body10, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsTheSameBoxBeforeTheBody()
    {
        var text = _extractor.Extract(Page(Box, ""), null).Text;

        Assert.Contains("Jane Miller", text, StringComparison.Ordinal);
        Assert.Contains(Body10, text, StringComparison.Ordinal);
    }
}
