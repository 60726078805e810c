using System.Globalization;
using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// A picture's caption or credit inside an article's text, set in a plain block instead of a <c>figcaption</c>
/// ("Name, photo: agency", a legend under the image, "© agency"). The picture is dropped in cleaning, which leaves its
/// caption as a short stray line among the article's paragraphs. Found by structure, not by words: cleaning marks
/// each element that a picture opens (<see cref="MarkOpening"/>: nothing but the picture comes before it); in an
/// article (a few paragraphs of prose) the largest such block of at most <see cref="MaxCaptionChars"/> characters
/// goes when it, or its wrapper a few levels up, sits next to the article's prose paragraphs. It stays when it is a
/// heading, mostly a link (a card's title), a list item, a table cell, a quotation, or one of a run of one template
/// (a listicle's cards, a landing page's features) or holds such a run, or when neither it nor its wrapper a few levels up is beside a
/// paragraph (a testimonial or a figure in a landing page's section). A picture whose markup makes it small (an icon, an avatar, a notice's sign) opens nothing, and a
/// paragraph that carries an inline image (an emoji) after its first words is not opened by it.
/// </summary>
internal static class PictureCaptions
{
    /// <summary>Set by cleaning on an element whose first content is a picture.</summary>
    public const string Mark = "data-curate-picture";

    /// <summary>A caption or credit is at most this long; a paragraph of the text beside a picture is longer.</summary>
    private const int MaxCaptionChars = 200;

    /// <summary>A block with this share of links or more is a card's title or a link, not a caption.</summary>
    private const double MaxLinkShare = 0.5;

    /// <summary>How many levels above a picture the mark goes (the picture's link, its frame, the figure block).</summary>
    private const int MaxMarkLevels = 4;

    /// <summary>A picture whose markup gives it a side shorter than this is an icon, not a photograph with a caption.</summary>
    private const int MinPictureSide = 100;

    /// <summary>How many levels above a caption its figure block may sit beside the article's paragraphs.</summary>
    private const int MaxFlowLevels = 4;

    /// <summary>A paragraph of the article's text is at least this long and under <see cref="MaxLinkShare"/> links.</summary>
    private const int MinProseParagraphChars = 100;

    /// <summary>Siblings looked at on each side for such a paragraph (a gallery of hundreds is not read through).</summary>
    private const int MaxSiblingScan = 50;

    /// <summary>
    /// Marks the ancestors that <paramref name="picture"/> opens: each parent whose content before it is only
    /// whitespace or other pictures, up to <see cref="MaxMarkLevels"/> levels. Called by cleaning before the picture goes.
    /// </summary>
    public static void MarkOpening(IElement picture)
    {
        if (IsIcon(picture))
        {
            return;
        }

        INode child = picture;
        for (var level = 0; level < MaxMarkLevels && child.ParentElement is { } parent && parent.LocalName != "body"; level++)
        {
            for (var before = child.PreviousSibling; before is not null; before = before.PreviousSibling)
            {
                if (before is IText t ? !string.IsNullOrWhiteSpace(t.Data) : before is not IElement { LocalName: "img" or "picture" or "source" or "br" })
                {
                    return;
                }
            }

            parent.SetAttribute(Mark, "");
            child = parent;
        }
    }

    /// <summary>As <see cref="Remove"/>, except in a thread, whose posts are not an article's text.</summary>
    public static int RemoveUnlessThread(IElement root, ElementStats stats, bool thread, ExtractionBudget budget) =>
        thread ? 0 : Remove(root, stats, budget);

    /// <summary>Removes the captions under <paramref name="root"/> when it is an article; returns how many went.</summary>
    public static int Remove(IElement root, ElementStats stats, ExtractionBudget budget)
    {
        if (!stats.TryGetValue(root, out var rs) || rs.Paragraphs < ArticleEnd.MinParagraphs || rs.Chars - rs.LinkChars < ArticleEnd.MinProseChars)
        {
            return 0;
        }

        var drop = new List<IElement>();
        foreach (var e in root.QuerySelectorAll($"[{Mark}]"))
        {
            budget.Tick();
            if (e.ParentElement is { } parent && parent != root && parent.HasAttribute(Mark)
                && stats.TryGetValue(parent, out var ps) && ps.Chars <= MaxCaptionChars)
            {
                // The larger block the same picture opens is the caption's unit.
                continue;
            }

            if (IsCaption(e, root, stats, budget))
            {
                drop.Add(e);
            }
        }

        DomEdits.Remove(drop, budget);
        return drop.Count;
    }

    private static bool IsIcon(IElement picture) =>
        Side(picture.GetAttribute("width")) < MinPictureSide || Side(picture.GetAttribute("height")) < MinPictureSide;

    /// <summary>The pixels a width or height attribute states; an unstated or unreadable size counts as large.</summary>
    private static int Side(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var px) ? px : int.MaxValue;

    private static bool IsCaption(IElement e, IElement root, ElementStats stats, ExtractionBudget budget)
    {
        if (e == root || !stats.TryGetValue(e, out var s) || s.Chars == 0 || s.Chars > MaxCaptionChars || s.LinkDensity >= MaxLinkShare)
        {
            return false;
        }

        if (e.LocalName is "li" or "td" or "th" or "tr" or "h1" or "blockquote" || HtmlBlockTags.IsSubheading(e.LocalName)
            || e.QuerySelector("h1,h2,h3,h4,h5,h6,li,table,blockquote") is not null)
        {
            return false;
        }

        for (var a = e.ParentElement; a is not null && a != root; a = a.ParentElement)
        {
            budget.Tick();
            if (a.LocalName is "li" or "td" or "th" or "blockquote")
            {
                return false;
            }
        }

        if (ArticleEnd.IsArticlePart(e, s, budget) || HoldsTemplateRun(e, budget))
        {
            return false;
        }

        // Beside the article's paragraphs: the block, or its wrapper a few levels up, has a prose paragraph among its
        // siblings. A feature card or a testimonial on a landing page sits among other cards.
        var unit = e;
        for (var level = 0; level < MaxFlowLevels && unit != root && unit.ParentElement is { } parent; level++)
        {
            if (HasProseSibling(unit, before: true, stats, budget) || HasProseSibling(unit, before: false, stats, budget))
            {
                return true;
            }

            unit = parent;
            if (unit != root && stats.TryGetValue(unit, out var us) && ArticleEnd.IsArticlePart(unit, us, budget))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>True when two adjacent children share tag and class: a gallery or a row of cards the first picture opens.</summary>
    private static bool HoldsTemplateRun(IElement e, ExtractionBudget budget)
    {
        IElement? previous = null;
        foreach (var c in DomEdits.ElementChildren(e, budget))
        {
            if (previous is not null && ArticleEnd.SameTemplate(previous, c))
            {
                return true;
            }

            previous = c;
        }

        return false;
    }

    private static bool HasProseSibling(IElement e, bool before, ElementStats stats, ExtractionBudget budget)
    {
        var seen = 0;
        for (var s = before ? e.PreviousElementSibling : e.NextElementSibling; s is not null && seen < MaxSiblingScan; s = before ? s.PreviousElementSibling : s.NextElementSibling)
        {
            budget.Tick();
            seen++;
            if (s.LocalName == "p" && stats.TryGetValue(s, out var ps) && ps.Chars >= MinProseParagraphChars && ps.LinkDensity < MaxLinkShare)
            {
                return true;
            }
        }

        return false;
    }
}
