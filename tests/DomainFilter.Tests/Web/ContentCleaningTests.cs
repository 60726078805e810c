using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// Cleaning inside the chosen content, on small hand-written pages: copies of blocks in a thread, and the lone link
/// lines ("read also") set between an article's paragraphs.
/// </summary>
public sealed class ContentCleaningTests
{
    private readonly DensityContentExtractor _extractor = new();

    private const string Post1 = "My sourdough starter stopped rising after I moved it to the fridge for a week, and now it smells of acetone even after two feedings.";
    private const string Post2 = "That smell is hunger, not death: feed it twice a day at room temperature with equal weights of flour and water for three days.";
    private const string Post3 = "Agreed, and switch to whole rye flour for a couple of feedings, since the extra nutrients wake the yeast up much faster.";
    private const string Signature = "Baking since 1998, mostly rye, sometimes wheat, never spelt";

    private static int Count(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    private static string Post(string user, string body, string? quote = null, bool signed = false) => $"""
        <div class="message">
          <div class="user-card"><span>{user}</span><dl><dt>Joined</dt><dd>Mar 2019</dd><dt>Messages</dt><dd>412</dd></dl></div>
          {(quote is null ? "" : $"<blockquote><div>baker_anna said:</div><div>{quote}</div></blockquote>")}
          <div class="body"><p>{body}</p></div>
          {(signed ? $"<div class=\"signature\">{Signature}</div>" : "")}
        </div>
        """;

    private const string DeclaredThread = """{"@context": "https://schema.org", "@type": "DiscussionForumPosting", "headline": "Starter stopped rising"}""";

    [Fact]
    public void Extract_KeepsOneCopy_OfQuotesSignaturesAndCardLabels_InADeclaredThread()
    {
        // A reply quotes the first post in full; one member signs every post; every post carries a user card. The
        // posts are not named as comments: the page declares itself a discussion, as forum software does.
        var html = $"""
            <html><head><title>Starter stopped rising - Bakers Forum</title>
            <script type="application/ld+json">{DeclaredThread}</script>
            </head><body>
            <nav><a href="/">Forums</a> <a href="/new">New posts</a></nav>
            <div class="thread">
              {Post("baker_anna", Post1, signed: true)}
              {Post("rye_rob", Post2, quote: Post1)}
              {Post("baker_anna", Post3, signed: true)}
            </div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Equal(1, Count(text, Post1));
        Assert.Contains(Post2, text, StringComparison.Ordinal);
        Assert.Contains(Post3, text, StringComparison.Ordinal);
        Assert.Equal(1, Count(text, Signature));
        // The user cards go whole, as a poster's statistics repeated in every post (PostUserCards), not once.
        Assert.Equal(0, Count(text, "Messages"));
    }

    [Fact]
    public void Extract_KeepsRepeatedParagraphs_OutsideThreads()
    {
        // Documentation repeats a field's description under each method that takes it; the copies are the page's text.
        const string Field = "The amount to charge, as a positive integer in the smallest currency unit, such as cents for dollars.";
        var html = $"""
            <html><head><title>Charges API</title></head><body>
            <nav><a href="/">Docs</a> <a href="/api">API</a></nav>
            <main>
              <h1>Charges API</h1>
              <h2>Create a charge</h2><p>Creates a new charge object on the account, which is paid at once from the saved card.</p><p>{Field}</p>
              <h2>Update a charge</h2><p>Updates the charge object by setting the values of the parameters passed, leaving the others alone.</p><p>{Field}</p>
            </main>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Equal(2, Count(text, Field));
    }

    private const string Article1 = "The city council voted on Tuesday to turn the old rail yard into a park, ending a decade of argument over the site.";
    private const string Article2 = "Work on the first phase, which includes a playground and a community garden, is expected to begin next spring.";
    private const string Article3 = "Residents who opposed the plan said the land should have been used for housing, given the shortage in the area.";

    [Fact]
    public void Extract_DropsLoneLinkLines_BetweenParagraphs_ButNotLinkedSentences()
    {
        // "Read also: <headline>" between paragraphs is a teaser for another story; a sentence that happens to be a
        // link ends like one.
        const string Teaser = "Harbour district plan delayed again after funding dispute";
        const string LinkedSentence = "The council has published the full plan for the rail yard on its website.";
        var html = $"""
            <html><head><title>Rail yard to become a park</title></head><body>
            <nav><a href="/">Home</a> <a href="/local">Local</a></nav>
            <article>
              <h1>Rail yard to become a park</h1>
              <p>{Article1}</p>
              <p><b>Read also: <a href="/harbour">{Teaser}</a></b></p>
              <p>{Article2}</p>
              <p><a href="/plan.pdf">{LinkedSentence}</a></p>
              <p>{Article3}</p>
            </article>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains(Article2, text, StringComparison.Ordinal);
        Assert.Contains(LinkedSentence, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Teaser, text, StringComparison.Ordinal);
    }
}
