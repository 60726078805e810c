using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// Main-content extraction by text density on the AngleSharp DOM, in the manner of Readability and trafilatura:
/// strip what is never content (scripts, navigation, hidden and boilerplate-named elements), score paragraph-like
/// elements by text length and commas and credit their ancestors, take the best container with its related
/// siblings, prune link-heavy and boilerplate blocks inside it, and render the rest as plain text and Markdown.
/// MathML, MathJax script sources and KaTeX annotations become LaTeX. This class runs the fallback chain; each
/// step is its own stage (metadata, math, cleaning, scoring, rendering).
/// </summary>
public sealed class DensityContentExtractor : IContentExtractor
{
    private readonly ContentExtractorOptions _options;
    private readonly IPageMetadataReader _metadata;
    private readonly IMathRewriter _math;
    private readonly IBoilerplateCleaner _cleaner;
    private readonly IContentScorer _scorer;
    private readonly IMarkdownRenderer _renderer;
    private readonly IPageKindClassifier _kinds;

    public DensityContentExtractor()
        : this(new ContentExtractorOptions())
    {
    }

    public DensityContentExtractor(ContentExtractorOptions options)
        : this(options, new HeadMetadataReader(), new MathToLatexRewriter(), new TagAndNameCleaner(options),
               new ReadabilityDensityScorer(options), new BlockMarkdownRenderer(options))
    {
    }

    internal DensityContentExtractor(ContentExtractorOptions options, IPageMetadataReader metadata, IMathRewriter math,
                                     IBoilerplateCleaner cleaner, IContentScorer scorer, IMarkdownRenderer renderer,
                                     IPageKindClassifier? kinds = null)
    {
        _kinds = kinds ?? new DeclaredPageKindClassifier();
        _options = options;
        _metadata = metadata;
        _math = math;
        _cleaner = cleaner;
        _scorer = scorer;
        _renderer = renderer;
    }

    /// <summary>Below this many characters the chosen container is taken as a miss and the whole cleaned body is rendered.</summary>
    private const int MinContentChars = 50;

    /// <summary>The JSON-LD articleBody replaces an extraction that holds less than this share of its text.</summary>
    private const int StatedBodyShare = 3;

    /// <summary>
    /// Chosen content with this much paragraph prose (text outside links, in <c>p</c>) is an article, whatever the
    /// size of the teaser grid below it: a listing does not replace it.
    /// </summary>
    private const int MinArticleProseChars = 1200;

    /// <summary>A listing replaces the chosen container when it holds this many times its text.</summary>
    private const int ListingOverArticle = 3;

    public ExtractedContent Extract(string html, Uri? url, CancellationToken ct = default) =>
        Extract(html, url, new ExtractionBudget(_options.MaxOperations, ct));

    /// <summary>Extraction with its work counted in <paramref name="budget"/> (which tests read).</summary>
    internal ExtractedContent Extract(string html, Uri? url, ExtractionBudget budget)
    {
        var ct = budget.Token;
        string? limited = null;
        if (html.Length > _options.MaxHtmlChars)
        {
            html = html[.._options.MaxHtmlChars];
            limited = $"html truncated to {_options.MaxHtmlChars} characters";
        }

        html = NestingLimiter.Limit(html, _options.MaxDepth, out var deep);
        if (deep)
        {
            limited = $"tags nested deeper than {_options.MaxDepth} dropped";
        }

        ct.ThrowIfCancellationRequested();
        var document = Parse(html, ct);
        var declared = DeclaredElements.Find(document);
        var meta = _metadata.Read(document, declared);
        var kind = _kinds.Classify(declared, budget);
        if (document.Body is null)
        {
            return new ExtractedContent { Title = meta.Title, DeclaredLanguage = meta.Language, Published = meta.Published, Limited = limited };
        }

        // The fallback chain: a strict pass; if it finds (next to) nothing, a lenient pass on a fresh parse that keeps
        // hidden and noscript content and ignores class names; then the article text the page states in JSON-LD.
        var blocks = ExtractBlocks(document, meta.Title, kind, lenient: false, ref limited, budget);
        if (blocks.Sum(b => b.Chars) < MinContentChars)
        {
            var again = ExtractBlocks(Parse(html, ct), meta.Title, kind, lenient: true, ref limited, budget);
            if (again.Sum(b => b.Chars) > blocks.Sum(b => b.Chars))
            {
                blocks = again;
            }
        }

        if (meta.StatedBody is { } stated && blocks.Sum(b => b.Chars) * StatedBodyShare < PlainText.Count(stated).Chars)
        {
            blocks = stated.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => PlainText.Collapse(line))
                .Where(line => line.Length > 0)
                .Select(line => new ContentBlock(line, _renderer.EscapeMarkdown(line), "p", line.Length))
                .ToList();
        }

