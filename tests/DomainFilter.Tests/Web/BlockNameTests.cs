using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// Blocks whose class or id says what they are about (an author box, a sharing bar, reader comments in the site's
/// own language) go even when a content word ("post", "entry") names whose they are; so does the contact box that
/// ends an article. On small hand-written pages.
/// </summary>
public sealed class BlockNameTests
{
    private readonly DensityContentExtractor _extractor = new();

    private const string Para1 = "The river authority opened the new fish ladder at the weir on Monday, the first change to the structure since it was built in 1911.";
    private const string Para2 = "Salmon and sea trout have been unable to pass the weir in low water for decades, and counts upstream have fallen every year since records began.";
    private const string Para3 = "The ladder is a series of shallow pools that climb beside the weir, each a little higher than the last, so that fish can rest as they go.";
    private const string Para4 = "Engineers will watch the pools through the summer with underwater cameras and a counter at the top, and adjust the flow if too few fish use it.";
    private const string Bio = "Hi, I am Martin, an angler for thirty years and the author of this article; here I share what I have learned on rivers across the country.";
    private const string Comment = "Great news, I fished below that weir as a boy and never saw a single salmon get over it, so this is long overdue in my opinion.";

    private static string Article(string after) => $"""
        <html><head><title>New fish ladder opens at the weir</title></head><body>
        <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/rivers">Rivers</a></nav>
        <div id="content">
          <article class="post type-post">
            <h1>New fish ladder opens at the weir</h1>
            <p>{Para1}</p><p>{Para2}</p><p>{Para3}</p><p>{Para4}</p>
            {after}
          </article>
        </div>
        <footer><p>Contact the editors</p></footer>
        </body></html>
        """;

    [Fact]
    public void Extract_DropsAuthorBox_NamedAfterThePost()
    {
        // WordPress themes name the box after the post it belongs to ("post-author", "entry-author"): the content
        // word says whose box it is, the author word what it is.
        var html = Article($"""<div class="post-author"><p><strong>About the author</strong></p><p>{Bio}</p></div>""");

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains(Para4, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Bio, text, StringComparison.Ordinal);
        Assert.DoesNotContain("About the author", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DropsSharingBar_WithPostInItsId()
    {
        // Jetpack's sharing and like buttons: class "sharedaddy", id "jp-post-flair".
        var html = Article("""<div class="sharedaddy sd-sharing-enabled" id="jp-post-flair"><h3>Like this:</h3><p>Like Loading the likes of readers who liked this post</p></div>""");

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains(Para4, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Loading the likes", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DropsReaderComments_NamedInGerman()
    {
        // "Kommentare": the comment section as a German site names it.
        var html = Article($"""<div id="kommentare"><h2>Kommentare (1)</h2><div class="kommentar-eintrag"><p>Peter, 12. Mai 2022</p><p>{Comment}</p></div></div>""");

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains(Para4, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Comment, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DropsContactBox_ThatEndsAnArticle()
    {
        // A press release ends with its press contact as lines of its own paragraph block: name, address, e-mail.
        var html = Article("""
            <p>Press contact</p><p>Anna Berg, press officer</p><p>River Authority, 12 Weir Lane, Millbridge</p>
            <p>Tel.: +44 1632 960 123, E-Mail: press@river-authority.example</p>
            """);

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains(Para4, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Anna Berg", text, StringComparison.Ordinal);
        Assert.DoesNotContain("press@river-authority.example", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsAddress_OfAContactPage()
    {
        // On a contact page the address is the content: there is no article's prose before it.
        var html = """
            <html><head><title>Contact us</title></head><body>
            <nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <main><h1>Contact us</h1><p>River Authority, 12 Weir Lane, Millbridge</p>
            <p>Tel.: +44 1632 960 123, E-Mail: press@river-authority.example</p></main>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("press@river-authority.example", text, StringComparison.Ordinal);
    }
}
