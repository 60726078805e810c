using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// Readability's density scoring: text, link text and commas counted per element bottom-up; paragraph-like elements
/// credit their ancestors; the best container is taken with the siblings that continue it. Also finds a listing's
/// group of alike items and prunes navigation-like blocks inside the chosen content.
/// </summary>
internal sealed partial class ReadabilityDensityScorer(ContentExtractorOptions options) : IContentScorer
{
    private static readonly HashSet<string> ParagraphTags = new(StringComparer.Ordinal) { "p", "pre", "td", "blockquote", "dd" };

    /// <summary>
    /// True when blocks named as comments hold most of the page's own (non-link) text: a forum thread, whose posts
    /// the forum software calls comments, rather than an article with reader comments below it.
    /// </summary>
    public bool IsThread(IElement body, ElementStats stats, ExtractionBudget budget)
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

            var names = BoilerplateNames.Of(e, options.MaxAttributeChars);
            if (e != body && names.Length > 0 && BoilerplateNames.IsComment(names))
            {
                inComments += s.Chars - s.LinkChars;
                continue;
            }

            if (e.LocalName == "p")
            {
                paragraphsOutside += s.Chars - s.LinkChars;
                continue;
            }

            foreach (var c in DomEdits.ElementChildren(e, budget))
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

    internal const int MinListingItems = 4;

    /// <summary>Listing items average at least this many characters: menus of one- or two-word links do not count.</summary>
    private const int MinListingItemChars = 40;

    private const int MinListingChars = 300;

