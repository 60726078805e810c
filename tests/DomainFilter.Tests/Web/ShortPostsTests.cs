using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// A thread whose posts' bodies share a class keeps its short replies too: the copies of the chosen post template
/// are taken however short they are, on a thread only. Small hand-written pages.
/// </summary>
public sealed class ShortPostsTests
{
    private readonly DensityContentExtractor _extractor = new();

    private static readonly string[] Opening = AllotmentThread.Opening;

    // Long replies (well over 200 characters) are taken with the opening post by their shared class; the short ones are not.
    private static readonly string[] LongReplies =
    [
        "Keep the light out of the butt entirely and the algae have nothing to live on, so a lid that really fits is the whole answer in my experience, and painting the outside a dark colour helps as well on a sunny plot like yours. The water then stays clear for the whole summer, and it smells of nothing at all.",
        "Mine stayed clear once I moved both of them into the shade on the north side of the shed, so the sun was the whole of the problem on my plot and I never needed to add anything at all to the water or empty them out early. That was three summers ago now, and the water has stayed clear in every one of them.",
    ];

    private const string ShortReply = "Same problem here, the lid fixed it for me too.";

    private const string LastReply = "Barley straw did nothing on my plot.";

    // Each post: a header with the poster's name, then the body; the bodies share a class.
    private static string Entry(string name, string body) =>
        $"""<div class="unit"><div class="names"><a href="/u/{name}">{name}</a> posted in June 2024</div><div class="txt">{body}</div></div>""";

    private static string Page(string schema) => $$"""
        <html><head><title>Green water butt - Allotment Forum</title>{{schema}}</head><body>
        <nav><a href="/">Forums</a> <a href="/latest">Latest</a> <a href="/top">Top</a></nav>
        <div class="thread"><h1>Green water butt</h1>
          {{Entry("plotholder", string.Concat(Opening.Select(p => $"<p>{p}</p>")))}}
          {{Entry("grower1", $"<p>{LongReplies[0]}</p>")}}
          {{Entry("grower2", $"<p>{ShortReply}</p>")}}
          {{Entry("grower3", $"<p>{LongReplies[1]}</p>")}}
          {{Entry("grower4", $"<p>{LastReply}</p>")}}
        </div>
        <footer><a href="/about">About</a> <a href="/privacy">Privacy</a></footer>
        </body></html>
        """;

    private const string Discussion = """<script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"Green water butt"}</script>""";

    [Fact]
    public void Extract_KeepsShortReplies_OnADeclaredDiscussion()
    {
        var text = _extractor.Extract(Page(Discussion), null).Text;

        Assert.Contains(Opening[0], text, StringComparison.Ordinal);
        Assert.Contains(LongReplies[1], text, StringComparison.Ordinal);
        Assert.Contains(ShortReply, text, StringComparison.Ordinal);
        Assert.Contains(LastReply, text, StringComparison.Ordinal);
        Assert.True(text.IndexOf(ShortReply, StringComparison.Ordinal) < text.IndexOf(LongReplies[1], StringComparison.Ordinal), "posts keep their order");
        Assert.DoesNotContain("Privacy", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_LeavesShortCopiesOut_OnAPageThatIsNoThread()
    {
        var text = _extractor.Extract(Page(""), null).Text;

        Assert.Contains(LongReplies[1], text, StringComparison.Ordinal);
        Assert.DoesNotContain(ShortReply, text, StringComparison.Ordinal);
    }
}
