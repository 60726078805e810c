using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// Service and product pages (issue 12): a page made of short sections inside its <c>main</c> landmark, of which
/// density scoring picks one, and a declared product page that renders its description once per layout.
/// </summary>
public sealed class SectionedPageTests
{
    private readonly DensityContentExtractor _extractor = new();

    /// <summary>
    /// A header whose menus describe each entry: own text outside links, so the page wrapper is the only ancestor
    /// holding most of the page's text, and it adds the menus' links.
    /// </summary>
    private static readonly string DescribedMenus = $"""
        <div class="brand">{string.Concat(new[] { "Consulting", "Engineering", "Security", "Analytics", "Cloud", "Training" }.Select(area =>
            $"""<div class="group"><a href="/{area}">{area} services overview</a> <a href="/{area}/cases">{area} case studies</a> <a href="/{area}/team">{area} team and leads</a> <span>Everything about {area} in one place for you</span></div>"""))}</div>
        """;

    private static string ServicePage(string body) => $"""
        <html><head><title>Managed analytics</title></head><body>
        {DescribedMenus}
        <main>{body}</main>
        </body></html>
        """;

    /// <summary>A section as page builders nest it, each of its own kind: a band, a container, a grid (divs: sibling
    /// <c>section</c> elements are merged by the scorer already).</summary>
    private static string Wrapped(string kind, string inner) => $"""<div class="{kind}-band"><div class="container"><div class="grid">{inner}</div></div></div>""";

    private const string Hero = "Managed analytics services keep your reports accurate and your data platform running day and night.";
    private const string Figure = "Twelve years of experience in data warehousing";
    private const string Feature = "We monitor every pipeline and fix failed loads before your morning reports";

    private const string Faq = """
        <div class="faq"><h2>Questions</h2>
        <p>What do managed analytics services include, and how are they priced for a company of our size, with our data?</p>
        <p>They include monitoring, incident handling, new reports, and the upkeep of the warehouse, priced per month, by the number of sources.</p>
        <p>How long does the takeover of an existing platform take, and what do you need from our own team, from day one?</p>
        <p>Usually two to four weeks, and we need access, the documentation you have, and an hour a week with your data owner.</p>
        </div>
        """;

