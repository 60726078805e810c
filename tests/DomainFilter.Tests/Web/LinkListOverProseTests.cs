using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// A short news article above a slider of teaser cards that are links from edge to edge: the slider's titles hold
/// more than three times the article's text, but they are links to other pages, and the article is prose. A small
/// hand-written page.
/// </summary>
public sealed class LinkListOverProseTests
{
    private readonly DensityContentExtractor _extractor = new();

    private static readonly string[] Topics = ["the derby", "the cup final", "the transfer window", "the new coach", "the youth team", "the stadium",
        "the away form", "the injury list", "the title race", "the relegation fight", "the goalkeeper", "the captain"];

    [Fact]
    public void Extract_KeepsAShortArticle_OverASliderOfLinkOnlyTeasers()
    {
        var cards = string.Concat(Topics.SelectMany(t => Topics.Take(3), (t, t2) => (t, t2)).Select((p, i) =>
            $"""<div class="material"><a href="/story/{i}"><img src="/i/{i}.jpg" alt=""><div class="text"><h3>Analysis</h3><p class="intro"><span class="date">21 September</span>Five numbers from the weekend about {p.t} and {p.t2}</p></div></a></div>"""));
        var html = $"""
            <html><head><title>Veteran forward retires from the national team</title></head><body>
            <header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/germany">Germany</a> <a href="/england">England</a></nav></header>
            <section class="content"><div class="main-left">
            <article class="author-article"><h1>Veteran forward retires from the national team</h1>
              <div class="article-text">
                <p>The 31-year-old forward is third in the number of caps for his country, after two former captains, with 129 matches and 48 goals in twelve years, three tournaments and one world title.</p>
                <p>"Before the new season starts I want to tell you something: I told the coach that I will no longer play for the team," he wrote to his followers on Monday.</p>
                <p>"The decision was very hard. The team has always been in my heart, but after the tournament I felt that my goals had changed. Everything has its time, and my time with the team is over."</p>
                <p>He was named in the squad for the summer tournament, but came on only once as a substitute. Earlier, another veteran, the team's long-serving midfielder, had also said that he would retire from international football.</p>
              </div>
            </article>
            <article class="author-materials"><h3 class="feed-header">Analysis, interviews, reading</h3>
              <div class="slider author-materials-slider">{cards}</div>
            </article>
            </div></section>
            <footer><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("I told the coach that I will no longer play for the team", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Five numbers from the weekend", text, StringComparison.Ordinal);
    }
}
