using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// Content selection on shop and index pages (issue 12: product, collection and listing pages): listing cards that
/// carry per-item classes, a category's text around its grid, an article above a larger teaser grid, and a declared
/// product page's reviews.
/// </summary>
public sealed class PageKindSelectionTests
{
    private readonly DensityContentExtractor _extractor = new();

    private const string Navigation = """
        <header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/shop">Shop</a> <a href="/about">About</a></nav></header>
        """;

    [Fact]
    public void Extract_KeepsListingCards_WhenEachCardCarriesItsOwnClasses()
    {
        // WordPress and shop themes give each card its post id and categories as classes: the cards are alike by
        // their leading class, not by the whole attribute. No card holds a paragraph, so density alone would take the
        // intro.
        var topics = new[] { "space", "science", "security", "gaming", "policy", "health" };
        var cards = string.Concat(topics.Select((topic, i) =>
            $"""<article class="card post-{1000 + i} category-{topic} has-thumbnail"><h2><a href="/story-{i}">Story {i} about {topic}</a></h2><small>A short summary of the {topic} story number {i}, told in one line</small></article>"""));
        var html = $"""
            <html><head><title>Latest news</title></head><body>
            {Navigation}
            <div class="intro"><p>Our newsroom covers science and technology every day of the week, from our desks around the world.</p></div>
            <main><div class="grid">{cards}</div></main>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("Story 0 about space", text, StringComparison.Ordinal);
        Assert.Contains("summary of the health story number 5", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsACategorysDescriptionAndGuide_AroundItsProductGrid()
    {
        // A shop's category: a grid of linked product cards (most of the page's text, little of it outside links)
        // between the category's description and a buying guide. The grid is the listing; the description and the
        // guide are the page's own text around it and belong to its content. The footer's links do not.
        const string description = "Hand planes for flattening, smoothing and fitting, from the small block plane to the long jointer, all with cast bodies and hardened blades.";
        const string guide1 = "A smoothing plane is the one to buy first: it takes the last fine shavings off a board and leaves a surface that needs no sanding.";
        const string guide2 = "For rough boards add a jack plane, set for a heavier cut, and for long edges a jointer, whose length bridges the dips in the wood.";
        var kinds = new[] { "Block", "Jack", "Smoothing", "Jointer", "Shoulder", "Router" };
        var cards = string.Concat(Enumerable.Range(0, 24).Select(i =>
            $"""<li class="product-card"><a href="/p/{i}">{kinds[i % 6]} plane in ductile iron, model {i}, with a hardened steel blade</a> <span class="price">${40 + i}.00</span></li>"""));
        var html = $"""
            <html><head><title>Hand planes</title></head><body>
            {Navigation}
            <main><h1>Hand planes</h1>
            <div class="category-intro"><p>{description}</p></div>
            <ul class="products">{cards}</ul>
            <section class="buying-guide"><h2>Which plane first?</h2><p>{guide1}</p><p>{guide2}</p></section>
            </main>
            <footer><a href="/terms">Terms of sale</a> <a href="/privacy">Privacy</a> <a href="/contact">Contact us</a></footer>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("Router plane in ductile iron, model 23, with a hardened steel blade $63.00", text, StringComparison.Ordinal);
        Assert.Contains(description, text, StringComparison.Ordinal);
        Assert.Contains(guide2, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Terms of sale", text, StringComparison.Ordinal);
    }

    private const string Paragraph = "The council approved the new cycle lanes on Tuesday evening, after a debate that lasted more than four hours, and work on the first stretch along the river begins in March, weather permitting.";

    [Fact]
    public void Extract_KeepsTheArticle_OverALargerTeaserGridBelowIt()
    {
        // A news article (ten paragraphs, about 1,600 characters of prose, spaces not counted) above a grid of teasers that holds more
        // than three times its text (48 teasers, each a link): the grid is not the page's content.
        var article = string.Concat(Enumerable.Range(1, 10).Select(i => $"<p>{Paragraph} ({i})</p>"));
        var teasers = string.Concat(Enumerable.Range(1, 48).Select(i =>
            $"""<li class="teaser"><a href="/more-{i}"><strong>More news headline number {i} from the city desk</strong> <small>A longer teaser line for story {i} that sums up what happened in the town hall and at the station this week</small></a></li>"""));
        var html = $"""
            <html><head><title>Cycle lanes approved</title></head><body>
            {Navigation}
            <div class="story"><h1>Cycle lanes approved</h1>{article}</div>
            <div class="more"><h2>More in Local</h2><ul class="river">{teasers}</ul></div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("work on the first stretch along the river begins in March", text, StringComparison.Ordinal);
        Assert.DoesNotContain("More news headline number", text, StringComparison.Ordinal);
    }

    private const string Description1 = "Thrown by hand on the wheel from speckled stoneware, this mug holds 350 ml, keeps its heat well, and has a wide handle for a full grip.";
    private const string Description2 = "Glazed inside with a food-safe satin glaze, fired twice, and safe in the dishwasher and the microwave, though washing by hand keeps it bright.";
    private const string Review1 = "Bought two of these as a present, and my sister uses hers every morning; the glaze is even lovelier in real life than in the pictures.";
    private const string Review2 = "Arrived well packed, a bit smaller than I expected, but the handle is comfortable, the colour is beautiful, and it keeps tea hot for ages.";

    private static string ProductPage(string head) => $"""
        <html><head><title>Speckled stoneware mug</title>{head}</head><body>
        {Navigation}
        <main>
          <h1>Speckled stoneware mug</h1>
          <div class="description"><p>{Description1}</p><p>{Description2}</p></div>
          <div class="product-reviews"><h2>Customer reviews</h2><p>{Review1}</p><p>{Review2}</p></div>
        </main>
        </body></html>
        """;

    [Fact]
    public void Extract_DropsReviews_OnADeclaredProductPage()
    {
        var declared = ProductPage("""<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Speckled stoneware mug"}</script>""");

        var text = _extractor.Extract(declared, null).Text;

        Assert.Contains(Description1, text, StringComparison.Ordinal);
        Assert.Contains(Description2, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Review1, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Review2, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsReviewNamedBlocks_WhenThePageDeclaresNoProduct()
    {
        // The same markup without a product declaration (a review site, a blog): review-named blocks are content.
        var text = _extractor.Extract(ProductPage(""), null).Text;

        Assert.Contains(Description1, text, StringComparison.Ordinal);
        Assert.Contains(Review1, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<meta property="og:type" content="product">""", true)]
    [InlineData("""<meta property="og:type" content="article">""", false)]
    [InlineData("""<script type="application/ld+json">{"@type": ["Product", "Thing"]}</script>""", true)]
    [InlineData("""<script type="application/ld+json">{"@type": "NewsArticle"}</script>""", false)]
    public void Classify_ReadsTheDeclaredKind(string head, bool product)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<html><head>{head}</head><body><p>x</p></body></html>");

        Assert.Equal(product ? PageKind.Product : PageKind.Other, new DeclaredPageKindClassifier().Classify(document, new ExtractionBudget(1_000_000, CancellationToken.None)));
    }
}
