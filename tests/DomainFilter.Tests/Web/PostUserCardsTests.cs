using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// The poster's statistics printed beside every post of a thread (a short definition list per post) are not the
/// thread's text; a definition list that is the content (a product's specifications, a reference page's parameters)
/// stays. Small hand-written pages.
/// </summary>
public sealed class PostUserCardsTests
{
    private readonly DensityContentExtractor _extractor = new();

    private static readonly string[] Posts =
    [
        "My sourdough starter smells of nail polish remover every morning, even though I feed it twice a day with rye and water at room temperature.",
        "That smell is the yeast running out of food: feed it more flour at each feeding, or keep it a little cooler so that it slows down overnight.",
        "I had the same with a wholemeal starter and it settled once I switched to a one to five to five feeding, discarding most of it each time.",
        "Thanks, a bigger feeding did it: after three days it smells of yoghurt again and doubles in six hours, so I baked my first loaf yesterday.",
    ];

    private static string Post(int i) => $"""
        <article class="message message--post">
          <div class="message-inner">
            <div class="message-cell message-cell--user"><section class="message-user">
              <h4 class="message-name"><a href="/members/baker{i}">baker{i}</a></h4>
              <div class="message-userExtras">
                <dl class="pairs pairs--justified"><dt>Joined</dt><dd>Mar {i + 3}, 2021</dd></dl>
                <dl class="pairs pairs--justified"><dt>Messages</dt><dd>{(i + 1) * 417}</dd></dl>
                <dl class="pairs pairs--justified"><dt>Reaction score</dt><dd>{(i + 2) * 53}</dd></dl>
              </div>
            </section></div>
            <div class="message-cell message-cell--main"><div class="message-content"><div class="bbWrapper">{Posts[i]}</div></div></div>
          </div>
        </article>
        """;

    [Fact]
    public void Extract_DropsPostersStatistics_RepeatedInEveryPost()
    {
        var html = $"""
            <html><head><title>Starter smells of acetone - Bread Forum</title></head><body>
            <nav><a href="/">Forums</a> <a href="/whats-new">What's new</a></nav>
            <div class="p-body-main"><h1>Starter smells of acetone</h1>
              <div class="block-body">{string.Concat(Enumerable.Range(0, Posts.Length).Select(Post))}</div>
            </div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains(Posts[0], text, StringComparison.Ordinal);
        Assert.Contains(Posts[^1], text, StringComparison.Ordinal);
        Assert.DoesNotContain("Reaction score", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Joined", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsSpecificationList_OfOneProduct()
    {
        var html = """
            <html><head><title>Cast iron skillet, 26 cm</title></head><body>
            <main><article class="product">
              <h1>Cast iron skillet, 26 cm</h1>
              <p>A pre-seasoned cast iron skillet that holds its heat for searing, baking cornbread and roasting vegetables, and lasts for generations.</p>
              <p>Season it after washing with a thin film of oil and a short spell on the hob, and it becomes more non-stick the more you cook with it.</p>
              <dl class="specs"><dt>Diameter</dt><dd>26 cm</dd><dt>Weight</dt><dd>2.4 kg</dd><dt>Material</dt><dd>Cast iron</dd></dl>
            </article></main>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("Diameter", text, StringComparison.Ordinal);
        Assert.Contains("2.4 kg", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsParameterLists_InsideAReferencePagesDefinitions()
    {
        // Each function is a definition list whose description holds its prose and a short parameter list; the
        // climb from a parameter list to its "post" stops at the enclosing definition.
        static string Function(string name, string prose) => $"""
            <dl class="py function"><dt id="{name}">{name}(path, mode)</dt><dd>
              <p>{prose}</p>
              <dl class="field-list"><dt>path</dt><dd>the file to open</dd><dt>mode</dt><dd>"r" or "w"</dd></dl>
            </dd></dl>
            """;
        var html = $"""
            <html><head><title>files - reference</title></head><body>
            <div class="document"><h1>files</h1>
              {Function("open_text", "Opens a text file for reading or writing and returns a stream that decodes its bytes as UTF-8, closing it when disposed.")}
              {Function("open_binary", "Opens a file for reading or writing raw bytes and returns a stream with no decoding at all, closing it when disposed.")}
              {Function("open_locked", "Opens a file as open_binary does but takes an exclusive lock first, waiting until any other process has released it.")}
              {Function("open_temp", "Creates a temporary file in the system's temporary folder, opens it for writing, and deletes it when the stream closes.")}
            </div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("the file to open", text, StringComparison.Ordinal);
    }
}
