using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// A part of a page printed again beside itself (a site builder's per-screen-size variants, a carousel's cloned
/// slides) is said once; a paragraph that a text repeats on purpose under another heading stays. Small hand-written pages.
/// </summary>
public sealed class SiblingCopiesTests
{
    private readonly DensityContentExtractor _extractor = new();

    private const string First = "Kitchen remodels in the coastal counties cost more than inland, mostly because labour is dearer and permits take longer to come through.";
    private const string Second = "Plan for a contingency of a tenth of the budget: old houses hide wiring and plumbing that must be brought up to code once the walls are open.";

    private static int Count(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    [Fact]
    public void Extract_SaysTheArticleOnce_WhenItIsPrintedOncePerScreenSize()
    {
        const string variant = $"""
            <div class="ssr-variant">
              <div class="framer-body"><h2>What a remodel costs</h2><p>{First}</p><p>{Second}</p>
              <p>Cabinets and counters take the largest share, then appliances, then the labour to fit them, in most quotes we collected.</p></div>
            </div>
            """;
        var html = $"""
            <html><head><title>What a home remodel costs</title></head><body>
            <nav><a href="/">Home</a> <a href="/blog">Blog</a> <a href="/contact">Contact</a></nav>
            <div id="main"><section class="framer-page"><h1>What a home remodel costs</h1>{variant}{variant}{variant}</section></div>
            <footer><a href="/privacy">Privacy</a></footer>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Equal(1, Count(text, First));
        Assert.Equal(1, Count(text, Second));
    }

    [Fact]
    public void Extract_KeepsAParagraph_ThatTheTextSaysAgainUnderAnotherHeading()
    {
        const string meal = "Asparagus and eggs: one cup of asparagus, two poached eggs and half a cup of sweet potato, with a teaspoon of olive oil.";
        var html = $"""
            <html><head><title>A week of meal prep</title></head><body>
            <article class="post"><h1>A week of meal prep</h1>
              <p>Cook once on Sunday and the week's breakfasts, lunches and dinners are ready in the fridge, portioned for each plan.</p>
              <h2>Plan A</h2><p>{meal}</p><p>Lunch for plan A is a tomato and cucumber salad with white beans, feta and four ounces of chicken.</p>
              <h2>Plan B</h2><p>{meal}</p><p>Lunch for plan B adds half a cup of quinoa and a medium apple to the same salad, for the larger plan.</p>
            </article>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Equal(2, Count(text, meal));
    }
}
