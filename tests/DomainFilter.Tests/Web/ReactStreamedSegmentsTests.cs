using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// A React streamed page (Next.js with Suspense) sends its late sections in <c>&lt;div hidden id="S:n"&gt;</c> at the end
/// of the body and moves them into place by script (<c>$RC</c> for a boundary, <c>$RS</c> for a placeholder); the
/// extractor puts them where the browser would.
/// </summary>
public sealed class ReactStreamedSegmentsTests
{
    private readonly DensityContentExtractor _extractor = new();

    private const string Hero = "Deploy your applications and databases in minutes, with previews for every pull request and zero operations work.";
    private const string Closing = "Start building today: connect your repository, pick a region, and your first service is live in minutes.";

    private static string Features(string topic) => string.Concat(Enumerable.Range(1, 4).Select(i =>
        $"<div class=\"card\"><h3>{topic} feature {i}</h3><div>{topic} feature {i} keeps your workloads running smoothly through launch days and traffic spikes, with logs.</div></div>"));

    private static readonly string Page = $"""
        <html><head><title>Cloud hosting</title></head><body>
        <header><a href="/">Home</a> <a href="/pricing">Pricing</a> <a href="/docs">Docs</a></header>
        <main>
          <div class="hero"><h1>Cloud hosting</h1><p>{Hero}</p></div>
          <!--$?--><template id="B:0"></template><div class="skeleton">Loading features, please wait while the page finishes loading its sections for you</div><!--/$-->
          <template id="P:1"></template>
          <div class="cta"><p>{Closing}</p></div>
        </main>
        <footer><a href="/about">About</a> <a href="/legal">Legal</a></footer>
        <div hidden id="S:0"><section class="grid"><h2>Scaling</h2>{Features("Scaling")}</section></div>
        <script>$RC("B:0","S:0")</script>
        <div hidden id="S:1"><section class="grid"><h2>Databases</h2>{Features("Database")}</section></div>
        <script>$RS("S:1","P:1")</script>
        </body></html>
        """;

    [Fact]
    public void Extract_PutsStreamedSectionsInTheirPlaces_AndDropsTheFallback()
    {
        var text = _extractor.Extract(Page, null).Text;

        // Each section in the page's reading order, inside main with the hero and the closing call.
        var hero = text.IndexOf(Hero, StringComparison.Ordinal);
        var scaling = text.IndexOf("Scaling feature 4 keeps", StringComparison.Ordinal);
        var databases = text.IndexOf("Database feature 4 keeps", StringComparison.Ordinal);
        var closing = text.IndexOf(Closing, StringComparison.Ordinal);
        Assert.True(hero >= 0 && scaling > hero && databases > scaling && closing > databases,
            $"hero {hero}, scaling {scaling}, databases {databases}, closing {closing}: {text}");
        Assert.DoesNotContain("Loading features", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_LeavesAPageAlone_WhenItsHiddenDivIsNotMovedByAScript()
    {
        // The same markup without the calls: nothing moves (a hidden div named S:0 alone is not a streamed segment).
        var html = Page.Replace("$RC(\"B:0\",\"S:0\")", "", StringComparison.Ordinal).Replace("$RS(\"S:1\",\"P:1\")", "", StringComparison.Ordinal);

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("Loading features", text, StringComparison.Ordinal);
    }
}
