using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// Listing and collection pages (issue 12): a grid of alike cards is the content, whatever its cards' parts are
/// called, and a dialog over the page is not. Each page is written so that the mechanism under test decides it.
/// </summary>
public sealed class ListingPageTests
{
    private readonly DensityContentExtractor _extractor = new();

    private const string Navigation = """
        <header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/shop">Shop</a> <a href="/about">About</a></nav></header>
        """;

    private static readonly string[] Topics = ["galaxies", "batteries", "volcanoes", "vaccines", "glaciers", "robots"];

    [Fact]
    public void Extract_DropsAConsentDialog_ThatOutscoresTheGridOfTeasers()
    {
        // A consent notice is one long paragraph with commas: by density it beats a grid of short teasers. Its class
        // names say nothing; its ARIA role (alertdialog) says it interrupts the page.
        const string consent = "We, and our partners, use cookies and similar methods to recognise visitors, remember their preferences, measure the effectiveness of campaigns, and analyse traffic; some of these are essential, others optional, and you may withdraw consent at any time in the settings.";
        var cards = string.Concat(Topics.Select((t, i) =>
            $"""<div class="tile"><h3><a href="/s/{i}">New findings about {t}</a></h3><span>A short report on {t} from our science desk</span></div>"""));
        var html = $"""
            <html><head><title>Science</title></head><body>
            {Navigation}
            <main><div class="tiles">{cards}</div></main>
            <div class="cmp-box" role="alertdialog"><div class="cmp-text"><p>{consent}</p></div></div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.DoesNotContain("withdraw consent", text, StringComparison.Ordinal);
        Assert.Contains("New findings about galaxies", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsTheRepeatedPartsOfCards_WhateverTheirClassSays()
    {
        // A list of papers (arXiv's): each entry's title, authors and subjects sit in a "meta" block, a boilerplate
        // word. Forty copies of that block hold most of the page's text: they are the listing, not boilerplate. A
        // block of share links repeated as often is mostly links and still goes.
        var entries = string.Concat(Enumerable.Range(0, 40).Select(i =>
            $"""
            <dt><a href="/abs/{i}">arXiv:2603.{i:D5}</a> [<a href="/pdf/{i}">pdf</a>]</dt>
            <dd><div class="meta"><div class="list-title">Title: A study of {Topics[i % 6]} under pressure, part {i}</div>
            <div class="list-authors"><a href="/a/{i}">Ada Author</a>, <a href="/b/{i}">Ben Writer</a></div>
            <div class="list-subjects">Subjects: Artificial Intelligence (cs.AI)</div></div>
            <div class="share"><a href="/x/{i}">Share on X</a> <a href="/m/{i}">Mail</a></div></dd>
            """));
        var html = $"""
            <html><head><title>Recent submissions</title></head><body>
            {Navigation}
            <div id="content"><h1>Artificial Intelligence</h1><h2>Authors and titles for recent submissions</h2>
            <dl id="articles">{entries}</dl></div>
            <footer><p>We gratefully acknowledge support from our member institutions and all contributors.</p></footer>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("A study of galaxies under pressure, part 0", text, StringComparison.Ordinal);
        Assert.Contains("A study of vaccines under pressure, part 39", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Share on X", text, StringComparison.Ordinal);
    }

    private static readonly string[] Glazes = ["cobalt blue", "moss green", "speckled oat", "matte black", "sea salt", "terracotta"];

    /// <summary>A shop grid: each card a linked product name, a price and a short part named "meta" (condition, shipping).</summary>
    private static string Shop(bool priced) => $$"""
        <html><head><title>Mugs</title></head><body>
        {{Navigation}}
        <main><h1>Mugs</h1>
        <ul class="products">{{string.Concat(Glazes.Select((g, i) =>
            $"""<li class="product"><a href="/p/{i}"><h2>Handmade stoneware mug with a {g} glaze and a wide handle</h2></a>{(priced ? $"<span>${20 + i}.00</span>" : "")}<div class="card-meta">Ships in {i + 2} days</div></li>"""))}}</ul>
        </main>
        <footer><p>Every piece is thrown and glazed by hand in our studio; colours vary from kiln to kiln.</p></footer>
        </body></html>
        """;

    [Fact]
    public void Extract_KeepsTheBoilerplateNamedPartOfEveryProductCard_OnAPricedGrid()
    {
        // "meta" names a page's date bar; repeated in every card of a priced grid it is what the card says about its
        // product. The six copies hold under a quarter of the page's text, so the template rule alone lets them go.
        var text = _extractor.Extract(Shop(priced: true), null).Text;

        Assert.Contains("Handmade stoneware mug with a cobalt blue glaze", text, StringComparison.Ordinal);
        Assert.Contains("Ships in 2 days", text, StringComparison.Ordinal);
        Assert.Contains("Ships in 7 days", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DropsTheBoilerplateNamedPartOfCards_OnAGridWithoutPrices()
    {
        // The same grid with no prices reads as a story list: its cards' meta lines stay the site's furniture.
        var text = _extractor.Extract(Shop(priced: false), null).Text;

        Assert.Contains("Handmade stoneware mug with a cobalt blue glaze", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ships in 2 days", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsLinkedCards_WhenTheChosenContentIsTheGrid()
    {
        // Search results whose cards are links from edge to edge (title and teaser inside one <a>). The teasers make
        // the grid itself the chosen content; pruned as an article, each card would go as navigation (all links).
        // The teasers, over 1,200 characters together, are link text, not the page's prose.
        var cards = string.Concat(Topics.Select((t, i) =>
            $"""<div class="result"><a href="/story/{i}"><h3>Why {t} matter more than we thought</h3><p>Researchers looked again at {t}, and what they found changes the picture: older measurements missed a slow effect that only shows over decades, and the new data, gathered at six sites on three continents, make it hard to ignore.</p></a></div>"""));
        var html = $"""
            <html><head><title>Results</title></head><body>
            {Navigation}
            <main><section><h2>Results related to "discoveries"</h2>{cards}</section></main>
            <div class="links"><a href="/terms">Terms of use</a> <a href="/privacy">Privacy</a> <a href="/jobs">Jobs</a> <a href="/ads">Advertise</a></div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("Why galaxies matter more than we thought", text, StringComparison.Ordinal);
        Assert.Contains("Researchers looked again at robots", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Terms of use", text, StringComparison.Ordinal);
    }
}
