using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// An FAQ set as an accordion puts each question in the button that opens its answer, and a page of features each
/// section's title in the button that opens it. The cleaning drops buttons (controls are not text), so the question
/// or title is carried to its panel and rendered before it; a button that neither asks nor declares a panel, a
/// one-word toggle, and questions whose answers are not on the page stay out.
/// </summary>
public sealed class DisclosureHeadingsTests
{
    private readonly DensityContentExtractor _extractor = new();

    private static string Page(string faq) => $"""
        <html><head><title>Harbour baths stay open</title></head><body>
        <main><article><h1>Harbour baths stay open</h1>{HarbourBathsArticle.Paragraphs(4)}
        <h2>Questions</h2>{faq}</article></main>
        </body></html>
        """;

    [Fact]
    public void Extract_PutsTheQuestionOfAnAccordionButton_BeforeItsAnswer()
    {
        var html = Page("""
            <div class="faq"><h3><button type="button" aria-expanded="false">When do the baths open in winter?</button></h3>
            <div class="answer"><p>From eight in the morning to six in the evening, every day but Monday.</p></div></div>
            <div class="faq"><button type="button">Is the small pool heated?</button>
            <div class="answer"><p>Yes, with the waste heat of the bakery next door.</p></div></div>
            """);

        var text = _extractor.Extract(html, null).Text;

        var question = text.IndexOf("When do the baths open in winter?", StringComparison.Ordinal);
        Assert.True(question >= 0, text);
        Assert.True(question < text.IndexOf("From eight in the morning", StringComparison.Ordinal));
        Assert.Contains("Is the small pool heated?", text, StringComparison.Ordinal);
        Assert.Contains("with the waste heat of the bakery next door", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_PutsTheTitleOfAButtonThatOpensAPanel_BeforeThePanel()
    {
        var html = Page("""
            <div class="item"><button type="button" aria-expanded="true">Winter opening hours</button>
            <div class="panel"><p>From eight in the morning to six in the evening, every day but Monday.</p></div></div>
            """);

        var text = _extractor.Extract(html, null).Text;

        var title = text.IndexOf("Winter opening hours", StringComparison.Ordinal);
        Assert.True(title >= 0, text);
        Assert.True(title < text.IndexOf("From eight in the morning", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_LeavesOutQuestionButtons_WhoseAnswersAreNotOnThePage()
    {
        // A script loads each answer on click: the page holds the questions only.
        var html = Page("""
            <div class="faq"><button type="button" aria-expanded="false">When do the baths open in winter?</button></div>
            <div class="faq"><button type="button" aria-expanded="false">Is the small pool heated?</button></div>
            <div class="faq"><button type="button" aria-expanded="false">Can children swim alone?</button></div>
            """);

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("waste heat of the new bakery", text, StringComparison.Ordinal);
        Assert.DoesNotContain("When do the baths open in winter?", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Is the small pool heated?", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_LeavesOutButtonsThatDoNotAsk()
    {
        var html = Page("""
            <div class="faq"><button type="button">Show the opening hours</button>
            <div class="answer"><p>From eight in the morning to six in the evening, every day but Monday.</p></div></div>
            <button type="button">Why?</button><p>Because the council said so, after a long debate.</p>
            <button type="button" aria-expanded="false">More</button><div><p>The pool is closed on public holidays.</p></div>
            """);

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("From eight in the morning", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Show the opening hours", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Why?", text, StringComparison.Ordinal);
        Assert.Contains("closed on public holidays", text, StringComparison.Ordinal);
        Assert.DoesNotContain("More", text, StringComparison.Ordinal);
    }
}
