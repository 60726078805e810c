using System.Text;
using SciCurate.DomainFilter.Web.Extraction;
using SciCurate.DomainFilter.Web.Intake;

namespace SciCurate.DomainFilter.Tests.Web;

public sealed class DensityContentExtractorTests
{
    private readonly DensityContentExtractor _extractor = new();

    [Fact]
    public void Extract_FindsArticleBody_OnBenchmarkPages()
    {
        foreach (var (id, url, html, truth) in WebPages.BenchmarkPages())
        {
            var content = _extractor.Extract(CharsetDecoder.Decode(html, null).Text, new Uri(url));

            Assert.True(WebPages.ShingleRecall(truth, content.Text) > 0.9, $"{id}: recall {WebPages.ShingleRecall(truth, content.Text):F2}");
            Assert.True(WebPages.ShinglePrecision(truth, content.Text) > 0.8, $"{id}: precision {WebPages.ShinglePrecision(truth, content.Text):F2}");
            Assert.False(string.IsNullOrWhiteSpace(content.Title), id);
        }
    }

    private const string Boilerplate = """
        <html lang="en-GB"><head><title>Site | A study of tides</title>
        <meta property="article:published_time" content="2021-03-04T05:06:07Z"></head>
        <body>
          <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About us</a></nav>
          <div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
          <div id="main"><article>
            <h1>A study of tides</h1>
            <p>The tides rise and fall twice a day, driven by the gravitational pull of the moon and, to a lesser degree, the sun.</p>
            <h2>Why two tides</h2>
            <p>The moon pulls the near side of the ocean towards it, while the far side, pulled less, lags behind, so two bulges form.</p>
            <ul><li>Spring tides, when sun and moon align, are the largest.</li><li>Neap tides, at quarter moon, are the smallest.</li></ul>
            <table><tr><th>Place</th><th>Range (m)</th></tr><tr><td>Bay of Fundy</td><td>16</td></tr></table>
            <pre>tide(t) = A cos(ωt + φ)</pre>
            <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
          </article>
          <div class="related-articles"><h3>Related</h3><ul><li><a href="/a">Waves explained</a></li><li><a href="/b">The moon</a></li></ul></div>
          <section id="comments"><p>Great article, thanks!</p></section></div>
          <footer>Copyright 2021 Example Media. All rights reserved. Privacy policy.</footer>
        </body></html>
        """;

