using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// A thread whose opening post and replies sit in different containers (Vanilla's discussion and its comment list,
/// several levels apart): the replies stay with the opening post, on small hand-written pages.
/// </summary>
public sealed class ThreadRepliesTests
{
    private readonly DensityContentExtractor _extractor = new();

    private static readonly string[] Opening =
    [
        "Our kiln has started to crack every third load of bisque ware, always on the bottom shelf, and always along the foot ring of the bowls.",
        "We fire to cone 04 with a slow ramp of one hundred degrees an hour up to six hundred, then full speed, and we have not changed clay.",
        "The elements were replaced in spring and the thermocouple reads true against witness cones, so I am running out of ideas to test.",
        "The cracks are fine, like hairs, and only show once the pots are glazed and fired again, which makes each lost piece twice as costly.",
        "Pots on the top and middle shelves come out whole every time, even when they are the same forms thrown from the same bag of clay.",
        "Has anyone seen this before, and is it the shelf, the clay, the schedule, or something about how the kiln sits on the studio floor?",
    ];

    private static readonly string[] Replies =
    [
        "Bottom shelves sit on the coolest part of the floor: try raising the shelf on taller posts so that air and heat can reach under the foot.",
        "Check whether the foot rings are thicker than the walls; uneven thickness cracks on the way down, so a slower cool below 600 may help.",
        "We had the same thing and it was the kiln wash flaking under the pots and gripping them as they shrank, so scrape and recoat the shelf.",
        "A sprinkle of alumina hydrate under each foot lets the pot slide as it shrinks, which is cheap to try before you change anything else.",
        "Is the kiln vented from below? A downdraft vent pulls cool air across the floor and the bottom shelf cools much faster than the rest.",
        "Put a witness cone on each shelf for one firing and compare them; if the bottom one is a cone cooler, you have your answer right there.",
        "I would also look at the shelf itself, since an old shelf that has warped a little makes the feet sit on three points and crack there.",
        "Thanks all: the posts were short and the wash was flaking, so both are fixed now and the last two loads came out of the kiln whole.",
    ];

    private static string Reply(int i) => $"""
        <li class="Item ItemComment"><div class="Comment"><div class="Item-BodyWrap"><div class="Item-Body">
          <div class="Meta"><a href="/profile/member{i}">member{i}</a></div>
          <div class="Message userContent"><p>{Replies[i]}</p></div>
        </div></div></div></li>
        """;

    [Fact]
    public void Extract_KeepsReplies_InACommentListBesideTheOpeningPost()
    {
        // The opening post outscores each short reply by far, so density scoring chooses it alone; the replies are
        // named as comments, as Vanilla names them, and hold most of the thread's text.
        var html = $"""
            <html><head><title>Bisque cracking on the bottom shelf - Potters Forum</title></head><body>
            <nav><a href="/">Forums</a> <a href="/recent">Recent</a> <a href="/categories">Categories</a></nav>
            <main class="Content">
              <div class="MessageList Discussion"><div class="Item ItemDiscussion"><div class="Discussion">
                <div class="Item-BodyWrap"><div class="Item-Body">
                  <div class="Meta"><a href="/profile/kiln_kate">kiln_kate</a></div>
                  <div class="Message userContent">{string.Concat(Opening.Select(p => $"<p>{p}</p>"))}</div>
                </div></div>
              </div></div></div>
              <div class="CommentsWrap"><div class="DataBox DataBox-Comments"><h2>Comments</h2>
                <ul class="MessageList DataList Comments">{string.Concat(Enumerable.Range(0, Replies.Length).Select(Reply))}</ul>
              </div></div>
            </main>
            <div class="Panel"><h4>Categories</h4><ul><li><a href="/c/kilns">Kilns</a></li><li><a href="/c/glazes">Glazes</a></li></ul></div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains(Opening[^1], text, StringComparison.Ordinal);
        Assert.Contains(Replies[0], text, StringComparison.Ordinal);
        Assert.Contains(Replies[^1], text, StringComparison.Ordinal);
        Assert.DoesNotContain("Glazes", text, StringComparison.Ordinal);
    }
}