    [Fact]
    public void Extract_TakesTheMainLandmark_WhenTheChosenSectionIsOneOfMany()
    {
        // The FAQ is the only block of paragraphs, so it scores best; the hero, the figures and the features are the
        // page's content too, and all of them sit in main. The header's menus do not.
        var html = ServicePage($"""
            {Wrapped("hero", $"<h1>Managed analytics</h1><div class=\"lead\">{Hero}</div>")}
            {Wrapped("figures", $"<div><b>12</b><span>{Figure}</span></div><div><b>300</b><span>Reports delivered every month</span></div>")}
            {Wrapped("features", $"<h2>What we do</h2><div><h3>Monitoring</h3><div>{Feature}</div></div><div><h3>Reporting</h3><div>New dashboards within a week of your request</div></div>")}
            {Wrapped("faq", Faq)}
            """);

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("How long does the takeover", text, StringComparison.Ordinal);
        Assert.Contains(Hero, text, StringComparison.Ordinal);
        Assert.Contains(Figure, text, StringComparison.Ordinal);
        Assert.Contains(Feature, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Everything about Security", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_TakesTheMainLandmark_WhenALongFaqIsOneOfAStackOfSections()
    {
        // The FAQ has prose enough for an article and holds more than half of main's own text, but main is a stack of
        // sections (hero, figures, features, steps, testimonial, call to action): the page is all of them.
        var faq = string.Concat(Enumerable.Range(10, 14).Select(i =>
            $"<h3>Question {i}?</h3><p>Answer {i}: we take it over within weeks, monitor it every day, and report to your team each month, with figures.</p>"));
        var html = ServicePage($"""
            {Wrapped("hero", $"<h1>Managed analytics</h1><div class=\"lead\">{Hero} Your team keeps its focus on the questions that matter.</div>")}
            {Wrapped("figures", $"<div><b>12</b><span>{Figure}</span></div><div><b>300</b><span>Reports delivered every month to our clients</span></div>")}
            {Wrapped("features", $"<h2>What we do</h2><div>{Feature}</div><div>New dashboards within a week of your request, tested on your data</div>")}
            {Wrapped("steps", "<h2>How it works</h2><div>Step one: we audit your pipelines and reports in a week</div><div>Step two: we take over the monitoring and the fixes</div>")}
            {Wrapped("quote", "<div>They fixed our reporting in a month and it has not failed since, said the head of finance of a client of ours</div>")}
            {Wrapped("cta", "<h2>Ready to start?</h2><div>Book a call with our analytics team this week and get a free audit of your platform</div>")}
            {Wrapped("faq", $"<h2>Questions</h2>{faq}")}
            """);

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("Answer 23: we take it over", text, StringComparison.Ordinal);
        Assert.Contains(Hero, text, StringComparison.Ordinal);
        Assert.Contains(Feature, text, StringComparison.Ordinal);
        Assert.Contains("Step one: we audit", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Everything about Security", text, StringComparison.Ordinal);
    }

    private static readonly string[] FeatureAreas = ["Monitoring", "Reporting", "Governance", "Training"];
    private static readonly string[] ResourceTitles = ["The analytics guide", "The warehouse checklist", "The reporting playbook"];

    [Fact]
    public void Extract_TakesTheMainLandmark_WhenItsSectionsAreCardsWithCallsToActionAndSentenceLinks()
    {
        // The feature cards end in short "Learn more" links and the resource cards are links whose text is a heading
        // and a sentence: more than half of what main adds is link text, yet none of it is a link list (LinkListChars),
        // so main is taken. (The widened content's pruning then drops the link cards as it does on any widened page.)
        var features = string.Concat(FeatureAreas.Select(area =>
            $"""<div class="card"><h3>{area}</h3><div>{area} handled by our team, every day.</div><a href="/{area}">Learn more</a></div>"""));
        var resources = string.Concat(ResourceTitles.Select(title =>
            $"""<a class="card" href="/r/{title.Length}"><h3>{title}</h3><p>Learn how teams like yours plan, build and run a data platform that their finance department trusts, step by step.</p></a>"""));
        var html = ServicePage($"""
            {Wrapped("hero", $"<h1>Managed analytics</h1><div class=\"lead\">{Hero}</div>")}
            {Wrapped("features", $"<h2>What we do</h2>{features}")}
            {Wrapped("resources", $"<h2>Resources</h2>{resources}")}
            {Wrapped("faq", Faq)}
            """);

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("How long does the takeover", text, StringComparison.Ordinal);
        Assert.Contains(Hero, text, StringComparison.Ordinal);
        Assert.Contains("Governance handled by our team", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Everything about Security", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsTheArticleAlone_WhenItHoldsMostOfItsMainLandmark()
    {
        // An article of some length in main, with a short box beside it: the article holds most of main's own text,
        // so main is not taken and the box stays out.
        var paragraphs = string.Concat(Enumerable.Range(0, 8).Select(i =>
            $"<p>Paragraph {i} of the report, which explains, at some length and with care, how the survey was run, what it found, and why it matters.</p>"));
        var html = ServicePage($"""
            <article><h1>Survey results</h1>{paragraphs}</article>
            <div class="promo"><div>Subscribe to our weekly letter for the best of our reporting</div></div>
            """);

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("Paragraph 7 of the report", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Subscribe to our weekly letter", text, StringComparison.Ordinal);
    }

    private static string ProductPage(string head)
    {
        const string description = """
            <p>This stoneware mug is thrown by hand and glazed in a speckled oatmeal finish, so no two are quite alike.</p>
            <p>It holds twelve ounces, keeps its heat, and is safe in the dishwasher and the microwave, every day.</p>
            <p>Each mug is fired twice, to a high temperature, which makes it strong enough for a lifetime of coffee.</p>
            """;
        return $"""
            <html><head><title>Stoneware mug</title>{head}</head><body>
            <div class="product"><h1>Stoneware mug</h1>
            <div class="description layout-wide">{description}</div>
            <div class="description layout-narrow">{description}</div>
            </div>
            </body></html>
            """;
    }

    [Fact]
    public void Extract_SaysARepeatedBlockOnce_OnADeclaredProductPage()
    {
        // Shops render the description once per layout; both copies are in the markup.
        var text = _extractor.Extract(ProductPage("""<meta property="og:type" content="product">"""), null).Text;

        Assert.Equal(1, Occurrences(text, "fired twice"));
        Assert.Contains("speckled oatmeal finish", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_KeepsRepeatedBlocks_WhenThePageDeclaresNoProduct()
    {
        // Documentation repeats a field's description under each method, and is annotated with every copy. (Two
        // copies side by side with nothing between them are one block printed per layout: SiblingCopiesTests.)
        var text = _extractor.Extract(ReferencePage(), null).Text;

        Assert.Equal(2, Occurrences(text, "fired twice"));
    }

    private static string ReferencePage()
    {
        const string description = """
            <p>This stoneware mug is thrown by hand and glazed in a speckled oatmeal finish, so no two are quite alike.</p>
            <p>It holds twelve ounces, keeps its heat, and is safe in the dishwasher and the microwave, every day.</p>
            <p>Each mug is fired twice, to a high temperature, which makes it strong enough for a lifetime of coffee.</p>
            """;
        return $"""
            <html><head><title>Mug API</title></head><body>
            <div class="reference"><h1>Mug API</h1>
            <section class="method"><h2>mug.describe()</h2><div class="description">{description}</div></section>
            <section class="method"><h2>mug.print()</h2><div class="description">{description}</div></section>
            </div>
            </body></html>
            """;
    }

    private static int Occurrences(string text, string part) => text.Split(part).Length - 1;
}
