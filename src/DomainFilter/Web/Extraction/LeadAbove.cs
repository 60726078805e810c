using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// The lead (standfirst, subheadline, summary) that sits between an article's headline and its body. Sites put the
/// headline and the lead in a header block beside the body's container, so density scoring, which credits the body's
/// many paragraphs, chooses the body and leaves the lead behind. The prose blocks that follow the page's <c>h1</c> and
/// come before the chosen content are its lead, when little else lies between them (a byline, a date, a picture):
/// more text than that between the two means the <c>h1</c> heads something else (a site's name above a sidebar).
/// Annotations differ here: trafilatura's keep leads, the scrapinghub benchmark leaves deks out and WCXB mostly does.
/// A subtitle set as a heading is left out: with headings, scrapinghub fell 0.0072 for trafilatura's +0.0061;
/// without them, 0.0026 for +0.0039.
/// The headline is the last <c>h1</c> before the chosen content, or a later heading or paragraph-like block that says
/// most of the page's title (its <c>og:title</c> or <c>title</c>): many sites set the article's headline as an
/// <c>h2</c> or a styled <c>div</c>, their <c>h1</c> being the site's logo or a breadcrumb, and the lead follows it.
/// </summary>
internal static class LeadAbove
{
    /// <summary>A lead block holds at least this many characters and ends a sentence...</summary>
    private const int MinSentenceChars = 50;

    /// <summary>...or at least this many without ending one (a subheadline without a full stop).</summary>
    private const int MinChars = 80;

    /// <summary>A lead is prose: at most this share of its text is links.</summary>
    private const double MaxLinkDensity = 0.1;

    /// <summary>More text than this between the headline and the chosen content means the headline is not its own.</summary>
    private const int MaxBetweenChars = 1000;

    /// <summary>A block heads the article when its letters make at least this share of the page title's letters...</summary>
    private const double MinTitleShare = 0.5;

    /// <summary>...and at least this many of them (a one-word heading is a section's, not the article's).</summary>
    private const int MinTitleLetters = 10;

    /// <summary>
    /// The lead blocks above the chosen content, in document order; empty when the chosen content has no headline of
    /// its own above it, or holds one itself (then an earlier <c>h1</c> names the site, and the lead is inside).
    /// </summary>
    public static List<IElement> Find(IElement body, List<IElement> selected, ElementStats stats, int maxAttributeChars, string? title, ExtractionBudget budget)
    {
        var leads = new List<IElement>();
        if (selected.Count == 0 || selected[0] == body)
        {
            return leads;
        }

        var first = selected[0];
        var above = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
        for (var a = first.ParentElement; a is not null; a = a.ParentElement)
        {
            above.Add(a);
        }

        var titles = new PageTitles(title, body.Owner?.Title);
        IElement? headline = null;
        var between = 0;
        var stack = new Stack<IElement>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            budget.Tick();
            if (e == first)
            {
                break;
            }

            if (above.Contains(e))
            {
                Push(stack, e, budget);
                continue;
            }

            if (!stats.TryGetValue(e, out var s) || s.Chars == 0 || e.LocalName is "figure")
            {
                continue;
            }

            if (e.LocalName == "h1" || (s.LinkDensity < 0.5 && (e.LocalName is "h2" or "h3" || ReadabilityDensityScorer.IsParagraphLike(e))
                                        && titles.Says(e, s.Chars)))
            {
                // A headline that is mostly a link is a site's logo; it starts nothing.
                headline = s.LinkDensity < 0.5 ? e : null;
                leads.Clear();
                between = 0;
                continue;
            }

            // A subtitle set as a heading, or a list item, is read whole but is headline furniture, never a lead.
            var furniture = e.LocalName is "h2" or "h3" or "h4" or "h5" or "h6" or "li";
            if (!furniture && !ReadabilityDensityScorer.IsParagraphLike(e))
            {
                Push(stack, e, budget);
                continue;
            }

            if (headline is null)
            {
                continue;
            }

            between += s.Chars;
            if (!furniture && !IsNamedBoilerplate(e, maxAttributeChars) && s.LinkDensity <= MaxLinkDensity
                && (s.Chars >= MinChars || (s.Chars >= MinSentenceChars && PlainText.EndsSentence(e.TextContent))))
            {
                leads.Add(e);
            }
        }

        // Whether the chosen content holds a headline of its own is asked last, of the few pages with a lead above.
        return headline is null || between > MaxBetweenChars || leads.Count == 0 || selected.Exists(e => e.GetElementsByTagName("h1").Length > 0) ? [] : leads;
    }

    /// <summary>
    /// The leads rendered, each kept when it renders as one paragraph (a block without inner blocks can still be a
    /// run of labels, such as a search form's facets) and is not a copy of one kept before (a layout's second copy).
    /// </summary>
    public static List<ContentBlock> Render(List<IElement> leads, IMarkdownRenderer renderer, string? title, ExtractionBudget budget)
    {
        var blocks = new List<ContentBlock>();
        foreach (var lead in leads)
        {
            if (renderer.Filter(renderer.Render([lead], budget), title) is [var one] && !blocks.Exists(b => b.Text == one.Text))
            {
                blocks.Add(one);
            }
        }

        return blocks;
    }

    /// <summary>
    /// A paragraph named as boilerplate (a caption, a sign-up box) is not a lead. Headings are left out before this:
    /// article annotations leave a subtitle out (the scrapinghub benchmark's deks).
    /// </summary>
    private static bool IsNamedBoilerplate(IElement e, int maxAttributeChars)
    {
        var names = BoilerplateNames.Of(e, maxAttributeChars);
        return names.Length > 0 && BoilerplateNames.IsNegative(names);
    }

    /// <summary>
    /// The page's titles (the metadata's and the <c>title</c> element's), as lower-case letters and digits, and whether
    /// a block says most of one of them: its own letters are found in the title and make at least half of it.
    /// </summary>
    private sealed class PageTitles(string? meta, string? document)
    {
        private readonly string[] _titles = [.. new[] { Letters(meta), Letters(document) }.Where(t => t.Length >= MinTitleLetters).Distinct()];

        public bool Says(IElement e, int chars)
        {
            if (_titles.Length == 0 || chars < MinTitleLetters || !Array.Exists(_titles, t => chars <= 2 * t.Length))
            {
                return false;
            }

            var text = Letters(e.TextContent);
            return text.Length >= MinTitleLetters
                   && Array.Exists(_titles, t => text.Length >= MinTitleShare * t.Length && t.Contains(text, StringComparison.Ordinal));
        }

        private static string Letters(string? s)
        {
            if (s is null)
            {
                return "";
            }

            var b = new System.Text.StringBuilder(s.Length);
            foreach (var c in s)
            {
                if (char.IsLetterOrDigit(c))
                {
                    b.Append(char.ToLowerInvariant(c));
                }
            }

            return b.ToString();
        }
    }

    private static void Push(Stack<IElement> stack, IElement e, ExtractionBudget budget)
    {
        foreach (var c in DomEdits.ElementChildrenReversed(e, budget))
        {
            stack.Push(c);
        }
    }
}
