using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// A declared discussion whose posts' bodies share a class (so the chosen content is the bodies alone) keeps each
/// post's header: its author and date. Small hand-written page.
/// </summary>
public sealed class PostHeadersTests
{
    private readonly DensityContentExtractor _extractor = new();

    private static readonly string[] Opening =
    [
        .. AllotmentThread.Opening,
        "I would rather not add chemicals, since the water goes on food crops, and the children of the plot next door like to play with the watering cans, dipping them straight in.",
    ];

    // Replies long enough (over 200 characters) to be taken with the opening post by their shared class, which also names
    // them as content ("post"): the chosen content is then the bodies alone.
    private static readonly string[] Replies =
    [
        "Keep the light out of the butt entirely and the algae have nothing to live on so a lid that really fits is the whole answer in my experience and painting the outside a dark colour helps as well on a sunny plot like yours and that is what I would try first before spending any money on more butts or on tablets from the garden centre",
        "Mine stayed clear once I moved both of them into the shade on the north side of the shed so the sun was the whole of the problem on my plot and I never needed to add anything at all to the water or empty them out early and that is what I would try first before spending any money on more butts or on tablets from the garden centre",
        "Thank you both for the advice as I have now made lids from an old board and painted both butts dark green and after ten days of sunshine the water inside them is still perfectly clear and does not smell at all and that is what I would try first before spending any money on more butts or on tablets from the garden centre",
    ];

    private static string Post(int i, string name, string body) => $"""
        <div class="topic-post">
          <div class="names"><a href="/u/{name}">{name}</a> <span>(a plot holder)</span> <time datetime="2024-06-{10 + i}">{10 + i} June 2024</time></div>
          <div class="post">{body}</div>
        </div>
        """;

    [Fact]
    public void Extract_KeepsEachPostsAuthorAndDate_WhenTheBodiesAreChosenByTheirClass()
    {
        var posts = new[] { Post(0, "plotholder", string.Concat(Opening.Select(p => $"<p>{p}</p>"))) }
            .Concat(Replies.Select((r, i) => Post(i + 1, $"grower{i + 1}", $"<p>{r}</p>")));
        var html = $$"""
            <html><head><title>Green water butt - Allotment Forum</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"Green water butt"}</script>
            </head><body>
            <nav><a href="/">Forums</a> <a href="/latest">Latest</a></nav>
            <div class="thread"><h1>Green water butt</h1><div class="stream">{{string.Concat(posts)}}</div></div>
            <footer><a href="/about">About</a></footer>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains(Opening[0], text, StringComparison.Ordinal);
        Assert.Contains(Replies[^1], text, StringComparison.Ordinal);
        Assert.Contains("grower3 (a plot holder) 13 June 2024", text, StringComparison.Ordinal);
        Assert.DoesNotContain("About", text, StringComparison.Ordinal);
    }
}
