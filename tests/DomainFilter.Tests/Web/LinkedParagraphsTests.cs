using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// Links to other stories set as paragraphs inside the article's own container, told by the share of the
/// paragraph's text that sits in links (measured on the DOM), and the line that announces a block of such links.
/// </summary>
public sealed class LinkedParagraphsTests
{
    private readonly DensityContentExtractor _extractor = new();

    private const string Body1 = "The council voted on Tuesday, seven to two, for the plan, which the mayor had put forward, in its first form, in 2015.";
    private const string Body2 = "Work on the first phase, which includes a playground, a pond and a community garden, is expected to begin next spring.";
    private const string Body3 = "Residents who opposed the plan said the land, close to the station, should have been used for housing, given the shortage.";
    private const string Body4 = "The park will open in stages, the first in two years, and the last, with a new bridge over the river, in 2030 or so.";

    private static string Page(string inside) => $"""
        <html><head><title>Rail yard to become a park</title></head><body>
        <nav><a href="/">Home</a> <a href="/news">News</a></nav>
        <div class="story-body"><h1>Rail yard to become a park</h1><p>{Body1}</p><p>{Body2}</p>{inside}<p>{Body3}</p><p>{Body4}</p></div>
        </body></html>
        """;

    [Fact]
    public void Extract_DropsAParagraphOfOtherStoriesHeadlines_HoweverLong()
    {
        // Four headlines in one paragraph: over 200 characters, so the renderer's short-link-line rule never saw it.
        var row = "<p><a href=\"/a\">Why the mayor wants a new bridge over the river before the next election</a> "
                  + "<a href=\"/b\">Ten things to do in town this weekend, from markets to music</a> "
                  + "<a href=\"/c\">The old station reopens as a food hall with forty stalls</a> "
                  + "<a href=\"/d\">Council tax to rise by three per cent next year</a></p>";

        var text = _extractor.Extract(Page(row), null).Text;

        Assert.DoesNotContain("food hall", text, StringComparison.Ordinal);
        Assert.Contains(Body3, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DropsALoneShortLinkLine()
    {
        // Under five words and no sentence: too short for the renderer's teaser rule, which keeps a lone link line.
        var line = "<p><a href=\"/gallery/park-meeting\">Pictures of the meeting</a></p>";

        var text = _extractor.Extract(Page(line), null).Text;

        Assert.DoesNotContain("Pictures of the meeting", text, StringComparison.Ordinal);
        Assert.Contains(Body2, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsAParagraphThatIsOneLinkedSentence()
    {
        var sentence = "<p><a href=\"/plan\">The council has published the full plan for the rail yard on its website.</a></p>";

        var text = _extractor.Extract(Page(sentence), null).Text;

        Assert.Contains("published the full plan", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsAParagraph_WithALinkInItsProse()
    {
        var prose = "<p>The plan, <a href=\"/plan.pdf\">published in full</a>, runs to two hundred pages with maps, drawings and costs.</p>";

        var text = _extractor.Extract(Page(prose), null).Text;

        Assert.Contains("runs to two hundred pages", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsALinkThatShowsItsAddress_AsACitedSource()
    {
        var source = "<p><a href=\"http://example.org/reports/2021/rail-yard-park.pdf\">http://example.org/reports/2021/rail-yard-park.pdf</a></p>";

        var text = _extractor.Extract(Page(source), null).Text;

        Assert.Contains("example.org/reports/2021", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DropsTheHeadingThatAnnouncesALinkBlock_InsideTheArticle()
    {
        // The pruning drops the list of links; its heading, mid-article, would be left alone above the next paragraph.
        var related = "<h3>More on this topic</h3><ul class=\"links\"><li><a href=\"/a\">Why the mayor wants a new bridge</a></li>"
                      + "<li><a href=\"/b\">Ten things to do in town this weekend</a></li><li><a href=\"/c\">The old station reopens</a></li></ul>";

        var text = _extractor.Extract(Page(related), null).Text;

        Assert.DoesNotContain("More on this topic", text, StringComparison.Ordinal);
        Assert.DoesNotContain("old station", text, StringComparison.Ordinal);
        Assert.Contains(Body3, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsASectionHeading_AboveProse()
    {
        var section = "<h3>What comes next</h3><div class=\"links\"><p>The plan goes to a public inquiry in the autumn, with hearings over <a href=\"/inq\">six weeks</a>.</p></div>";

        var text = _extractor.Extract(Page(section), null).Text;

        Assert.Contains("What comes next", text, StringComparison.Ordinal);
    }
}
