using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// A picture's caption set in a plain block (not a <c>figcaption</c>) between an article's paragraphs goes with the
/// picture. Short blocks that a picture does not open, that an icon opens, that are quotations, or that are cards of
/// a run of cards of one template stay.
/// </summary>
public sealed class PictureCaptionsTests
{
    private readonly DensityContentExtractor _extractor = new();

    private const string Paragraph = HarbourBathsArticle.Paragraph;

    private static string Article(string between) => $"""
        <html><head><title>Harbour baths stay open</title></head><body>
        <nav><a href="/">Home</a> <a href="/news">News</a></nav>
        <main><article><h1>Harbour baths stay open</h1>
        <div class="text">{Paragraph}{Paragraph}{between}{Paragraph}{Paragraph}{Paragraph}{Paragraph}</div>
        </article></main>
        </body></html>
        """;

    [Fact]
    public void Extract_DropsACaption_ThatAPictureOpens_BetweenTheParagraphs()
    {
        var html = Article("""
            <div class="asset"><a href="/pictures/baths.jpg"><img src="/pictures/baths-large.jpg" alt=""></a>
            <div class="asset-info"><span>Mayor Anna Berg at the baths, photo: Town archive</span></div></div>
            """);

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("waste heat of the new bakery", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Town archive", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsAShortParagraph_WhoseInlineImageComesAfterItsFirstWords()
    {
        var html = Article("""<p>The pool opens at seven <img src="/emoji/smile.png" alt=""> and closes at nine.</p>""");

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("The pool opens at seven", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsANotice_ThatAnIconOpens()
    {
        var html = Article("""<div class="notice"><p><img src="/icons/warning.svg" width="48" height="48" alt=""><b>The opening hours below may change in January.</b></p></div>""");

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("may change in January", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsAQuotation_ThatAPictureOpens()
    {
        var html = Article("""<blockquote><p><img src="/pictures/visitor.jpg" alt=""></p><p>“Warm water in December, what a joy!”</p></blockquote>""");

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("what a joy", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsCards_OfOneTemplate_ThatPicturesOpen()
    {
        var html = Article("""
            <div class="figures">
            <div class="figure"><img src="/pictures/swimmers.jpg" alt=""><div>2,100 swimmers a month</div></div>
            <div class="figure"><img src="/pictures/water.jpg" alt=""><div>Water kept at 27 degrees</div></div>
            <div class="figure"><img src="/pictures/sauna.jpg" alt=""><div>A sauna for twelve</div></div>
            </div>
            """);

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("2,100 swimmers a month", text, StringComparison.Ordinal);
        Assert.Contains("Water kept at 27 degrees", text, StringComparison.Ordinal);
    }
}