        if (blocks.Sum(b => b.Chars) < MinContentChars)
        {
            // The last link of the chain, for pages whose markup holds no text (script-rendered): the prose in the
            // page's JSON data scripts (page state, JSON-LD descriptions). Not the meta description: a summary of the
            // page is not its content, and a page without text is annotated as having none.
            var prose = _metadata.ReadScriptProse(Parse(html, ct), budget);
            if (prose.Sum(p => p.Length) > blocks.Sum(b => b.Chars))
            {
                blocks = prose.Select(p => new ContentBlock(p, _renderer.EscapeMarkdown(p), "p", p.Length)).ToList();
            }
        }

        if (blocks.Sum(b => b.Chars) < MinContentChars && _metadata.ReadExcerpt(document) is { } excerpt && excerpt.Length > blocks.Sum(b => b.Chars))
        {
            // Nothing in the markup or its data scripts (a forum that renders its posts by script): the opening of
            // the page's text that the site put in its description, cut short, is the only text the page carries.
            blocks = [new ContentBlock(excerpt, _renderer.EscapeMarkdown(excerpt), "p", excerpt.Length)];
        }

        return new ExtractedContent
        {
            Text = string.Join("\n\n", blocks.Select(b => b.Text)),
            Markdown = string.Join("\n\n", blocks.Select(b => b.Markdown)),
            Title = meta.Title,
            DeclaredLanguage = meta.Language,
            Published = meta.Published,
            Limited = limited,
        };
    }

    /// <summary>
    /// A listing page's content: its items, and the page around them when the grid holds little of the page's own
    /// (non-link) text. A shop's category or a topic page wraps its grid in a description above it and a buying guide
    /// or FAQ below it; the same widening as for an article (<see cref="IContentScorer.Widen"/>: the smallest ancestor
    /// holding most of the page's own text, adding few links) finds that page. Link-heavy blocks around the grid are
    /// pruned as in an article; the items themselves stay whole, links and all. <paramref name="container"/> is the
    /// listing, or the chosen content that holds it (its heading and description stay with the grid).
    /// </summary>
    private List<ContentBlock> RenderListing(IElement body, IElement listing, IElement container, ElementStats stats, bool thread, string? title, ExtractionBudget budget)
    {
        var keep = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
        foreach (var item in listing.QuerySelectorAll("*"))
        {
            budget.Tick();
            keep.Add(item);
        }

        for (var a = listing; a is not null && a != container && keep.Add(a); a = a.ParentElement)
        {
            budget.Tick();
        }

        // The cards' own button ("Add to cart", "Learn more" on every card) is the template's, not the items'.
        CardButtons.Remove([.. DomEdits.ElementChildren(listing, budget)], budget);

        if (container != listing)
        {
            _scorer.Prune(container, stats, thread, budget, keep);
        }

        var listed = _renderer.Filter(_renderer.Render([container], budget), title, keepLinkRuns: true);
        if (_scorer.Widen(body, [container], stats, thread, budget) is not { } around)
        {
            return listed;
        }

        for (var a = container; a is not null && a != around && keep.Add(a); a = a.ParentElement)
        {
            budget.Tick();
        }

        _scorer.Prune(around, stats, thread, budget, keep);
        var page = _renderer.Filter(_renderer.Render([around], budget), title, keepLinkRuns: true);
        return page.Sum(b => b.Chars) > listed.Sum(b => b.Chars) ? page : listed;
    }

    /// <summary>
    /// The chosen element that holds <paramref name="listing"/> when the listing's items are at least half of the
    /// chosen text: the chosen content is then the grid with its heading, not an article beside it. Null otherwise.
    /// </summary>
    /// <summary>
    /// Cleans a chosen node (or the wider container around the chosen content) before it is rendered: lists that are
    /// text are kept, link paragraphs, picture captions and what follows the article's body go, then the pruning drops
    /// link-dense blocks except <paramref name="keep"/> and the largest run of cards (<see cref="CardRuns"/>), which it
    /// adds to <paramref name="keep"/>. Returns whether there was such a run.
    /// </summary>
    private bool CleanChosen(IElement node, ElementStats stats, bool thread, HashSet<IElement> keep, ExtractionBudget budget)
    {
        TextLinkLists.Keep(node, stats, thread, budget);
        LinkedParagraphs.RemoveUnlessThread(node, stats, thread, budget);
        PictureCaptions.RemoveUnlessThread(node, stats, thread, budget);
        ArticleEnd.RemoveUnlessThread(node, stats, thread, budget);
        var cardRun = CardRuns.Keep(node, stats, thread, keep, budget) > 0;
        _scorer.Prune(node, stats, thread, budget, keep);
        return cardRun;
    }

    private static IElement? ListingHolder(List<IElement> selected, IElement listing, int listingChars, ElementStats stats, ExtractionBudget budget)
    {
        var chosen = stats.Total(selected).Chars;
        if (listingChars * 2 < chosen)
        {
            return null;
        }

        foreach (var e in selected)
        {
            for (var a = listing; a is not null; a = a.ParentElement)
            {
                budget.Tick();
                if (a == e)
                {
                    return e;
                }
            }
        }

        return null;
    }

    private static IDocument Parse(string html, CancellationToken ct)
    {
        // Comments and source positions are never read: the tokenizer neither builds nor tracks them.
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false, SkipComments = true, DisableElementPositionTracking = true });
        var document = parser.ParseDocumentAsync(html, ct).GetAwaiter().GetResult();
        ct.ThrowIfCancellationRequested();
        return document;
    }

    /// <summary>
    /// One extraction pass over a parsed page. Strict: hidden, noscript and boilerplate-named elements go unless
    /// their text statistics say they hold content. Lenient (a fallback): only what is never text goes.
    /// </summary>
    private List<ContentBlock> ExtractBlocks(IDocument document, string? title, PageKind kind, bool lenient, ref string? limited, ExtractionBudget budget)
    {
        var body = document.Body!;
        _math.Rewrite(document, body, budget);
        if (kind == PageKind.Thread)
        {
            ThreadPostDates.Keep(body, budget);
        }

        if (!_cleaner.RemoveNonContent(body, lenient, budget))
        {
            limited ??= $"more than {_options.MaxElements} elements or deeper than {_options.MaxDepth}: extra elements dropped";
        }

        budget.Check();
        var stats = _scorer.Measure(body, thread: false, budget);
        if (PostUserCards.Remove(stats, budget) > 0)
        {
            stats = _scorer.Measure(body, thread: false, budget);
        }

        if (SiblingCopies.Remove(stats, budget) > 0)
        {
            stats = _scorer.Measure(body, thread: false, budget);
        }

        if (kind == PageKind.Product && _scorer.RemoveReviews(body, stats, budget) > 0)
        {
            stats = _scorer.Measure(body, thread: false, budget);
        }

        var thread = _scorer.IsThread(body, stats, budget);
        if (thread)
        {
            stats = _scorer.Measure(body, thread, budget);
        }

        if (!lenient && !thread && _scorer.FindListing(stats, out _, budget) is { } grid)
        {
            // A shop grid's cards name their parts like boilerplate (header, hidden, rating): kept as the cards' own.
            ListingCardParts.Mark(grid, stats, _options.MaxAttributeChars, budget);
        }

        if (!lenient && _cleaner.RemoveByName(body, stats, thread, budget))
        {
            stats = _scorer.Measure(body, thread, budget);
        }

        var selected = _scorer.SelectContent(body, stats, budget);
        if (thread || kind == PageKind.Thread)
        {
            selected = ShortPosts.Add(body, selected, stats, budget);
        }

        if (kind == PageKind.Thread)
        {
            selected = PostHeaders.Widen(selected, stats, budget);
        }

        var listing = _scorer.FindListing(stats, out var listingChars, budget);
        if (listing is not null
            && listingChars > ListingOverArticle * stats.Total(selected).Chars
            && _scorer.ProseChars(selected, stats, budget) < MinArticleProseChars
            && !LinkListOverProse.Keeps(selected, listing, stats, budget))
        {
            // A listing page (products, search results, news index): its items are the content, links and all.
            return RenderListing(body, listing, listing, stats, thread, title, budget);
        }

        if (listing is not null && !thread && stats[listing].LinkDensity > ReadabilityDensityScorer.PruneLinkDensity
            && ListingHolder(selected, listing, listingChars, stats, budget) is { } holder
            && _scorer.ProseChars(selected, stats, budget) < MinArticleProseChars)
        {
            // The chosen content is itself a grid of linked cards (with its heading): pruning it as an article would
            // cut the cards one by one, each as link-heavy as navigation. A thread's posts, mostly text, are pruned
            // as an article is (their user cards and buttons go).
            return RenderListing(body, listing, holder, stats, thread, title, budget);
        }

        var wider = _scorer.Widen(body, selected, stats, thread, budget)
                    ?? SectionedPageWidener.Widen(selected, stats, _scorer.ProseChars(selected, stats, budget), thread, budget);
        if (thread && wider is null)
        {
            // A thread is not widened as an article is; its replies, when they sit apart from the chosen post, are
            // taken with it.
            wider = ThreadReplies.Extend(body, selected, stats, _options.MaxAttributeChars, budget);
        }

        selected = SiblingBoxAfterBody.Drop(selected, stats, thread || kind == PageKind.Thread, budget);

        var cardRun = false;
        foreach (var node in selected)
        {
            cardRun |= CleanChosen(node, stats, thread, new HashSet<IElement>(ReferenceEqualityComparer.Instance), budget);
        }

        // A run of cards kept from the pruning keeps its title lines too: there they are the items, not other stories.
        var blocks = _renderer.Filter(_renderer.Render(selected, budget), title, keepTeasers: cardRun);
        if (wider is not null && blocks.Sum(b => b.Chars) >= MinContentChars)
        {
            // The chosen content and the wrappers between it and the wider container stay whatever their link
            // density; the wider text is taken only when it renders to more than the chosen content did. A chosen
            // content that renders to next to nothing is left to the fallbacks below (the whole body, the lenient pass).
            var keep = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
            foreach (var node in selected)
            {
                for (var a = node; a is not null && a != wider && keep.Add(a); a = a.ParentElement)
                {
                    budget.Tick();
                }
            }

            var wideRun = CleanChosen(wider, stats, thread, keep, budget);
            var wide = _renderer.Filter(_renderer.Render([wider], budget), title, keepTeasers: wideRun);
            if (wide.Sum(b => b.Chars) > blocks.Sum(b => b.Chars))
            {
                blocks = wide;
                selected = [wider];
            }
        }

        if (!thread && LeadAbove.Find(body, selected, stats, _options.MaxAttributeChars, title, budget) is { Count: > 0 } leads)
        {
            // The lead between the headline and the chosen body (a standfirst in the article's header block).
            blocks = [.. LeadAbove.Render(leads, _renderer, title, budget), .. blocks];
        }

        if (blocks.Sum(b => b.Chars) < MinContentChars && !(selected is [var only] && only == body))
        {
            // Nothing article-like (a list or index page): keep the page's remaining text rather than nothing; the
            // quality rules judge it.
            blocks = _renderer.Filter(_renderer.Render([body], budget), title);
        }

        // The contact box that ends an article or press release (a press contact's name, address, e-mail) goes.
        blocks = ContactTail.Drop(blocks);

        // A thread's copies of its own blocks (quoted posts, signatures, user card labels) are said once, and so are a
        // product page's (the description rendered once per layout, a feature in both a tab and an accordion).
        return thread || kind is PageKind.Thread or PageKind.Product ? RepeatedBlocks.KeepFirst(blocks) : blocks;
    }
}
