using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// Cleaning by tag, visibility and name: what is never text goes at once; hidden, noscript and boilerplate-named
/// elements go unless their text statistics say they hold content. The lenient pass (a fallback) drops only what is
/// never text.
/// </summary>
internal sealed class TagAndNameCleaner(ContentExtractorOptions options) : IBoilerplateCleaner
{
    private static readonly HashSet<string> AlwaysDrop = new(StringComparer.Ordinal)
    {
        "script", "style", "template", "iframe", "svg", "canvas", "button", "input", "select", "textarea",
        "nav", "footer", "aside", "dialog", "object", "embed", "video", "audio", "map", "menu", "link", "meta", "head",
        "picture", "source", "img", "time"
    };

    /// <summary>A block named with a weak boilerplate word goes only when more than this share of its text is links.</summary>
    private const double WeakNameMaxLinkDensity = 0.3;

    /// <summary>Drops what is never main content. Returns false when the depth or element budget was exceeded.</summary>
    public bool RemoveNonContent(IElement body, bool lenient, ExtractionBudget budget)
    {
        var ok = true;
        var remove = new List<IElement>();
        var stack = new Stack<(IElement Element, int Depth)>();
        stack.Push((body, 0));
        var seen = 0;
        while (stack.Count > 0)
        {
            var (e, depth) = stack.Pop();
            budget.Tick();
            seen++;

            if (depth > options.MaxDepth || seen > options.MaxElements)
            {
                remove.Add(e);
                ok = false;
                continue;
            }

            if (e != body && IsJunk(e, lenient, budget))
            {
                remove.Add(e);
                continue;
            }

            foreach (var child in DomEdits.ElementChildrenReversed(e, budget))
            {
                stack.Push((child, depth + 1));
            }
        }

        DomEdits.Remove(remove, budget);
        return ok;
    }