    /// <summary>
    /// The element whose children include the largest group of alike items (same tag and leading class, at least
    /// <see cref="MinListingItems"/>, each a few words or more): the body of a listing page. Null when there is none.
    /// </summary>
    public IElement? FindListing(ElementStats stats, out int chars, ExtractionBudget budget)
    {
        IElement? best = null;
        chars = 0;
        var groups = new Dictionary<(string Tag, string Class), (int Count, int Chars)>();
        foreach (var (e, s) in stats)
        {
            // A group's text is part of its parent's: a parent holding too little to beat the best group so far is
            // passed over before its children are counted (ChildElementCount walks them).
            if (s.Chars < MinListingChars || s.Chars <= chars || e.ChildElementCount < MinListingItems)
            {
                continue;
            }

            groups.Clear();
            foreach (var c in DomEdits.ElementChildren(e, budget))
            {
                if (!stats.TryGetValue(c, out var cs) || cs.Chars == 0)
                {
                    continue;
                }

                var key = (c.LocalName, ItemKind(c.GetAttribute("class")));
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

    /// <summary>
    /// The kind of a listing item, from its class: the first class word without a digit. Cards of one listing share
    /// their leading class but carry their own modifiers (WordPress's <c>post-2139870 category-space</c>, a shop's
    /// <c>product type-product post-88 instock</c>), so the whole attribute would see each card as its own kind.
    /// </summary>
    internal string ItemKind(string? classes)
    {
        if (classes is null || classes.Length > options.MaxAttributeChars)
        {
            return "";
        }

        var start = -1;
        var digit = false;
        for (var i = 0; i <= classes.Length; i++)
        {
            if (i == classes.Length || char.IsWhiteSpace(classes[i]))
            {
                if (start >= 0 && !digit)
                {
                    return classes[start..i];
                }

                start = -1;
                digit = false;
            }
            else
            {
                start = start < 0 ? i : start;
                digit |= char.IsDigit(classes[i]);
            }
        }

        return "";
    }

    /// <summary>
    /// On a product page, removes the blocks named as reviews or testimonials: buyers' comments on the product, which
    /// outweigh its description on popular products. A block holding the page's <c>h1</c> is the product itself
    /// (a "product-review" template wrapper), and so is a block holding most of the page's text (a wrapper of the
    /// whole page that happens to name reviews). Returns how many blocks went.
    /// </summary>
    public int RemoveReviews(IElement body, ElementStats stats, ExtractionBudget budget)
    {
        var most = stats.TryGetValue(body, out var bs) ? bs.Chars * MaxReviewShare : 0;
        return DomEdits.RemoveWhere(body, e => e != body && stats.TryGetValue(e, out var s) && s.Chars < most
            && ReviewNames().IsMatch(BoilerplateNames.Of(e, options.MaxAttributeChars)) && e.QuerySelector("h1") is null, budget);
    }

    /// <summary>A review-named block holding more than this share of the page's text is a wrapper of the page, not its reviews.</summary>
    private const double MaxReviewShare = 0.5;

    // A word of its own (user_reviews, review-list) or a camel-case part (customerReviews); not inside another word
    // ("preview", a bundle's item previews).
    [GeneratedRegex("(?<![A-Za-z])(?i:reviews?|testimonials?)|(?<=[a-z])(Reviews?|Testimonials?)", RegexOptions.CultureInvariant)]
    private static partial Regex ReviewNames();

    public int ProseChars(List<IElement> selected, ElementStats stats, ExtractionBudget budget)
    {
        var prose = 0;
        var stack = new Stack<IElement>(selected);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (e.LocalName == "p")
            {
                prose += stats.TryGetValue(e, out var s) ? s.Chars - s.LinkChars : 0;
                continue;
            }

            foreach (var c in DomEdits.ElementChildren(e, budget))
            {
                // A paragraph inside a link is a card's teaser, link text like its title, not the page's prose.
                if (c.LocalName != "a")
                {
                    stack.Push(c);
                }
            }
        }

        return prose;
    }

    /// <summary>Counts text, link text and commas per element, bottom-up, without recursion.</summary>
    public ElementStats Measure(IElement body, bool thread, ExtractionBudget budget)
    {
        // Measured on every page two to four times: the children are read by index (as DomEdits.ElementChildren
        // does, with the same ticks) and elements told by AngleSharp's Element class, with no enumerator per element.
        var order = new List<IElement>();
        var stack = new Stack<IElement>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            order.Add(e);
            var children = e.ChildNodes;
            for (var k = 0; k < children.Length; k++)
            {
                budget.Tick();
                if (children[k] is Element child)
                {
                    stack.Push(child);
                }
            }
        }

        var stats = new ElementStats(order.Count);
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var e = order[i];
            budget.Tick();
            var s = new ElementStat();
            var inLink = e.LocalName == "a" && !IsHeadingAnchor(e);
            var nodes = e.ChildNodes;
            for (var k = 0; k < nodes.Length; k++)
            {
                var node = nodes[k];
                if (node is Element c)
                {
                    if (stats.TryGetValue(c, out var cs))
                    {
                        s.Chars += cs.Chars;
                        s.Commas += cs.Commas;
                        s.LinkChars += inLink ? cs.Chars : cs.LinkChars;
                        s.Paragraphs += cs.Paragraphs + (c.LocalName == "p" ? 1 : 0);
                        s.ListItems += cs.ListItems + (c.LocalName == "li" ? 1 : 0);
                        s.HoldsProtected |= cs.HoldsProtected || c.LocalName is "pre" or "x-math-block" or "blockquote";
                    }
                }
                else if (node is IText t)
                {
                    var (chars, commas) = PlainText.Count(t.Data);
                    s.Chars += chars;
                    s.Commas += commas;
                    if (inLink)
                    {
                        s.LinkChars += chars;
                    }
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
                    sa.Score = InitialScore(a, sa.Chars, thread);
                }

                sa.Score += level switch { 0 => score, 1 => score / 2, _ => score / (level * 3) };
            }
        }

        foreach (var (_, s) in stats)
        {
            if (s.Candidate)
            {
                s.Score *= 1 - s.LinkDensity;
            }
        }

        return stats;
    }

    /// <summary>
    /// A link to a place on the same page that is (in) a heading: the heading's own anchor (MDN, GitHub and many docs
    /// generators wrap each section title in one), which names the section rather than leading away from it. Counted
    /// as links, the titles made a reference section of short entries look like navigation.
    /// </summary>
    private static bool IsHeadingAnchor(IElement a) =>
        a.ParentElement?.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6"
        && a.GetAttribute("href") is { Length: > 1 } href && href[0] == '#';

