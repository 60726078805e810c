using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// One small hand-written page per failure pattern seen on pages the extractor was never tuned on (issue 12): each
/// asserts that the main text comes out and the boilerplate next to it does not.
/// </summary>
public sealed class ExtractionFailurePatternTests
{
    private readonly DensityContentExtractor _extractor = new();

    private const string Navigation = """
        <header><nav><a href="/">Home</a> <a href="/latest">Latest</a> <a href="/categories">Categories</a> <a href="/faq">FAQ</a></nav></header>
        """;

    private const string Post1 = "My sourdough starter stopped rising after I moved it to the fridge for a week, and now it smells of acetone even after two feedings.";
    private const string Post2 = "That smell is hunger, not death: feed it twice a day at room temperature with equal weights of flour and water for three days.";
    private const string Post3 = "Agreed, and switch to whole rye flour for a couple of feedings, since the extra nutrients wake the yeast up much faster.";

    [Fact]
    public void Extract_KeepsThread_ServedInsideNoscript()
    {
        // Discourse serves the crawler view of a thread inside <noscript>; the script-built view is empty.
        var html = $"""
            <html><head><title>Starter stopped rising - Bakers Forum</title></head><body>
            {Navigation}
            <div id="app"></div>
            <noscript><div id="main-outlet">
              <h1>Starter stopped rising</h1>
              <div class="topic-body"><p>{Post1}</p></div>
              <div class="topic-body"><p>{Post2}</p></div>
              <div class="topic-body"><p>{Post3}</p></div>
            </div></noscript>
            <noscript><img src="https://tracker.example/pixel.gif"> Please enable JavaScript to use this site.</noscript>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains(Post1, text, StringComparison.Ordinal);
        Assert.Contains(Post3, text, StringComparison.Ordinal);
        Assert.DoesNotContain("enable JavaScript", text, StringComparison.Ordinal);
    }

    private const string Article1 = "The city council voted on Tuesday to turn the old rail yard into a park, ending a decade of argument over the site.";
    private const string Article2 = "Work on the first phase, which includes a playground and a community garden, is expected to begin next spring.";
    private const string Article3 = "Residents who opposed the plan said the land should have been used for housing, given the shortage in the area.";

    [Fact]
    public void Extract_KeepsArticle_StreamedIntoHiddenContainer()
    {
        // React streaming: the server sends the article in <div hidden id="S:0"> and a script moves it into place.
        var html = $"""
            <html><head><title>Rail yard to become a park</title></head><body>
            {Navigation}
            <main><template id="B:0"></template><p>Loading…</p></main>
            <div hidden id="S:0"><article><h1>Rail yard to become a park</h1><p>{Article1}</p><p>{Article2}</p><p>{Article3}</p></article></div>
            <div hidden class="mobile-menu"><a href="/a">Sports</a> <a href="/b">Weather</a> <a href="/c">Opinion</a></div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains(Article1, text, StringComparison.Ordinal);
        Assert.Contains(Article3, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Weather", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsText_InADisplayNoneContainer_ButNotAHiddenMenu()
    {
        // A script shows the rest of the article (or a shop's grid) once it has laid it out: the server sends it in
        // style="display:none", as React streams into <div hidden>. A menu hidden the same way is links and still goes.
        var html = $"""
            <html><head><title>Rail yard to become a park</title></head><body>
            {Navigation}
            <main><article><h1>Rail yard to become a park</h1><p>{Article1}</p><p>{Article2}</p>
            <div class="rest" style="display:none"><p>{Article3}</p><p>{Article2} {Article1}</p></div></article></main>
            <div class="drawer" style="display: none"><a href="/a">Sports</a> <a href="/b">Weather</a> <a href="/c">Opinion</a></div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains(Article1, text, StringComparison.Ordinal);
        Assert.Contains(Article3, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Weather", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsContent_InWrappersNamedWidget()
    {
        // Page builders (Elementor) wrap every paragraph in a "widget" container; the word names the wrapper, not boilerplate.
        var html = $"""
            <html><head><title>Rail yard to become a park</title></head><body>
            {Navigation}
            <div class="elementor-section">
              <div class="elementor-widget elementor-widget-heading"><div class="elementor-widget-container"><h1>Rail yard to become a park</h1></div></div>
              <div class="elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container"><p>{Article1}</p></div></div>
              <div class="elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container"><p>{Article2}</p></div></div>
              <div class="elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container"><p>{Article3}</p></div></div>
              <div class="component-header paywall"><p>The council will publish the full plans for the park, with drawings and a timetable, in the new year.</p></div>
            </div>
            <div class="sidebar-widget"><a href="/x">Most read</a> <a href="/y">Cycling lanes</a> <a href="/z">Bus fares</a></div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains(Article1, text, StringComparison.Ordinal);
        Assert.Contains(Article2, text, StringComparison.Ordinal);
        Assert.Contains(Article3, text, StringComparison.Ordinal);
        Assert.True(text.Contains("full plans for the park", StringComparison.Ordinal), text);
        Assert.DoesNotContain("Cycling lanes", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsThread_WrappedInModerationForm()
    {
        // XenForo wraps a thread's posts in a form (for inline moderation); its inputs and buttons are not content.
        var html = $"""
            <html><head><title>Starter stopped rising</title></head><body>
            {Navigation}
            <form action="/inline-mod" method="post" class="block">
              <input type="hidden" name="token" value="x"><button>Select all</button>
              <article class="message"><div class="bbWrapper">{Post1}</div></article>
              <article class="message"><div class="bbWrapper">{Post2}</div></article>
              <article class="message"><div class="bbWrapper">{Post3}</div></article>
              <div class="quick-reply"><textarea name="message"></textarea></div>
            </form>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains(Post1, text, StringComparison.Ordinal);
        Assert.Contains(Post2, text, StringComparison.Ordinal);
        Assert.Contains(Post3, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Select all", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_MergesSiblingArticle_HoldingPartOfTheContent()
    {
        // A recipe: the method in one <article>, the ingredients (names in <label>s of check boxes) in a sibling one.
        var html = $"""
            <html><head><title>Lentil soup</title></head><body>
            {Navigation}
            <div class="recipe">
              <article class="ingredients"><h2>Ingredients</h2><ul>
                <li><input type="checkbox" id="i1"><label for="i1">200 g red lentils</label></li>
                <li><input type="checkbox" id="i2"><label for="i2">1 onion, chopped</label></li>
                <li><input type="checkbox" id="i3"><label for="i3">1 litre vegetable stock</label></li>
              </ul></article>
              <article class="method"><h2>Method</h2>
                <p>Soften the onion in a little oil over a low heat for ten minutes, stirring now and then so it does not brown.</p>
                <p>Add the lentils and the stock, bring to the boil, then simmer for twenty minutes, until the lentils have collapsed.</p>
                <p>Blend half of the soup, stir it back in, season with salt, pepper and a squeeze of lemon, and serve hot.</p>
              </article>
            </div>
            <footer>© Soup Site</footer>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("Soften the onion", text, StringComparison.Ordinal);
        Assert.Contains("200 g red lentils", text, StringComparison.Ordinal);
        Assert.Contains("1 litre vegetable stock", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_FallsBackToJsonLdArticleBody_WhenThePageHoldsNoText()
    {
        // A script-rendered page whose only copy of the article is the publisher's own JSON-LD.
        var html = $$"""
            <html><head><title>Rail yard to become a park</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Rail yard to become a park",
              "articleBody":"{{Article1}}\n{{Article2}}\n{{Article3}}"}</script></head>
            <body><div id="root"></div><script src="/app.js"></script></body></html>
            """;

        var content = _extractor.Extract(html, null);

        Assert.Contains(Article1, content.Text, StringComparison.Ordinal);
        Assert.Contains(Article3, content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_FallsBackToProseInADataScript_WhenTheMarkupHoldsNoText()
    {
        // A Next.js page before hydration: the article lives only in the page state, as rich text, beside ids and URLs.
        var html = $$"""
            <html><head><title>Rail yard to become a park</title></head>
            <body><div id="__next"></div>
            <script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"id":"a81f3c","image":"https://cdn.example/rail-yard-park-hero-image.jpg",
              "story":{"body":["<p>{{Article1}}</p>","<p>{{Article2}}</p>"],"slug":"rail-yard-to-become-a-park-after-years-of-debate-in-the-council"} } } }</script>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains(Article1, text, StringComparison.Ordinal);
        Assert.Contains(Article2, text, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.example", text, StringComparison.Ordinal);
        Assert.DoesNotContain("rail-yard-to-become", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_LeavesAPageWithoutText_Empty_RatherThanTakingItsMetaDescription()
    {
        // A loading splash: the description summarises the page but is not its content; the quality rules see an
        // empty page and say so.
        var html = $"""
            <html><head><title>Starter stopped rising - Bakers Forum</title>
            <meta property="og:description" content="{Post1}"></head>
            <body><section id="splash"><div class="dots"></div></section><script src="/app.js"></script></body></html>
            """;

        Assert.Equal("", _extractor.Extract(html, null).Text);
    }

    [Fact]
    public void Extract_DropsCommentSection_EvenWhenItsClassSaysPost()
    {
        var html = $"""
            <html><head><title>Rail yard to become a park</title></head><body>
            {Navigation}
            <article class="post"><h1>Rail yard to become a park</h1><div class="entry-content"><p>{Article1}</p><p>{Article2}</p><p>{Article3}</p></div></article>
            <div id="comments" class="comments-area post-comments">
              <h2>2 thoughts on this</h2>
              <div class="comment-body"><p>About time too, this site has been an eyesore for years and nobody could agree on anything.</p></div>
              <div class="comment-body"><p>Housing would have been better; the park will just bring more traffic to our street.</p></div>
            </div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains(Article1, text, StringComparison.Ordinal);
        Assert.DoesNotContain("eyesore", text, StringComparison.Ordinal);
        Assert.DoesNotContain("more traffic", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_PrefersShortArticle_OverLinkHeavyServiceBox()
    {
        var html = $"""
            <html><head><title>Opening hours over the holidays</title></head><body>
            {Navigation}
            <div class="box"><h3>Customer Service Center</h3>
              <div>Call us, write to us, or visit: <a href="/contact">Contact</a>, <a href="/help">Help centre</a>, <a href="/returns">Returns</a>,
              <a href="/track">Track your order</a>, <a href="/stores">Find a store</a>, <a href="/faq">Questions</a>.</div></div>
            <div class="main"><h1>Opening hours over the holidays</h1>
              <p>Our shops close at 4 pm on 24 December, stay closed on the 25th and 26th, and open as usual from the 27th.</p></div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("Our shops close at 4 pm", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Track your order", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsProductTitle_InFigure()
    {
        var html = $"""
            <html><head><title>Shop</title></head><body>
            {Navigation}
            <div class="product">
              <figure><img src="/mug.jpg" alt=""><span class="product-name">Speckled stoneware mug</span><figcaption>Photo: studio shot</figcaption></figure>
              <p>Thrown by hand on the wheel, glazed in an oatmeal speckle, holds 350 ml and is safe in the dishwasher and microwave.</p>
              <p>Each mug is a little different in shape and colour, because every one is made and glazed by hand in our studio.</p>
            </div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("Speckled stoneware mug", text, StringComparison.Ordinal);
        Assert.Contains("Thrown by hand", text, StringComparison.Ordinal);
        Assert.DoesNotContain("studio shot", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsListingItems_OnAListingPage()
    {
        // A category page: its content is the items, whose titles are links; a short promotion box is not.
        var items = string.Concat(Enumerable.Range(1, 6).Select(i =>
            $"""<li class="card"><a href="/tent-{i}">Trail tent model {i}</a><span>Sleeps {i + 1}, weighs {i + 1}.5 kg, three seasons</span></li>"""));
        var html = $"""
            <html><head><title>Camping tents</title></head><body>
            {Navigation}
            <div class="promo-box"><p>Get a gift card worth 30 when you open a store card account this month. Terms apply.</p></div>
            <h1>Camping tents</h1><ul class="results">{items}</ul>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("Trail tent model 1", text, StringComparison.Ordinal);
        Assert.Contains("Sleeps 7, weighs 7.5 kg", text, StringComparison.Ordinal);
        Assert.DoesNotContain("gift card", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Categories", text, StringComparison.Ordinal);
    }

    private const string Story1 = "We started as two gardeners with a van in 2009, and we still visit every garden ourselves before drawing a single line of a plan.";
    private const string Story2 = "Most of our work is for small town gardens, where every square metre counts, so we plan for light, drainage and the way you use the space.";
    private const string Story3 = "We plant in spring and autumn, when the soil is workable, and we come back after a year to replace anything that has not settled in.";
    private const string Service1 = "Planting plans drawn to scale, with a plant list chosen for your soil, your light and the time you want to spend on upkeep.";
    private const string Service2 = "Paths, walls and terraces built from local stone, laid on proper foundations so they stay level through wet winters.";
    private const string Service3 = "Seasonal visits to prune, feed and weed, with a short report after each visit on what we did and what comes next.";

    [Fact]
    public void Extract_KeepsEverySection_OfALandingPage()
    {
        // A service page made of sections at different depths: the densest one (the story beside its photo) holds
        // less than half of the page's own text, so the container holding most of it is taken.
        var html = $"""
            <html><head><title>Garden design and care</title></head><body>
            {Navigation}
            <div class="page">
              <div class="hero"><div class="inner"><h1>Garden design and care</h1><p>Design, building and care for town gardens, from the first sketch to the first harvest.</p></div></div>
              <div class="band"><div class="grid">
                <div class="card"><h3>Planting plans</h3><p>{Service1}</p></div>
                <div class="card"><h3>Hard landscaping</h3><p>{Service2}</p></div>
                <div class="card"><h3>Maintenance</h3><p>{Service3}</p></div>
              </div></div>
              <div class="story"><div class="cols">
                <div class="text"><h2>About us</h2><p>{Story1}</p><p>{Story2}</p><p>{Story3}</p></div>
                <div class="media"><span>Photo</span></div>
              </div></div>
            </div>
            <footer><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains(Story2, text, StringComparison.Ordinal);
        Assert.Contains(Service1, text, StringComparison.Ordinal);
        Assert.Contains(Service3, text, StringComparison.Ordinal);
        Assert.Contains("from the first sketch", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Privacy", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DoesNotWiden_IntoASecondCopyOfTheArticle()
    {
        // A page that also carries its article as hidden raw Markdown: the chosen article holds under half of the
        // page's own text, but what a wider container would add is the same words again.
        var html = $"""
            <html><head><title>Rail yard to become a park</title></head><body>
            {Navigation}
            <div class="layout">
              <div class="main"><div class="body"><article><h1>Rail yard to become a park</h1><p>{Article1}</p><p>{Article2}</p><p>{Article3}</p></article></div><div class="byline"><span>By A. Writer</span></div></div>
              <div class="extras"><div class="raw-wrap"><pre hidden class="raw"># Rail yard to become a park

            {Article1.Replace("rail yard", "[rail yard](https://example.org/yard)", StringComparison.Ordinal)}

            {Article2}

            {Article3}</pre></div></div>
            </div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains(Article2, text, StringComparison.Ordinal);
        Assert.Equal(text.IndexOf(Article3, StringComparison.Ordinal), text.LastIndexOf(Article3, StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_TakesTheDescriptionTheSiteCutShort_WhenTheMarkupHoldsNoText()
    {
        // A forum that renders its posts by script: the description is the opening of the first post, cut at a
        // length and ended with an ellipsis, so it is the page's own text; the cut-off word is left out.
        var html = $"""
            <html><head><title>Starter stopped rising - Bakers Forum</title>
            <meta name="description" content="{Post1} {Post2[..40]}…">
            <meta property="og:description" content="{Post1[..60]}…"></head>
            <body><section id="splash"><div class="dots"></div></section><script src="/app.js"></script></body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.StartsWith(Post1, text, StringComparison.Ordinal);
        Assert.EndsWith("not death: feed", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DropsHeadingsThatEndTheContent()
    {
        // The form under "Leave a reply" goes (its fields are never text), leaving its headings announcing nothing at
        // the end. Headings followed by text stay.
        var html = $"""
            <html><head><title>Rail yard to become a park</title></head><body>
            {Navigation}
            <div class="entry-content"><h1>Rail yard to become a park</h1>
              <h2>The plan</h2><p>{Article1}</p><p>{Article2}</p>
              <h2>What happens next</h2><p>{Article3}</p>
              <h2>Your view</h2><h3>Leave a reply</h3>
              <form action="/comment"><input type="text" name="name"><button>Send</button></form>
            </div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("The plan", text, StringComparison.Ordinal);
        Assert.Contains("What happens next", text, StringComparison.Ordinal);
        Assert.EndsWith(Article3, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DropsTheFormTheReaderWritesInto_BelowTheArticle()
    {
        // A comment form: its legend and instructions sit in the article's container, in paragraphs like the text.
        var html = $"""
            <html><head><title>Rail yard to become a park</title></head><body>
            {Navigation}
            <div class="main">
              <p>{Article1}</p><p>{Article2}</p><p>{Article3}</p>
              <p>The park will open in stages over four years, starting with the northern half of the site, where the old engine shed is to become a covered market.</p><p>Trees along the former sidings will be kept, and the council has promised that the footbridge over the remaining tracks will stay open throughout the works.</p>
              <form action="/comment" method="post"><fieldset><legend>Who are you?</legend>
                <p>Your e-mail address will not be published, and you can write several paragraphs, separated by empty lines.</p>
                <input type="email" name="mail"><textarea name="text"></textarea><button>Send</button></fieldset></form>
            </div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("footbridge", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Who are you", text, StringComparison.Ordinal);
        Assert.DoesNotContain("will not be published", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DropsTheAuthorBox_AfterTheArticle()
    {
        var html = $"""
            <html><head><title>Rail yard to become a park</title></head><body>
            {Navigation}
            <article class="post"><div class="entry-content"><p>{Article1}</p><p>{Article2}</p><p>{Article3}</p>
              <p>The park will open in stages over four years, starting with the northern half of the site, where the old engine shed is to become a covered market.</p><p>Trees along the former sidings will be kept, and the council has promised that the footbridge over the remaining tracks will stay open throughout the works.</p></div>
              <div class="author-box"><p>Jo Baker has written about the city, its trains and its parks for twenty years, and still cycles to work.</p></div>
            </article>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("footbridge", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Jo Baker", text, StringComparison.Ordinal);
    }
}
