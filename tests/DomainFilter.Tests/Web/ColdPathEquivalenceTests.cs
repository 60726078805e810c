using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// The cheaper forms of steps run on every page give what the forms they replaced gave: a listing found without
/// counting the children of elements too small to hold one, the page measured by index, the declaring elements found
/// in one walk for the metadata reader and the kind classifier. Small hand-written pages.
/// </summary>
public sealed class ColdPathEquivalenceTests
{
    private static readonly ContentExtractorOptions Options = new();

    private static string Card(int i, string text) =>
        $"""<li class="card card-{i}"><a href="/item/{i}">Item {i}</a><p>{text} number {i}, in stock and ready to ship today.</p></li>""";

    private static readonly string Page = $"""
        <html><head><title>Shop</title></head><body>
        <nav><ul class="menu"><li><a href="/">Home</a></li><li><a href="/a">About</a></li><li><a href="/s">Shop</a></li><li><a href="/c">Contact</a></li></ul></nav>
        <main>
          <ul class="grid">{string.Concat(Enumerable.Range(1, 6).Select(i => Card(i, "A sturdy oak chair with a woven seat")))}</ul>
          <section class="more"><h2>Also bought</h2>
            <div class="row">{string.Concat(Enumerable.Range(7, 5).Select(i => Card(i, "A lamp")))}</div></section>
          <div class="tiny"><span>a</span><span>b</span><span>c</span><span>d</span><span>e</span></div>
        </main>
        <footer><p>Shop Ltd, 1 High Street. All prices include tax.</p></footer>
        </body></html>
        """;

    /// <summary>FindListing as it was: every element with enough element children has its children grouped.</summary>
    private static IElement? FindListingByEveryParent(ReadabilityDensityScorer scorer, ElementStats stats, out int chars)
    {
        IElement? best = null;
        chars = 0;
        foreach (var (e, _) in stats)
        {
            if (e.ChildElementCount < ReadabilityDensityScorer.MinListingItems)
            {
                continue;
            }

            var groups = new Dictionary<(string, string), (int Count, int Chars)>();
            foreach (var c in e.Children)
            {
                if (stats.TryGetValue(c, out var cs) && cs.Chars > 0)
                {
                    var key = (c.LocalName, scorer.ItemKind(c.GetAttribute("class")));
                    var g = groups.GetValueOrDefault(key);
                    groups[key] = (g.Count + 1, g.Chars + cs.Chars);
                }
            }

            foreach (var (_, g) in groups)
            {
                if (g.Count >= 4 && g.Chars >= g.Count * 40 && g.Chars > chars && g.Chars >= 300)
                {
                    chars = g.Chars;
                    best = e;
                }
            }
        }

        return best;
    }

    [Fact]
    public void FindListing_GivesWhatGroupingEveryParentGave()
    {
        var body = new HtmlParser().ParseDocument(Page).Body!;
        var scorer = new ReadabilityDensityScorer(Options);
        var stats = scorer.Measure(body, thread: false, new ExtractionBudget(1_000_000, default));

        var found = scorer.FindListing(stats, out var chars, new ExtractionBudget(1_000_000, default));
        var expected = FindListingByEveryParent(scorer, stats, out var expectedChars);

        Assert.NotNull(expected);
        Assert.Equal("grid", expected.ClassName);
        Assert.Same(expected, found);
        Assert.Equal(expectedChars, chars);
    }

    [Fact]
    public void Measure_CountsEachElementsText_AndTicksOncePerChildNodeAndElement()
    {
        var body = new HtmlParser().ParseDocument(Page).Body!;
        var budget = new ExtractionBudget(1_000_000, default);

        var stats = new ReadabilityDensityScorer(Options).Measure(body, thread: false, budget);

        var elements = body.Descendants<IElement>().Prepend(body).ToList();
        Assert.Equal(elements.Count, stats.Count);
        Assert.Equal(elements.Count + elements.Sum(e => e.ChildNodes.Length), budget.Operations);
        foreach (var e in elements)
        {
            var texts = e.Descendants<IText>().ToList();
            var links = e.LocalName == "a" ? texts : e.Descendants<IText>().Where(t => t.Ancestors<IElement>().TakeWhile(a => a != e).Any(a => a.LocalName == "a")).ToList();
            Assert.Equal(texts.Sum(t => PlainText.Count(t.Data).Chars), stats[e].Chars);
            Assert.Equal(texts.Sum(t => PlainText.Count(t.Data).Commas), stats[e].Commas);
            Assert.Equal(links.Sum(t => PlainText.Count(t.Data).Chars), stats[e].LinkChars);
            Assert.Equal(e.Descendants<IElement>().Count(d => d.LocalName == "li"), stats[e].ListItems);
            Assert.Equal(e.Descendants<IElement>().Count(d => d.LocalName == "p"), stats[e].Paragraphs);
        }
    }

    [Fact]
    public void DeclaredElements_HoldWhatEachReaderQueriedItself()
    {
        const string html = """
            <html><head><meta property="og:type" content="product"><meta name="description" content="d">
            <script type="application/ld+json">{"@type":"Product"}</script><script>var x;</script></head>
            <body itemscope itemtype="https://schema.org/Product"><time datetime="2024-01-02">x</time>
            <span itemprop="datePublished" datetime="2024-01-01">y</span><meta property="og:type" content="article">
            <script type="application/ld+json">{"@type":"Offer"}</script><time>no date</time></body></html>
            """;
        var document = new HtmlParser().ParseDocument(html);

        var declared = DeclaredElements.Find(document);

        Assert.Equal(document.QuerySelectorAll("script[type='application/ld+json']").ToList(), declared.JsonLdScripts);
        Assert.Equal(document.QuerySelectorAll("meta").ToList(), declared.Metas);
        Assert.Equal(document.QuerySelectorAll("[itemprop='datePublished']").ToList(), declared.DatePublished);
        Assert.Equal(document.QuerySelectorAll("time[datetime]").ToList(), declared.TimesWithDatetime);
        Assert.Equal(document.QuerySelectorAll("meta[property='og:type']").ToList(), declared.OgTypes);
        Assert.Equal(document.QuerySelectorAll("[itemtype]").ToList(), declared.ItemTypes);
        Assert.Equal(2, declared.OgTypes.Count);
        Assert.Equal(2, declared.JsonLdScripts.Count);
        Assert.Equal(PageKind.Product, new DeclaredPageKindClassifier().Classify(declared, new ExtractionBudget(1_000, default)));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new HeadMetadataReader().Read(document, declared).Published);
    }
}
