using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// Copies of a block that a page's scripts or styles need (issue 12, service pages): a slider's cloned slides for an
/// endless loop, a site builder's section rendered once per breakpoint. Each is said once; a line the page itself
/// repeats (a training plan's warm-up) is not a copy.
/// </summary>
public sealed class SiblingCopiesTests
{
    private readonly DensityContentExtractor _extractor = new();

    private const string Intro = """
        <h1>Managed analytics</h1>
        <p>Managed analytics services keep your reports accurate and your data platform running day and night, with one team.</p>
        <p>We monitor every pipeline, fix failed loads before your morning reports, and add the dashboards your people ask for.</p>
        <p>Our engineers have run warehouses for banks, retailers and hospitals for twelve years, and they answer the phone.</p>
        """;

    private static string Slide(int i) =>
        $"""<div class="slide"><div class="frame"><h3>Client story {i}</h3><p>Client {i} cut its reporting time by half within a quarter of moving its warehouse to our team.</p></div></div>""";

    private static int Count(string text, string s)
    {
        var n = 0;
        for (var i = text.IndexOf(s, StringComparison.Ordinal); i >= 0; i = text.IndexOf(s, i + s.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    [Fact]
    public void Extract_SaysACarouselsClonedSlidesOnce()
    {
        // An endless-loop slider: the last slide cloned before the first, the first two after the last, with no
        // class or attribute a name list would know.
        var slides = string.Concat(Enumerable.Range(1, 3).Select(Slide));
        var html = $"""
            <html><body><main>{Intro}
            <div class="track">{Slide(3)}{slides}{Slide(1)}{Slide(2)}</div>
            </main></body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Equal(1, Count(text, "Client 1 cut its reporting time"));
        Assert.Equal(1, Count(text, "Client 2 cut its reporting time"));
        Assert.Equal(1, Count(text, "Client 3 cut its reporting time"));
        Assert.Contains("twelve years", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_SaysASectionRenderedPerBreakpointOnce()
    {
        // A site builder's variants: the same section for desktop, tablet and phone, shown one at a time by CSS.
        const string section = """
            <div class="frame"><h2>Why teams choose us</h2><p>One workspace for every report, with alerts before anything breaks and a person who answers.</p></div>
            """;
        var html = $"""
            <html><body><main>{Intro}
            <div class="variants"><div class="v-desktop">{section}</div><div class="v-tablet">{section}</div><div class="v-phone">{section}</div></div>
            </main></body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Equal(1, Count(text, "One workspace for every report"));
    }

    [Fact]
    public void Extract_KeepsALineThePageRepeats()
    {
        // A training plan: the same warm-up line opens every day's sessions; each is content where it stands.
        const string warmUp = "Warm up for fifteen minutes with easy jogging and five strides at a faster effort.";
        var days = string.Concat(Enumerable.Range(1, 4).Select(d =>
            $"<h3>Day {d}</h3><p>{warmUp}</p><p>Main set for day {d}: run {d + 3} kilometres at an easy pace, then walk for five minutes.</p>"));
        var html = $"""
            <html><body><main><article>{Intro}<div class="plan">{days}</div></article></main></body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Equal(4, Count(text, warmUp));
    }
}