    [Fact]
    public void Extract_DropsBoilerplate_AndRendersMarkdownStructure()
    {
        var content = _extractor.Extract(Boilerplate, null);

        Assert.Contains("twice a day", content.Text, StringComparison.Ordinal);
        Assert.Contains("Neap tides", content.Text, StringComparison.Ordinal);
        foreach (var junk in (string[])["Home", "cookies", "Share on Facebook", "Waves explained", "Great article", "Copyright"])
        {
            Assert.DoesNotContain(junk, content.Text, StringComparison.Ordinal);
        }

        Assert.Contains("## Why two tides", content.Markdown, StringComparison.Ordinal);
        Assert.Contains("- Spring tides", content.Markdown, StringComparison.Ordinal);
        Assert.Contains("| Bay of Fundy | 16 |", content.Markdown, StringComparison.Ordinal);
        Assert.Contains("```\ntide(t) = A cos(ωt + φ)\n```", content.Markdown, StringComparison.Ordinal);
        Assert.Equal("en", content.DeclaredLanguage);
        Assert.Equal(new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero), content.Published);
        Assert.Equal("A study of tides", content.Title);
    }

    [Fact]
    public void Extract_KeepsMathAsLatex_FromMathJaxKatexAndMathMl()
    {
        const string html = """
            <html><body><article>
            <p>Euler's identity, written in MathJax source, is <script type="math/tex">e^{i\pi} + 1 = 0</script>, a classic result of analysis.</p>
            <script type="math/tex; mode=display">\int_0^1 x^2\,dx = \frac{1}{3}</script>
            <p>KaTeX pages keep the source: <span class="katex"><span class="katex-mathml"><math><semantics><mrow><mi>a</mi></mrow><annotation encoding="application/x-tex">a^2 + b^2 = c^2</annotation></semantics></math></span><span class="katex-html" aria-hidden="true">a2+b2=c2</span></span> holds for right triangles, as Pythagoras showed.</p>
            <p>MathML alone converts too: <math><mfrac><mi>x</mi><msqrt><mn>2</mn></msqrt></mfrac></math>, and <math><msup><mi>y</mi><mn>3</mn></msup></math> is a cube of the variable.</p>
            </article></body></html>
            """;

        var content = _extractor.Extract(html, null);

        Assert.Contains("$e^{i\\pi} + 1 = 0$", content.Markdown, StringComparison.Ordinal);
        Assert.Contains("$$\n\\int_0^1 x^2\\,dx = \\frac{1}{3}\n$$", content.Markdown, StringComparison.Ordinal);
        Assert.Contains("$a^2 + b^2 = c^2$", content.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("a2+b2=c2", content.Text, StringComparison.Ordinal);
        Assert.Contains("$\\frac{x}{\\sqrt{2}}$", content.Markdown, StringComparison.Ordinal);
        Assert.Contains("${y}^{3}$", content.Markdown, StringComparison.Ordinal);
    }

    // Hostile HTML: each case must finish under a cancellation bound (the extractor checks the token as it walks);
    // the limits, not the clock, keep them small.
    private static CancellationToken Bound() => new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token;

    [Fact]
    public void Extract_Survives_DeepNesting()
    {
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < 50_000; i++)
        {
            html.Append("<div>");
        }

        html.Append("<p>bottom of the well</p></body></html>");
        var content = new DensityContentExtractor(new ContentExtractorOptions { MaxDepth = 64 }).Extract(html.ToString(), null, Bound());

        Assert.NotNull(content.Limited);
    }

    [Fact]
    public void Extract_Survives_MegabyteAttributes()
    {
        var huge = new string('a', 1 << 20);
        var html = $"<html><body><div class=\"{huge}\" id=\"{huge}\" style=\"{huge}\"><p>The paragraph after a huge attribute still counts as content, and it is long enough to score.</p></div></body></html>";

        var content = _extractor.Extract(html, null, Bound());

        Assert.Contains("huge attribute", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_TruncatesHugePages()
    {
        var paragraph = "<p>Lorem of the sea, a sentence of reasonable length, repeated many times over to make a huge page.</p>";
        var html = "<html><body>" + string.Concat(Enumerable.Repeat(paragraph, 40_000)) + "</body></html>";
        var options = new ContentExtractorOptions { MaxHtmlChars = 1 << 20, MaxElements = 5000 };

        var content = new DensityContentExtractor(options).Extract(html, null, Bound());

        Assert.NotNull(content.Limited);
        Assert.True(content.Text.Length < 1 << 20);
    }

    [Fact]
    public void Extract_StopsWhenCancelled()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div><p>text, text, text and more text here</p></div>", 20_000)) + "</body></html>";
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => _extractor.Extract(html, null, cts.Token));
    }

    [Fact]
    public void Extract_ReturnsEmpty_ForPageWithoutBody()
    {
        var content = _extractor.Extract("", null);

        Assert.Equal("", content.Text);
    }
}

public sealed class NestingLimiterTests
{
    [Fact]
    public void Limit_DropsTagsBeyondTheLimit_AndKeepsText()
    {
        var html = string.Concat(Enumerable.Repeat("<div><span>", 10)) + "deep text" + string.Concat(Enumerable.Repeat("</span></div>", 10));

        var limited = NestingLimiter.Limit(html, 6, out var cut);

        Assert.True(cut);
        Assert.Contains("deep text", limited, StringComparison.Ordinal);
        Assert.Equal(6, limited.Split("<div>").Length - 1 + limited.Split("<span>").Length - 1);
        Assert.Equal(6, limited.Split("</div>").Length - 1 + limited.Split("</span>").Length - 1);
    }

    [Fact]
    public void Extract_ReadsOnAfterASelfClosedFrame()
    {
        // A tag manager's noscript snippet written as <iframe … />: without an end tag the parser reads the rest of
        // the page as the frame's text, and the article after it was lost.
        var article = string.Concat(Enumerable.Range(0, 5).Select(i =>
            $"<p>Paragraph {i} of the launch notes explains, in some detail and with examples, what changed in the release and why.</p>"));
        var html = $"""
            <html><body><noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-X" height="0" width="0" style="display:none" /></noscript>
            <article><h1>Launch notes</h1>{article}</article></body></html>
            """;

        var text = new DensityContentExtractor().Extract(html, null).Text;

        Assert.Contains("Paragraph 4 of the launch notes", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Limit_LeavesOrdinaryPagesAlone()
    {
        foreach (var (_, _, bytes, _) in WebPages.BenchmarkPages())
        {
            var html = System.Text.Encoding.UTF8.GetString(bytes);

            Assert.Same(html, NestingLimiter.Limit(html, 256, out var cut));
            Assert.False(cut);
        }
    }
}
