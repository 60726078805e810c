using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// Main-content extraction by text density on the AngleSharp DOM, in the manner of Readability and trafilatura:
/// strip what is never content (scripts, navigation, hidden and boilerplate-named elements), score paragraph-like
/// elements by text length and commas and credit their ancestors, take the best container with its related
/// siblings, prune link-heavy and boilerplate blocks inside it, and render the rest as plain text and Markdown.
/// MathML, MathJax script sources and KaTeX annotations become LaTeX.
/// </summary>
public sealed partial class DensityContentExtractor(ContentExtractorOptions options) : IContentExtractor
{
    public DensityContentExtractor()
        : this(new ContentExtractorOptions())
    {
    }

    private static readonly HashSet<string> AlwaysDrop = new(StringComparer.Ordinal)
    {
        "script", "style", "template", "iframe", "svg", "canvas", "button", "input", "select", "textarea",
        "nav", "footer", "aside", "dialog", "object", "embed", "video", "audio", "map", "menu", "link", "meta", "head",
        "picture", "source", "img", "time"
    };

    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
        "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "figure", "figcaption", "address",
        "hr", "center", "details", "summary", "body", "html", "x-math-block"
    };

    private static readonly HashSet<string> ParagraphTags = new(StringComparer.Ordinal) { "p", "pre", "td", "blockquote", "dd" };

    // Class or id words that name boilerplate; an element matching one and no content word is dropped.
    [GeneratedRegex(@"(^|[\s_-])(comment|comments|disqus|share|sharing|social|related|recommend|recommended|sidebar|side-bar|widget|footer|foot|nav|navbar|navigation|menu|breadcrumbs?|cookie|cookies|consent|gdpr|banner|advert|advertisement|ads?|ad-slot|adslot|sponsor|sponsored|promo|promotion|newsletter|subscribe|subscription|signup|paywall|popup|modal|masthead|byline|author-info|author-bio|bio|tags|tag-list|taglist|topics|pagination|pager|print|outbrain|taboola|more-stories|read-more|readmore|also-read|most-popular|popular|trending|rail|toolbar|skip|hidden|visually-hidden|sr-only|caption|credit|meta|dateline|timestamp|header|top-bar|utility|enlarge|gallery|slideshow|video|player|login|signin|account|feedback|rating|wp-caption|jp-relatedposts|sharedaddy|addtoany|sociable|syndication|copyright|legal|disclaimer|overlay|inline-ad|tooltip)([\s_-]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NegativeNames();

    // Words that name boilerplate wherever they occur in a class or id (newsCaption, rollover-people-block).
    [GeneratedRegex(@"caption|sidebar|comment|social|related|footer|advert|cookie|newsletter|breadcrumb|byline|rollover|hovercard|popover|tooltip|outbrain|taboola|sponsor|promo|share-|sharing", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NegativeSubstrings();

    // The boilerplate words that name what a block is (comments, sharing, navigation, ads, captions) rather than how a
    // wrapper looks or where it sits (widget, header, hidden, paywall, toolbar): only these remove a block by name
    // alone; the others need the block to read as boilerplate too (mostly links).
    [GeneratedRegex(@"(^|[\s_-])(comment|comments|disqus|share|sharing|social|related|recommend|recommended|sidebar|side-bar|footer|nav|navbar|navigation|menu|breadcrumbs?|cookie|cookies|consent|gdpr|advert|advertisement|ads?|ad-slot|adslot|sponsor|sponsored|promo|promotion|newsletter|subscribe|subscription|signup|popup|modal|byline|author-info|author-bio|bio|tags|tag-list|taglist|topics|pagination|pager|outbrain|taboola|more-stories|read-more|readmore|also-read|most-popular|popular|trending|visually-hidden|sr-only|caption|credit|meta|dateline|timestamp|gallery|slideshow|wp-caption|jp-relatedposts|sharedaddy|addtoany|sociable|syndication|copyright|legal|disclaimer|inline-ad|respond|replies|screen-reader-text)([\s_-]|$)|caption|sidebar|comment|social|related|footer|advert|cookie|newsletter|breadcrumb|byline|rollover|hovercard|popover|tooltip|outbrain|taboola|sponsor|promo|share-|sharing", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StrongNegativeNames();

    // Reader comments stay comments whatever else the wrapper is called ("comments-area post-comments").
    [GeneratedRegex(@"comment|disqus|(^|[\s_-])(respond|replies)([\s_-]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CommentNames();

    /// <summary>A block named with a weak boilerplate word goes only when more than this share of its text is links.</summary>
    private const double WeakNameMaxLinkDensity = 0.3;

    // Embedded posts (tweets) are quoted content, whatever their wrapper is called.
    private static bool IsNegative(string names) =>
        (NegativeNames().IsMatch(names) || NegativeSubstrings().IsMatch(names)) && !names.Contains("embed", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"(^|[\s_-])(article|articlebody|article-body|article-content|articlecontent|story|story-body|storybody|post|post-body|post-content|entry|entry-content|content|main|body|text|blog|body-text|richtext|rich-text|prose)([\s_-]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PositiveNames();

    [GeneratedRegex(@"^(advertisement|advertisements|ad|sponsored|share( this)?( article| story| on \w+)?|share|tweet|email|print|comments?|\d+ comments?|read more|continue reading|related( articles| stories| posts)?|recommended( for you)?|sign up.*|subscribe.*|follow us.*|click here.*|image:.*|photo:.*|photograph:.*|getty images|©.*|copyright.*|all rights reserved.*|loading\W*|please enable javascript.*|skip to .*|back to top|top stories|more from .*|see also:?|tags?:.*|filed under:?.*|posted in .*|\(?ap\)?|\(?reuters\)?|updated .{0,40}|published .{0,40}|last updated .{0,40}|you may also like.*|.{0,160}\bclick(ing)? here\b.{0,160}|\[\w+( [^\]]*)?\].*\[/\w+\]|(see|read) more:.*|related( posts?| articles?| stories| story| reading| content| coverage)?:.*|disclaimer:.*|.{0,200}\bfollow (us|him|her|them|me) (on|at) (twitter|facebook|instagram|linkedin)\b.{0,200}|.*\[(insight|video|reveal|pictures|poll|latest)\].*|more .{0,30} stories|tell us what you think.*|this (slideshow|video|content) requires javascript.*|have a tip\?.*|.{0,160}\b(newsletters?|subscribe|sign up|unsubscribe)\b.{0,160}|.{0,40}\b(cookies?)\b.{0,120})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BoilerplateLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed class Stat
    {
        public int Chars;
        public int LinkChars;
        public int Commas;
        public int Paragraphs;
        public int ListItems;
        public double Score;
        public bool Candidate;
        public bool HoldsProtected;
    }

    public ExtractedContent Extract(string html, Uri? url, CancellationToken ct = default)
    {
        string? limited = null;
        if (html.Length > options.MaxHtmlChars)
        {
            html = html[..options.MaxHtmlChars];
            limited = $"html truncated to {options.MaxHtmlChars} characters";
        }

        html = NestingLimiter.Limit(html, options.MaxDepth, out var deep);
        if (deep)
        {
            limited = $"tags nested deeper than {options.MaxDepth} dropped";
        }

        ct.ThrowIfCancellationRequested();
        var document = Parse(html, ct);
        var jsonLd = ReadJsonLd(document);
        var title = ReadTitle(document, jsonLd);
        var language = ReadLanguage(document);
        var published = ReadPublished(document, jsonLd);
        if (document.Body is null)
        {
            return new ExtractedContent { Title = title, DeclaredLanguage = language, Published = published, Limited = limited };
        }

        // The fallback chain: a strict pass; if it finds (next to) nothing, a lenient pass on a fresh parse that keeps
        // hidden and noscript content and ignores class names; then the article text the page states in JSON-LD.
        var blocks = ExtractBlocks(document, title, lenient: false, ref limited, ct);
        if (blocks.Sum(b => b.Chars) < MinContentChars)
        {
            var again = ExtractBlocks(Parse(html, ct), title, lenient: true, ref limited, ct);
            if (again.Sum(b => b.Chars) > blocks.Sum(b => b.Chars))
            {
                blocks = again;
            }
        }

        if (JsonString(jsonLd, "articleBody") is { } stated && blocks.Sum(b => b.Chars) * StatedBodyShare < CountText(stated).Chars)
        {
            blocks = stated.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => Collapse(line))
                .Where(line => line.Length > 0)
                .Select(line => new Block(line, EscapeMarkdownText(line), "p", line.Length))
                .ToList();
        }

        var text = string.Join("\n\n", blocks.Select(b => b.Text));
        var markdown = string.Join("\n\n", blocks.Select(b => b.Markdown));
        return new ExtractedContent
        {
            Text = text,
            Markdown = markdown,
            Title = title,
            DeclaredLanguage = language,
            Published = published,
            Limited = limited,
        };
    }

    /// <summary>The JSON-LD articleBody replaces an extraction that holds less than this share of its text.</summary>
    private const int StatedBodyShare = 3;

    private static IDocument Parse(string html, CancellationToken ct)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        var document = parser.ParseDocumentAsync(html, ct).GetAwaiter().GetResult();
        ct.ThrowIfCancellationRequested();
        return document;
    }

    /// <summary>
    /// One extraction pass over a parsed page. Strict: hidden, noscript and boilerplate-named elements go unless
    /// their text statistics say they hold content. Lenient (a fallback): only what is never text goes.
    /// </summary>
    private List<Block> ExtractBlocks(IDocument document, string? title, bool lenient, ref string? limited, CancellationToken ct)
    {
        var body = document.Body!;
        ConvertMath(document, body);
        if (!Clean(body, lenient, ct))
        {
            limited ??= $"more than {options.MaxElements} elements or deeper than {options.MaxDepth}: extra elements dropped";
        }

        ct.ThrowIfCancellationRequested();
        var stats = Measure(body, thread: false, ct);
        var thread = IsThread(body, stats);
        if (thread)
        {
            stats = Measure(body, thread, ct);
        }

        if (!lenient && RemoveBoilerplateByName(body, stats, thread))
        {
            stats = Measure(body, thread, ct);
        }

        var selected = SelectContent(body, stats);
        var blocks = new List<Block>();
        var renderer = new Renderer(blocks, options.MaxDepth, ct);
        var listing = FindListing(body, stats, out var listingChars);
        if (listing is not null && listingChars > ListingOverArticle * selected.Sum(e => stats.TryGetValue(e, out var s) ? s.Chars : 0))
        {
            // A listing page (products, search results, news index): its items are the content, links and all.
            renderer.Render(listing);
            renderer.Flush();
            Filter(blocks, title, keepLinkRuns: true);
            return blocks;
        }

        foreach (var node in selected)
        {
            Prune(node, stats, thread);
            renderer.Render(node);
        }

        renderer.Flush();
        Filter(blocks, title);
        if (blocks.Sum(b => b.Chars) < MinContentChars && !(selected is [var only] && only == body))
        {
            // Nothing article-like (a list or index page): keep the page's remaining text rather than nothing; the
            // quality rules judge it.
            blocks.Clear();
            var fallback = new Renderer(blocks, options.MaxDepth, ct);
            fallback.Render(body);
            fallback.Flush();
            Filter(blocks, title);
        }

        return blocks;
    }

    /// <summary>A listing replaces the chosen container when it holds this many times its text.</summary>
    private const int ListingOverArticle = 3;

    private const int MinListingItems = 4;

    /// <summary>Listing items average at least this many characters: menus of one- or two-word links do not count.</summary>
    private const int MinListingItemChars = 40;

    private const int MinListingChars = 300;

    /// <summary>
    /// The element whose children include the largest group of alike items (same tag and class, at least
    /// <see cref="MinListingItems"/>, each a few words or more): the body of a listing page. Null when there is none.
    /// </summary>
    private IElement? FindListing(IElement body, Dictionary<IElement, Stat> stats, out int chars)
    {
        IElement? best = null;
        chars = 0;
        var groups = new Dictionary<(string Tag, string Class), (int Count, int Chars)>();
        foreach (var (e, _) in stats)
        {
            if (e.ChildElementCount < MinListingItems)
            {
                continue;
            }

            groups.Clear();
            for (var c = e.FirstElementChild; c is not null; c = c.NextElementSibling)
            {
                if (!stats.TryGetValue(c, out var cs) || cs.Chars == 0)
                {
                    continue;
                }

                var cls = c.GetAttribute("class") ?? "";
                var key = (c.LocalName, cls.Length > options.MaxAttributeChars ? "" : cls);
                var g = groups.GetValueOrDefault(key);
                groups[key] = (g.Count + 1, g.Chars + cs.Chars);
            }

            foreach (var (_, g) in groups)
            {
                if (g.Count >= MinListingItems && g.Chars >= g.Count * MinListingItemChars && g.Chars > chars && g.Chars >= MinListingChars)
                {
                    chars = g.Chars;
                    best = e;
                }
            }
        }

        return best;
    }

    // ---------------------------------------------------------------- metadata

    private static List<JsonElement> ReadJsonLd(IDocument document)
    {
        var items = new List<JsonElement>();
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            var json = script.TextContent;
            if (json.Length > 2_000_000)
            {
                continue;
            }

            try
            {
                using var parsed = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 64 });
                Collect(parsed.RootElement.Clone(), items, 0);
            }
            catch (JsonException)
            {
            }
        }

        return items;

        static void Collect(JsonElement e, List<JsonElement> items, int depth)
        {
            if (depth > 4)
            {
                return;
            }

            if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var x in e.EnumerateArray())
                {
                    Collect(x, items, depth + 1);
                }
            }
            else if (e.ValueKind == JsonValueKind.Object)
            {
                items.Add(e);
                if (e.TryGetProperty("@graph", out var graph))
                {
                    Collect(graph, items, depth + 1);
                }
            }
        }
    }

    private static string? JsonString(List<JsonElement> items, string property)
    {
        foreach (var item in items)
        {
            if (item.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()))
            {
                return v.GetString();
            }
        }

        return null;
    }

    private static string? Meta(IDocument document, params string[] names)
    {
        foreach (var name in names)
        {
            var e = document.QuerySelector($"meta[property='{name}'],meta[name='{name}'],meta[itemprop='{name}']");
            var content = e?.GetAttribute("content");
            if (!string.IsNullOrWhiteSpace(content))
            {
                return content.Trim();
            }
        }

        return null;
    }

    private static string? ReadTitle(IDocument document, List<JsonElement> jsonLd)
    {
        var title = Meta(document, "og:title", "twitter:title") ?? JsonString(jsonLd, "headline");
        if (string.IsNullOrWhiteSpace(title))
        {
            title = document.QuerySelector("h1")?.TextContent;
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            title = document.Title;
        }

        return string.IsNullOrWhiteSpace(title) ? null : Collapse(title);
    }

    private static string? ReadLanguage(IDocument document)
    {
        var lang = document.DocumentElement?.GetAttribute("lang")
            ?? document.DocumentElement?.GetAttribute("xml:lang")
            ?? document.QuerySelector("meta[http-equiv='content-language' i]")?.GetAttribute("content")
            ?? Meta(document, "og:locale", "language", "dc.language");
        if (string.IsNullOrWhiteSpace(lang))
        {
            return null;
        }

        var primary = lang.Trim().Split('-', '_', ',', ' ')[0].ToLowerInvariant();
        return primary.Length is >= 2 and <= 3 && primary.All(char.IsAsciiLetter) && primary != "utf" ? primary : null;
    }

    private static DateTimeOffset? ReadPublished(IDocument document, List<JsonElement> jsonLd)
    {
        var raw = Meta(document, "article:published_time", "og:published_time", "datePublished", "publishdate", "pubdate", "publish-date",
                      "date", "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date")
                  ?? JsonString(jsonLd, "datePublished")
                  ?? document.QuerySelector("[itemprop='datePublished']")?.GetAttribute("datetime")
                  ?? document.QuerySelector("time[datetime]")?.GetAttribute("datetime");
        if (raw is not null && DateTimeOffset.TryParse(raw.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            && date.Year is > 1990 and < 2100)
        {
            return date;
        }

        return null;
    }

    // ---------------------------------------------------------------- math

    /// <summary>Replaces MathML, MathJax script sources and KaTeX renderings by one element carrying LaTeX.</summary>
    private static void ConvertMath(IDocument document, IElement body)
    {
        foreach (var script in body.QuerySelectorAll("script[type^='math/tex']").ToList())
        {
            var display = script.GetAttribute("type")!.Contains("mode=display", StringComparison.OrdinalIgnoreCase);
            // MathJax 2 renders a preview span and a frame next to the source: the source wins.
            var previous = script.PreviousElementSibling;
            while (previous is not null && (previous.ClassList.Contains("MathJax_Preview") || previous.ClassList.Contains("MathJax")
                                            || previous.ClassList.Contains("MathJax_Display") || previous.ClassList.Contains("MathJax_SVG")))
            {
                var p = previous.PreviousElementSibling;
                previous.Remove();
                previous = p;
            }

            script.Replace(MathElement(document, script.TextContent.Trim(), display));
        }

        foreach (var katex in body.QuerySelectorAll(".katex").ToList())
        {
            if (katex.Parent is null)
            {
                continue;
            }

            var tex = katex.QuerySelector("annotation[encoding='application/x-tex']")?.TextContent;
            if (tex is null)
            {
                continue;
            }

            var display = katex.ParentElement?.ClassList.Contains("katex-display") == true;
            (display ? katex.ParentElement! : katex).Replace(MathElement(document, tex.Trim(), display));
        }

        foreach (var math in body.QuerySelectorAll("math").ToList())
        {
            if (math.Parent is null)
            {
                continue;
            }

            var display = string.Equals(math.GetAttribute("display"), "block", StringComparison.OrdinalIgnoreCase)
                          || string.Equals(math.GetAttribute("mode"), "display", StringComparison.OrdinalIgnoreCase);
            var tex = math.QuerySelector("annotation[encoding='application/x-tex']")?.TextContent ?? MathMlToLatex.Convert(math);
            math.Replace(MathElement(document, tex.Trim(), display));
        }
    }

    private static IElement MathElement(IDocument document, string tex, bool display)
    {
        var e = document.CreateElement(display ? "x-math-block" : "x-math");
        e.SetAttribute("tex", tex);
        e.TextContent = tex;
        return e;
    }

    // ---------------------------------------------------------------- cleaning

    /// <summary>Drops what is never main content. Returns false when the depth or element budget was exceeded.</summary>
    private bool Clean(IElement body, bool lenient, CancellationToken ct)
    {
        var ok = true;
        var remove = new List<IElement>();
        var stack = new Stack<(IElement Element, int Depth)>();
        stack.Push((body, 0));
        var seen = 0;
        while (stack.Count > 0)
        {
            var (e, depth) = stack.Pop();
            if (++seen % 4096 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            if (depth > options.MaxDepth || seen > options.MaxElements)
            {
                remove.Add(e);
                ok = false;
                continue;
            }

            if (e != body && IsJunk(e, lenient))
            {
                remove.Add(e);
                continue;
            }

            for (var child = e.LastElementChild; child is not null; child = child.PreviousElementSibling)
            {
                stack.Push((child, depth + 1));
            }
        }

        foreach (var e in remove)
        {
            e.Remove();
        }

        return ok;
    }

    private bool IsJunk(IElement e, bool lenient)
    {
        var tag = e.LocalName;
        if (AlwaysDrop.Contains(tag))
        {
            return true;
        }

        switch (tag)
        {
            case "x-math" or "x-math-block":
                return false;
            case "noscript":
                // Server-rendered fallbacks (Discourse threads) live here; so do tracking pixels and "enable JavaScript" notes.
                return !lenient && !HoldsText(e);
        }

        if (e.HasAttribute("hidden"))
        {
            // Streamed pages (React's <div hidden id="S:0">) hold the text a script moves into place; a hidden menu
            // or pop-up is short or made of links.
            return !lenient && !HoldsText(e);
        }

        if (tag == "figcaption" || string.Equals(e.GetAttribute("aria-hidden"), "true", StringComparison.Ordinal))
        {
            // A caption describes a picture that is not kept.
            return !lenient;
        }

        var style = e.GetAttribute("style");
        if (style is not null && style.Length < options.MaxAttributeChars
                              && (style.Contains("display:none", StringComparison.OrdinalIgnoreCase) || style.Contains("display: none", StringComparison.OrdinalIgnoreCase)
                                  || style.Contains("visibility:hidden", StringComparison.OrdinalIgnoreCase)))
        {
            return !lenient;
        }

        var role = e.GetAttribute("role");
        return !lenient && role is "navigation" or "banner" or "contentinfo" or "complementary" or "menu" or "menubar" or "dialog" or "alert";
    }

    /// <summary>Below this many visible characters a hidden or noscript element is taken as not holding content.</summary>
    private const int MinHiddenTextChars = 200;

    /// <summary>True when the element has at least <see cref="MinHiddenTextChars"/> of text outside links and scripts, mostly not link text.</summary>
    private static bool HoldsText(IElement root)
    {
        int chars = 0, linkChars = 0, visited = 0;
        var stack = new Stack<(INode Node, bool InLink)>();
        stack.Push((root, false));
        while (stack.Count > 0 && visited++ < 50_000)
        {
            var (node, inLink) = stack.Pop();
            if (node is IText t)
            {
                var n = CountText(t.Data).Chars;
                chars += n;
                linkChars += inLink ? n : 0;
                continue;
            }

            if (node is IElement e && e.LocalName is "script" or "style" or "template" or "svg")
            {
                continue;
            }

            var link = inLink || (node is IElement a && a.LocalName == "a");
            for (var c = node.LastChild; c is not null; c = c.PreviousSibling)
            {
                stack.Push((c, link));
            }
        }

        return chars >= MinHiddenTextChars && linkChars < chars / 2;
    }

    /// <summary>
    /// Drops elements whose class or id names boilerplate (and no content word), unless they hold a large share of
    /// the page's text: layout wrappers are often named after a sidebar or an ad slot they make room for.
    /// </summary>
    private bool RemoveBoilerplateByName(IElement body, Dictionary<IElement, Stat> stats, bool thread)
    {
        var total = stats[body].Chars;
        return RemoveWhere(body, e =>
        {
            if (e.LocalName is "main" or "article" or "p" or "table" or "tbody" or "tr" or "td" or "pre" or "code" or "blockquote" or "li" or "x-math" or "x-math-block")
            {
                return false;
            }

            var names = Names(e);
            if (names.Length == 0 || !IsNegative(names) || !stats.TryGetValue(e, out var s) || s.Chars >= total * MaxBoilerplateShare)
            {
                return false;
            }

            if (CommentNames().IsMatch(names))
            {
                return !thread;
            }

            return !PositiveNames().IsMatch(names) && (StrongNegativeNames().IsMatch(names) || LinkDensity(s) > WeakNameMaxLinkDensity);
        }) > 0;
    }

    /// <summary>
    /// True when blocks named as comments hold most of the page's own (non-link) text: a forum thread, whose posts
    /// the forum software calls comments, rather than an article with reader comments below it.
    /// </summary>
    private bool IsThread(IElement body, Dictionary<IElement, Stat> stats)
    {
        var own = stats[body].Chars - stats[body].LinkChars;
        int inComments = 0, paragraphsOutside = 0;
        var stack = new Stack<IElement>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (!stats.TryGetValue(e, out var s))
            {
                continue;
            }

            var names = Names(e);
            if (e != body && names.Length > 0 && CommentNames().IsMatch(names))
            {
                inComments += s.Chars - s.LinkChars;
                continue;
            }

            if (e.LocalName == "p")
            {
                paragraphsOutside += s.Chars - s.LinkChars;
                continue;
            }

            for (var c = e.FirstElementChild; c is not null; c = c.NextElementSibling)
            {
                stack.Push(c);
            }
        }

        // An article with a long comment section still has its own paragraphs outside the comments.
        return own > 0 && inComments > own * MinThreadShare && paragraphsOutside < MaxThreadOutsideParagraphChars;
    }

    /// <summary>A page with more paragraph text than this outside comment-named blocks is an article, however long its comments.</summary>
    private const int MaxThreadOutsideParagraphChars = 1000;

    /// <summary>Comment-named blocks holding more than this share of the page's own text make the page a thread.</summary>
    private const double MinThreadShare = 0.5;

    /// <summary>Removes the elements below <paramref name="root"/> that <paramref name="drop"/> picks (not looking inside them); returns how many.</summary>
    private static int RemoveWhere(IElement root, Func<IElement, bool> drop)
    {
        var remove = new List<IElement>();
        var stack = new Stack<IElement>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (e != root && drop(e))
            {
                remove.Add(e);
                continue;
            }

            for (var c = e.FirstElementChild; c is not null; c = c.NextElementSibling)
            {
                stack.Push(c);
            }
        }

        foreach (var e in remove)
        {
            e.Remove();
        }

        return remove.Count;
    }

    /// <summary>An element named like boilerplate but holding more than this share of the page's text is kept.</summary>
    private const double MaxBoilerplateShare = 0.25;

    private string Names(IElement e)
    {
        var cls = e.GetAttribute("class") ?? "";
        var id = e.Id ?? "";
        if (cls.Length > options.MaxAttributeChars)
        {
            cls = "";
        }

        if (id.Length > options.MaxAttributeChars)
        {
            id = "";
        }

        return (cls.Length, id.Length) switch
        {
            (0, 0) => "",
            (_, 0) => cls,
            (0, _) => id,
            _ => cls + " " + id,
        };
    }

    // ---------------------------------------------------------------- scoring

    /// <summary>Counts text, link text and commas per element, bottom-up, without recursion.</summary>
    private Dictionary<IElement, Stat> Measure(IElement body, bool thread, CancellationToken ct)
    {
        var stats = new Dictionary<IElement, Stat>(ReferenceEqualityComparer.Instance);
        var order = new List<IElement>();
        var stack = new Stack<IElement>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            order.Add(e);
            for (var child = e.FirstElementChild; child is not null; child = child.NextElementSibling)
            {
                stack.Push(child);
            }
        }

        for (var i = order.Count - 1; i >= 0; i--)
        {
            if (i % 4096 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var e = order[i];
            var s = new Stat();
            var inLink = e.LocalName == "a";
            foreach (var node in e.ChildNodes)
            {
                if (node is IText t)
                {
                    var (chars, commas) = CountText(t.Data);
                    s.Chars += chars;
                    s.Commas += commas;
                    if (inLink)
                    {
                        s.LinkChars += chars;
                    }
                }
                else if (node is IElement c && stats.TryGetValue(c, out var cs))
                {
                    s.Chars += cs.Chars;
                    s.Commas += cs.Commas;
                    s.LinkChars += inLink ? cs.Chars : cs.LinkChars;
                    s.Paragraphs += cs.Paragraphs + (c.LocalName == "p" ? 1 : 0);
                    s.ListItems += cs.ListItems + (c.LocalName == "li" ? 1 : 0);
                    s.HoldsProtected |= cs.HoldsProtected || c.LocalName is "pre" or "x-math-block" or "blockquote";
                }
            }

            stats[e] = s;
        }

        // Credit ancestors of every paragraph-like element (Readability's scoring).
        foreach (var e in order)
        {
            var s = stats[e];
            if (!IsParagraphLike(e) || s.Chars < 25)
            {
                continue;
            }

            var score = 1 + s.Commas + Math.Min(s.Chars / 100.0, 3.0);
            var level = 0;
            for (var a = e.ParentElement; a is not null && level < 5; a = a.ParentElement, level++)
            {
                if (!stats.TryGetValue(a, out var sa))
                {
                    break;
                }

                if (!sa.Candidate)
                {
                    sa.Candidate = true;
                    sa.Score = InitialScore(a, thread);
                }

                sa.Score += level switch { 0 => score, 1 => score / 2, _ => score / (level * 3) };
            }
        }

        foreach (var (_, s) in stats)
        {
            if (s.Candidate)
            {
                s.Score *= 1 - LinkDensity(s);
            }
        }

        return stats;
    }

    private static (int Chars, int Commas) CountText(string data)
    {
        var chars = 0;
        var commas = 0;
        foreach (var ch in data)
        {
            if (!char.IsWhiteSpace(ch))
            {
                chars++;
                if (ch is ',' or '，' or '、' or '،')
                {
                    commas++;
                }
            }
        }

        return (chars, commas);
    }

    private static bool IsParagraphLike(IElement e)
    {
        if (ParagraphTags.Contains(e.LocalName))
        {
            return true;
        }

        if (e.LocalName is not ("div" or "section" or "span" or "font" or "center"))
        {
            return false;
        }

        // A div without block children is a paragraph in disguise.
        for (var c = e.FirstElementChild; c is not null; c = c.NextElementSibling)
        {
            if (BlockTags.Contains(c.LocalName))
            {
                return false;
            }
        }

        return e.LocalName != "span" || e.ParentElement?.LocalName is "div" or "section" or "article";
    }

    private double InitialScore(IElement e, bool thread)
    {
        var score = e.LocalName switch
        {
            "article" => 10,
            "main" => 8,
            "div" or "section" => 5,
            "pre" or "td" or "blockquote" => 3,
            "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
            _ => 0,
        };
        return score + ClassWeight(e, thread);
    }

    private double ClassWeight(IElement e, bool thread)
    {
        var names = Names(e);
        if (names.Length == 0)
        {
            return 0;
        }

        var weight = 0.0;
        var comments = !thread && CommentNames().IsMatch(names);
        if (IsNegative(names) && (comments || (StrongNegativeNames().IsMatch(names) && !(thread && CommentNames().IsMatch(names)))))
        {
            weight -= 25;
        }

        if (!comments && PositiveNames().IsMatch(names))
        {
            weight += 25;
        }

        if (string.Equals(e.GetAttribute("itemprop"), "articleBody", StringComparison.OrdinalIgnoreCase))
        {
            weight += 50;
        }

        return weight;
    }

    private static double LinkDensity(Stat s) => s.Chars == 0 ? 0 : (double)s.LinkChars / s.Chars;

    /// <summary>The best-scoring container and the siblings that continue it.</summary>
    private static List<IElement> SelectContent(IElement body, Dictionary<IElement, Stat> stats)
    {
        IElement? top = null;
        var best = double.MinValue;
        foreach (var (e, s) in stats)
        {
            if (s.Candidate && s.Score > best)
            {
                best = s.Score;
                top = e;
            }
        }

        if (top is null || top == body)
        {
            return [body];
        }

        // Articles split into chunks: climb to the ancestor that holds several candidates scoring close to the best.
        var close = stats.Where(kv => kv.Value.Candidate && kv.Key != top && kv.Value.Score >= best * NearTopShare).Select(kv => kv.Key).ToList();
        if (close.Count >= MinNearTop)
        {
            for (var a = top.ParentElement; a is not null && a != body; a = a.ParentElement)
            {
                if (close.Count(c => a.Contains(c)) >= MinNearTop)
                {
                    top = a;
                    break;
                }
            }
        }

        // A lone child of its parent, or a container whose parent keeps most of the same paragraphs: go up.
        while (top.ParentElement is { } parent && parent != body && stats.TryGetValue(parent, out var ps)
               && (parent.ChildElementCount == 1 || (ps.Candidate && ps.Score > best * 0.95)))
        {
            top = parent;
            best = Math.Max(best, ps.Score);
        }

        var parentOfTop = top.ParentElement;
        if (parentOfTop is null)
        {
            return [top];
        }

        var threshold = Math.Max(10, best * 0.2);
        var topNames = top.GetAttribute("class");
        var result = new List<IElement>();
        for (var sibling = parentOfTop.FirstElementChild; sibling is not null; sibling = sibling.NextElementSibling)
        {
            if (sibling == top)
            {
                result.Add(sibling);
                continue;
            }

            if (!stats.TryGetValue(sibling, out var s))
            {
                continue;
            }

            var bonus = topNames is not null && string.Equals(sibling.GetAttribute("class"), topNames, StringComparison.Ordinal) ? best * 0.2 : 0;
            if (s.Candidate && s.Score + bonus >= threshold)
            {
                result.Add(sibling);
            }
            else if (sibling.LocalName == top.LocalName && top.LocalName is "article" or "section" && s.Chars >= MinSiblingChars && LinkDensity(s) < 0.25)
            {
                // Content split over sibling articles or sections (a recipe's ingredients beside its method).
                result.Add(sibling);
            }
            else if (s.Candidate && s.Paragraphs > 0 && s.Chars > 80 && LinkDensity(s) < 0.25)
            {
                // A short run of prose next to the article (its last paragraph in a wrapper of its own).
                result.Add(sibling);
            }
            else if (sibling.LocalName == "p" || IsParagraphLike(sibling))
            {
                var density = LinkDensity(s);
                if ((s.Chars > 80 && density < 0.25) || (s.Chars is > 0 and <= 80 && density == 0 && EndsSentence(sibling.TextContent)))
                {
                    result.Add(sibling);
                }
            }
        }

        // Articles cut into chunks repeat the container's class elsewhere on the page (between ads): take those too.
        if (!string.IsNullOrWhiteSpace(topNames))
        {
            foreach (var (e, s) in stats)
            {
                if (e.LocalName == top.LocalName && string.Equals(e.GetAttribute("class"), topNames, StringComparison.Ordinal)
                    && s.Chars > 200 && LinkDensity(s) < 0.3 && !result.Any(r => r.Contains(e) || e.Contains(r)))
                {
                    result.Add(e);
                }
            }

            result.Sort((a, b) => a == b ? 0 : a.CompareDocumentPosition(b).HasFlag(DocumentPositions.Following) ? -1 : 1);
        }

        return result;
    }

    /// <summary>Below this many characters the chosen container is taken as a miss and the whole cleaned body is rendered.</summary>
    private const int MinContentChars = 50;

    private const double NearTopShare = 0.75;

    /// <summary>A sibling article or section of the chosen one needs this much text to be taken with it.</summary>
    private const int MinSiblingChars = 50;

    private const int MinNearTop = 3;

    private static bool EndsSentence(string text)
    {
        var t = text.TrimEnd();
        return t.Length > 0 && t[^1] is '.' or '!' or '?' or '"' or '”' or '。';
    }

    /// <summary>Inside the chosen content, drops link lists and other blocks that read as navigation (Readability's conditional clean).</summary>
    private void Prune(IElement root, Dictionary<IElement, Stat> stats, bool thread) =>
        RemoveWhere(root, e => stats.TryGetValue(e, out var s) && ShouldPrune(e, s, thread));

    private bool ShouldPrune(IElement e, Stat s, bool thread)
    {
        var tag = e.LocalName;
        if (tag is not ("div" or "section" or "ul" or "ol" or "table" or "header" or "dl"))
        {
            return false;
        }

        if (s.HoldsProtected && tag != "ul" && tag != "ol")
        {
            return false;
        }

        var weight = ClassWeight(e, thread);
        var density = LinkDensity(s);
        if (weight < 0 && s.Chars < 2000)
        {
            return true;
        }

        if (s.Commas >= 10)
        {
            return false;
        }

        if (tag is "ul" or "ol")
        {
            return density > 0.5;
        }

        if (s.Chars < 25)
        {
            return s.Chars == 0 || density > 0.3;
        }

        return (weight < 25 && density > 0.33) || (weight >= 25 && density > 0.5);
    }

    // ---------------------------------------------------------------- rendering

    private sealed record Block(string Text, string Markdown, string Kind, int Chars, double LinkShare = 0);

    private static string Collapse(string s) => Whitespace().Replace(s, " ").Trim();

    /// <summary>Drops boilerplate lines and the headline repeated from the title.</summary>
    private static void Filter(List<Block> blocks, string? title, bool keepLinkRuns = false)
    {
        // A run of link-only list items is a list of other articles; so is the heading that announces it.
        for (var i = 0; i < blocks.Count && !keepLinkRuns; i++)
        {
            if (IsLinkBlock(blocks[i]))
            {
                var j = i;
                while (j < blocks.Count && IsLinkBlock(blocks[j]))
                {
                    j++;
                }

                // A lone link paragraph stays unless it shouts (the all-capitals "related story" style).
                if (j - i < 2 && blocks[i].Kind != "li" && !(blocks[i].LinkShare > 0.9 && IsShouting(blocks[i].Text)))
                {
                    continue;
                }

                var start = i > 0 && blocks[i - 1].Chars < 60 && (blocks[i - 1].Kind == "h" || !EndsSentence(blocks[i - 1].Text)) ? i - 1 : i;
                blocks.RemoveRange(start, j - start);
                i = start - 1;
            }
        }

        blocks.RemoveAll(b => b.Text.Length == 0
                              || (b.Text.Length < MaxBoilerplateLine && BoilerplateLine().IsMatch(b.Text.Trim().TrimEnd('.', ':', '|', '»', '›')))
                              || (title is not null && b.Kind == "h" && string.Equals(b.Text, title, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Longer blocks are never taken for boilerplate lines.</summary>
    private const int MaxBoilerplateLine = 320;

    private static bool IsShouting(string text)
    {
        int upper = 0, letters = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                upper += char.IsUpper(c) ? 1 : 0;
            }
        }

        return letters >= 10 && upper > letters * 0.8;
    }

    private static bool IsLinkBlock(Block b) => b.LinkShare > 0.6 && b.Chars < 200;

    private static string EscapeMarkdownText(string s) => Renderer.EscapeMarkdown(s);

    private sealed class Renderer(List<Block> blocks, int maxDepth, CancellationToken ct)
    {
        private readonly StringBuilder _text = new();
        private readonly StringBuilder _md = new();
        private string _kind = "p";
        private int _nodes;
        private int _linkDepth;
        private int _linkChars;

        public void Render(INode node) => Walk(node, 0, null);

        public void Flush()
        {
            var text = Collapse(_text.ToString());
            var md = Collapse(_md.ToString());
            _text.Clear();
            _md.Clear();
            if (text.Length > 0)
            {
                var prefix = _kind switch
                {
                    "h1" => "# ",
                    "h2" => "## ",
                    "h3" => "### ",
                    "h4" => "#### ",
                    "h5" or "h6" => "##### ",
                    _ => "",
                };
                blocks.Add(new Block(text, prefix + md, prefix.Length > 0 ? "h" : _kind, text.Length, Math.Min(1, (double)_linkChars / text.Length)));
            }

            _kind = "p";
            _linkChars = 0;
        }

        private void Walk(INode node, int depth, string? listPrefix)
        {
            if (++_nodes % 4096 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            if (node is IText t)
            {
                if (_linkDepth > 0)
                {
                    _linkChars += t.Data.Trim().Length;
                }

                _text.Append(t.Data);
                _md.Append(EscapeMarkdown(t.Data));
                return;
            }

            if (node is not IElement e || depth > maxDepth)
            {
                return;
            }

            var tag = e.LocalName;
            switch (tag)
            {
                case "br":
                    _text.Append(' ');
                    _md.Append(' ');
                    return;
                case "x-math":
                    var tex = e.GetAttribute("tex") ?? "";
                    _text.Append(" $").Append(tex).Append("$ ");
                    _md.Append(" $").Append(tex).Append("$ ");
                    return;
                case "x-math-block":
                    Flush();
                    var block = e.GetAttribute("tex") ?? "";
                    blocks.Add(new Block("$$" + block + "$$", "$$\n" + block + "\n$$", "math", block.Length));
                    return;
                case "pre":
                    Flush();
                    var code = e.TextContent.Trim('\n', '\r');
                    if (code.Trim().Length > 0)
                    {
                        blocks.Add(new Block(code, "```\n" + code + "\n```", "code", code.Length));
                    }

                    return;
                case "table":
                    Flush();
                    RenderTable(e);
                    return;
                case "code":
                    _text.Append(e.TextContent);
                    _md.Append('`').Append(e.TextContent.Replace("`", "'", StringComparison.Ordinal)).Append('`');
                    return;
                case "ul":
                case "ol":
                    Flush();
                    var n = 0;
                    for (var c = e.FirstElementChild; c is not null; c = c.NextElementSibling)
                    {
                        if (c.LocalName == "li")
                        {
                            n++;
                            Walk(c, depth + 1, tag == "ol" ? $"{n}. " : "- ");
                        }
                        else
                        {
                            Walk(c, depth + 1, null);
                        }
                    }

                    Flush();
                    return;
            }

            var isBlock = BlockTags.Contains(tag);
            if (isBlock)
            {
                Flush();
                if (tag.Length == 2 && tag[0] == 'h' && char.IsAsciiDigit(tag[1]))
                {
                    _kind = tag;
                }
                else if (tag == "li")
                {
                    _kind = "li";
                    _md.Append(listPrefix ?? "- ");
                }
                else if (tag == "blockquote")
                {
                    _md.Append("> ");
                }
            }

            if (tag == "a")
            {
                _linkDepth++;
            }

            foreach (var child in e.ChildNodes)
            {
                Walk(child, depth + 1, null);
            }

            if (tag == "a")
            {
                _linkDepth--;
            }

            if (isBlock)
            {
                Flush();
            }
        }

        private void RenderTable(IElement table)
        {
            var rows = new List<List<string>>();
            foreach (var row in table.QuerySelectorAll("tr"))
            {
                if (row.Closest("table") != table)
                {
                    continue;
                }

                var cells = row.Children.Where(c => c.LocalName is "td" or "th").Select(c => Collapse(c.TextContent)).ToList();
                if (cells.Any(c => c.Length > 0))
                {
                    rows.Add(cells);
                }
            }

            if (rows.Count == 0)
            {
                return;
            }

            var width = rows.Max(r => r.Count);
            var text = string.Join("\n", rows.Select(r => string.Join(" ", r.Where(c => c.Length > 0))));
            if (width == 1)
            {
                foreach (var r in rows)
                {
                    blocks.Add(new Block(r[0], EscapeMarkdown(r[0]), "p", r[0].Length));
                }

                return;
            }

            var md = new StringBuilder();
            for (var i = 0; i < rows.Count; i++)
            {
                var cells = rows[i].Concat(Enumerable.Repeat("", width - rows[i].Count)).Select(c => c.Replace("|", "\\|", StringComparison.Ordinal));
                md.Append("| ").AppendJoin(" | ", cells).Append(" |\n");
                if (i == 0)
                {
                    md.Append('|').AppendJoin("|", Enumerable.Repeat("---", width)).Append("|\n");
                }
            }

            blocks.Add(new Block(text, md.ToString().TrimEnd(), "table", text.Length));
        }

        public static string EscapeMarkdown(string s) => s.Contains('*', StringComparison.Ordinal) || s.Contains('_', StringComparison.Ordinal)
            ? s.Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)
            : s;
    }
}