    internal static bool IsParagraphLike(IElement e)
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
        var children = e.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            if (children[i] is IElement c && HtmlBlockTags.Contains(c.LocalName))
            {
                return false;
            }
        }

        return e.LocalName != "span" || e.ParentElement?.LocalName is "div" or "section" or "article";
    }

    private double InitialScore(IElement e, int chars, bool thread)
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
        return score + ClassWeight(e, thread, ShortNamedBoxes.NameCounts(chars));
    }

    private double ClassWeight(IElement e, bool thread, bool contentNameCounts = true)
    {
        var names = BoilerplateNames.Of(e, options.MaxAttributeChars);
        if (names.Length == 0 || e.HasAttribute(RepeatedTemplates.Mark))
        {
            return 0;
        }

        var weight = 0.0;
        // Comments (outside a thread), author boxes and sharing bars are what the block is, whatever content word
        // says whose they are ("post-comments", "post-author"): no positive weight for them.
        var comments = (!thread && BoilerplateNames.IsComment(names)) || BoilerplateNames.IsAbout(names);
        if (BoilerplateNames.IsNegative(names) && (comments || (BoilerplateNames.IsStrongNegative(names) && !(thread && BoilerplateNames.IsComment(names)))))
        {
            weight -= 25;
        }

        if (!comments && contentNameCounts && BoilerplateNames.IsPositive(names))
        {
            weight += 25;
        }

        if (string.Equals(e.GetAttribute("itemprop"), "articleBody", StringComparison.OrdinalIgnoreCase))
        {
            weight += 50;
        }

        return weight;
    }

    /// <summary>The best-scoring container and the siblings that continue it.</summary>
    public List<IElement> SelectContent(IElement body, ElementStats stats, ExtractionBudget budget)
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
            // Count, for each ancestor of the top, the close candidates inside it: one climb per candidate, not a
            // search of each ancestor's subtree.
            var inside = new Dictionary<IElement, int>(ReferenceEqualityComparer.Instance);
            for (var a = top.ParentElement; a is not null && a != body; a = a.ParentElement)
            {
                inside[a] = 0;
            }

            foreach (var c in close)
            {
                for (var x = c; x is not null && x != body; x = x.ParentElement)
                {
                    budget.Tick();
                    if (inside.TryGetValue(x, out var n))
                    {
                        inside[x] = n + 1;
                    }
                }
            }

            for (var a = top.ParentElement; a is not null && a != body; a = a.ParentElement)
            {
                if (inside[a] >= MinNearTop)
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
        foreach (var sibling in DomEdits.ElementChildren(parentOfTop, budget))
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
            else if (sibling.LocalName == top.LocalName && top.LocalName is "article" or "section" && s.Chars >= MinSiblingChars && s.LinkDensity < 0.25)
            {
                // Content split over sibling articles or sections (a recipe's ingredients beside its method).
                result.Add(sibling);
            }
            else if (s.Candidate && s.Paragraphs > 0 && s.Chars > 80 && s.LinkDensity < 0.25)
            {
                // A short run of prose next to the article (its last paragraph in a wrapper of its own).
                result.Add(sibling);
            }
            else if (sibling.LocalName == "p" || IsParagraphLike(sibling))
            {
                var density = s.LinkDensity;
                if ((s.Chars > 80 && density < 0.25) || (s.Chars is > 0 and <= 80 && density == 0 && PlainText.EndsSentence(sibling.TextContent)))
                {
                    result.Add(sibling);
                }
            }
        }

        // Articles cut into chunks repeat the container's class elsewhere on the page (between ads): take those too.
        if (!string.IsNullOrWhiteSpace(topNames))
        {
            // Overlap with what is taken is tested on ancestor chains: the taken elements, and every ancestor of one.
            var taken = new HashSet<IElement>(result, ReferenceEqualityComparer.Instance);
            var aboveTaken = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
            foreach (var r in result)
            {
                DomEdits.MarkAncestors(r, aboveTaken, budget);
            }

            var added = false;
            foreach (var (e, s) in stats)
            {
                budget.Tick();
                if (e.LocalName == top.LocalName && string.Equals(e.GetAttribute("class"), topNames, StringComparison.Ordinal)
                    && s.Chars > 200 && s.LinkDensity < 0.3 && !aboveTaken.Contains(e) && !DomEdits.HasAncestorIn(e, taken, budget))
                {
                    result.Add(e);
                    taken.Add(e);
                    DomEdits.MarkAncestors(e, aboveTaken, budget);
                    added = true;
                }
            }

            if (added)
            {
                var position = DocumentOrder(body, budget);
                result.Sort((a, b) => position[a].CompareTo(position[b]));
            }
        }

        return result;
    }

    /// <summary>The chosen content is widened when it holds less than this share of the page's own (non-link) text...</summary>
    private const double WidenBelowShare = 0.5;

    /// <summary>...to the smallest ancestor holding at least this share of it...</summary>
    private const double WidenCoverShare = 0.8;

    /// <summary>
    /// ...when the text that ancestor adds is at most this share links (0.35 also widened into link-heavy teaser
    /// blocks beside articles: scrapinghub 0.9825 → 0.9779).
    /// </summary>
    private const double WidenMaxAddedLinkDensity = 0.2;

    /// <summary>
    /// When the chosen content holds less than a share of the page's own (non-link) text, the page is not one
    /// article beside boilerplate (a landing, service or shop page made of many sections): the smallest ancestor
    /// that holds most of the page's own text, provided what it adds reads as text rather than links and does not
    /// repeat the chosen content (a page carrying its article twice). Null when the chosen content stands.
    /// A thread's posts are its content however short they are, so threads are not widened.
    /// </summary>
    public IElement? Widen(IElement body, List<IElement> selected, ElementStats stats, bool thread, ExtractionBudget budget)
    {
        if (thread || selected.Count == 0 || !stats.TryGetValue(body, out var bs))
        {
            return null;
        }

        var bodyOwn = bs.Chars - bs.LinkChars;
        var (selChars, selLinks) = stats.Total(selected);

        if (bodyOwn <= 0 || selChars - selLinks >= bodyOwn * WidenBelowShare)
        {
            return null;
        }

        for (var a = selected[0].ParentElement; a is not null; a = a.ParentElement)
        {
            budget.Tick();
            if (!stats.TryGetValue(a, out var s))
            {
                return null;
            }

            if (s.Chars - s.LinkChars >= bodyOwn * WidenCoverShare)
            {
                var addedChars = s.Chars - selChars;
                var addedLinks = s.LinkChars - selLinks;
                return addedChars > 0 && addedLinks <= addedChars * WidenMaxAddedLinkDensity && !Repeats(a, selected, budget) ? a : null;
            }

            if (a == body)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// True when the text the wider container adds is mostly the chosen content's own words again (a second copy of
    /// the article, such as a hidden raw-Markdown version): the added words are compared with the chosen content's
    /// as bags, each word counted at most as often as the chosen content has it.
    /// </summary>
    internal static bool Repeats(IElement wider, List<IElement> selected, ExtractionBudget budget)
    {
        var chosen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in selected)
        {
            foreach (var w in Words(e.TextContent, budget))
            {
                chosen[w] = chosen.GetValueOrDefault(w) + 1;
            }
        }

        // The wider container's words minus the chosen content's are the added words; how many of those the chosen
        // content has left over (beyond its own copy) measures repetition.
        var all = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in Words(wider.TextContent, budget))
        {
            all[w] = all.GetValueOrDefault(w) + 1;
        }

        int added = 0, repeated = 0;
        foreach (var (w, n) in all)
        {
            var own = chosen.GetValueOrDefault(w);
            var extra = n - own;
            if (extra <= 0)
            {
                continue;
            }

            added += extra;
            repeated += Math.Min(extra, own);
        }

        return added > 0 && repeated > added * MaxRepeatedShare;
    }

    private static IEnumerable<string> Words(string text, ExtractionBudget budget)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                if (start < 0)
                {
                    start = i;
                }
            }
            else if (start >= 0)
            {
                budget.Tick();
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    /// <summary>Added text whose words are more than this share the chosen content's own again is a copy of it.</summary>
    private const double MaxRepeatedShare = 0.6;

    /// <summary>Each element's position in document order (pre-order), for sorting without AngleSharp's per-pair tree walks.</summary>
    private static Dictionary<IElement, int> DocumentOrder(IElement body, ExtractionBudget budget)
    {
        var position = new Dictionary<IElement, int>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<IElement>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            position[e] = position.Count;
            foreach (var c in DomEdits.ElementChildrenReversed(e, budget))
            {
                stack.Push(c);
            }
        }

        return position;
    }

    private const double NearTopShare = 0.75;

    /// <summary>A sibling article or section of the chosen one needs this much text to be taken with it.</summary>
    private const int MinSiblingChars = 50;

    private const int MinNearTop = 3;

    /// <summary>A block inside the chosen content with more than this share of links reads as navigation and is pruned.</summary>
    internal const double PruneLinkDensity = 0.33;

    /// <summary>Inside the chosen content, drops link lists and other blocks that read as navigation (Readability's conditional clean).</summary>
    public void Prune(IElement root, ElementStats stats, bool thread, ExtractionBudget budget, IReadOnlySet<IElement>? keep = null) =>
        DomEdits.RemoveWhere(root, e => stats.TryGetValue(e, out var s) && (keep is null || !keep.Contains(e)) && ShouldPrune(e, s, thread), budget);

    private bool ShouldPrune(IElement e, ElementStat s, bool thread)
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
        var density = s.LinkDensity;
        if (weight < 0 && s.Chars < 2000)
        {
            return true;
        }

        if (s.Commas >= 10)
        {
            return false;
        }

        if (tag is "ul" or "ol" or "dl")
        {
            // A definition list is a list too: a reference's terms are often links to each entry's own page, with
            // the descriptions beside them in text.
            return density > 0.5;
        }

        if (s.Chars < 25)
        {
            return s.Chars == 0 || density > 0.3;
        }

        return (weight < 25 && density > PruneLinkDensity) || (weight >= 25 && density > 0.5);
    }
}
