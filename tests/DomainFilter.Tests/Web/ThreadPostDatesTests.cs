using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// On a page that declares itself a discussion, each post's date stays with the post; on an article the dateline
/// still goes. Small hand-written pages.
/// </summary>
public sealed class ThreadPostDatesTests
{
    private readonly DensityContentExtractor _extractor = new();

    private static readonly string[] Posts =
    [
        "Our allotment's water butt turns green within a week every summer, and the courgettes do not seem to mind but I do.",
        "Keep the light out: a lid that fits, or paint the butt dark, and the algae have nothing to grow on in the first place.",
        "Mine stayed clear once I moved it into the shade of the shed, so the sun was the whole of the problem in my case.",
        "Thank you both, I have made a lid from an old board and after ten days the water in the butt is still perfectly clear.",
    ];

    private static string Page(string declaration, string times) => $$"""
        <html><head><title>Green water butt - Allotment Forum</title>
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"{{declaration}}","headline":"Green water butt"}</script>
        </head><body>
        <nav><a href="/">Forums</a> <a href="/latest">Latest</a></nav>
        <div class="thread"><h1>Green water butt</h1>
          {{string.Concat(Posts.Select((p, i) => $"""
            <article class="post">
              <div class="post-header"><a href="/u/grower{i}">grower{i}</a> wrote on <time datetime="2024-06-{i + 10}">{i + 10} {times}</time></div>
              <p>{p}</p>
            </article>
            """))}}
        </div>
        </body></html>
        """;

    [Fact]
    public void Extract_KeepsEachPostsDate_OnADeclaredDiscussion()
    {
        var text = _extractor.Extract(Page("DiscussionForumPosting", "June 2024"), null).Text;

        Assert.Contains(Posts[0], text, StringComparison.Ordinal);
        Assert.Contains("10 June 2024", text, StringComparison.Ordinal);
        Assert.Contains("13 June 2024", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DropsTheDateline_OnAnArticle()
    {
        var text = _extractor.Extract(Page("Article", "June 2024"), null).Text;

        Assert.Contains(Posts[0], text, StringComparison.Ordinal);
        Assert.DoesNotContain("June 2024", text, StringComparison.Ordinal);
    }
}