    private bool IsJunk(IElement e, bool lenient, ExtractionBudget budget)
    {
        var tag = e.LocalName;
        if (AlwaysDrop.Contains(tag))
        {
            if (tag == "textarea" || (tag == "input" && e.GetAttribute("type") is { } type
                                      && (type.Equals("email", StringComparison.OrdinalIgnoreCase) || type.Equals("password", StringComparison.OrdinalIgnoreCase))))
            {
                // Remembered on the form, since the field itself goes now: see IsForWriting.
                e.Closest("form")?.SetAttribute(WritingMark, "");
            }
            else if (tag is "img" or "picture")
            {
                // Remembered on the blocks it opens, since the picture goes now: see PictureCaptions.
                PictureCaptions.MarkOpening(e);
            }
            else if (tag == "button")
            {
                // An FAQ's question or a section's title set in the button that opens it is carried to its panel.
                DisclosureHeadings.Carry(e);
            }

            return true;
        }

        switch (tag)
        {
            case "x-math" or "x-math-block":
                return false;
            case "noscript":
                // Server-rendered fallbacks (Discourse threads) live here; so do tracking pixels and "enable JavaScript" notes.
                return !lenient && !HoldsText(e, budget);
        }

        if (e.HasAttribute("hidden"))
        {
            // Streamed pages (React's <div hidden id="S:0">) hold the text a script moves into place; a hidden menu
            // or pop-up is short or made of links.
            return !lenient && !HoldsText(e, budget);
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
            // As for the hidden attribute: a script shows a grid or the rest of an article once laid out; a hidden menu,
            // drawer or pop-up is short or made of links.
            return !lenient && !HoldsText(e, budget);
        }

        // ARIA names what a block does for the page: navigation, site banner and footer, asides, menus, and dialogs
        // that interrupt it (a consent notice is an alertdialog, or a modal dialog however it is named).
        var role = e.GetAttribute("role");
        return !lenient && (role is "navigation" or "banner" or "contentinfo" or "complementary" or "menu" or "menubar" or "dialog" or "alert" or "alertdialog"
                            || string.Equals(e.GetAttribute("aria-modal"), "true", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Below this many visible characters a hidden or noscript element is taken as not holding content.</summary>
    private const int MinHiddenTextChars = 200;

    /// <summary>True when the element has at least <see cref="MinHiddenTextChars"/> of text outside links and scripts, mostly not link text.</summary>
    private static bool HoldsText(IElement root, ExtractionBudget budget)
    {
        int chars = 0, linkChars = 0, visited = 0;
        var stack = new Stack<(INode Node, bool InLink)>();
        stack.Push((root, false));
        while (stack.Count > 0 && visited++ < 50_000)
        {
            var (node, inLink) = stack.Pop();
            budget.Tick();
            if (node is IText t)
            {
                var n = PlainText.Count(t.Data).Chars;
                chars += n;
                linkChars += inLink ? n : 0;
                continue;
            }

            if (node is IElement e && e.LocalName is "script" or "style" or "template" or "svg")
            {
                continue;
            }

            var link = inLink || (node is IElement a && a.LocalName == "a");
            var children = node.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push((children[i], link));
            }
        }

        return chars >= MinHiddenTextChars && linkChars < chars / 2;
    }

    /// <summary>
    /// Drops elements whose class or id names boilerplate (and no content word), unless they hold a large share of
    /// the page's text: layout wrappers are often named after a sidebar or an ad slot they make room for.
    /// </summary>
    public bool RemoveByName(IElement body, ElementStats stats, bool thread, ExtractionBudget budget)
    {
        var total = stats[body].Chars;
        var templates = new RepeatedTemplates(stats, options, budget);
        return DomEdits.RemoveWhere(body, e =>
        {
            if (e.LocalName is "main" or "article" or "p" or "table" or "tbody" or "tr" or "td" or "pre" or "code" or "blockquote" or "li" or "x-math" or "x-math-block")
            {
                return false;
            }

            if (e.LocalName == "form")
            {
                // A form the reader writes into (a comment, contact or sign-up form): its labels and instructions are
                // not the page's text. A thread wrapped in a moderation form holds most of the page and stays.
                return IsForWriting(e) && stats.TryGetValue(e, out var fs) && fs.Chars < total * MaxBoilerplateShare;
            }

            var names = BoilerplateNames.Of(e, options.MaxAttributeChars);
            if (names.Length == 0 || e.HasAttribute(RepeatedTemplates.Mark) || !BoilerplateNames.IsNegative(names) || !stats.TryGetValue(e, out var s) || s.Chars >= total * MaxBoilerplateShare)
            {
                return false;
            }

            if (BoilerplateNames.IsComment(names))
            {
                return !thread;
            }

            if (BoilerplateNames.IsAbout(names))
            {
                // An author box or sharing bar inside the post ("post-author", "entry-author"): what the block is
                // about decides, not whose it is.
                return true;
            }

            if (templates.CopiesChars(e) >= total * MaxBoilerplateShare)
            {
                // One copy of a template whose copies hold much of the page: a listing's card or a part of one. Marked,
                // so that scoring and pruning do not take its class words as boilerplate either.
                e.SetAttribute(RepeatedTemplates.Mark, "");
                return false;
            }

            return !BoilerplateNames.IsPositive(names) && (BoilerplateNames.IsStrongNegative(names) || s.LinkDensity > WeakNameMaxLinkDensity);
        }, budget) > 0;
    }

    /// <summary>
    /// True when the form has a field for the reader's own words or address (a text area, an e-mail or password
    /// field). The fields themselves are gone by then (never text), so they mark their form as they go.
    /// </summary>
    private static bool IsForWriting(IElement form) => form.HasAttribute(WritingMark);

    /// <summary>The attribute that marks a form whose writing fields the cleaning removed.</summary>
    private const string WritingMark = "data-curate-writing";

    /// <summary>An element named like boilerplate but holding more than this share of the page's text is kept.</summary>
    private const double MaxBoilerplateShare = 0.25;
}
