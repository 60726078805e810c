using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// Elements that share one tag and one class attribute, counted with their text: the copies of a template. A
/// listing's cards repeat the same template many times, and its class words name the card's parts for the site's
/// designers (<c>meta</c> for a paper's authors and subjects, <c>overflow-hidden</c> for a card's frame), not
/// boilerplate: such copies are judged together, by the share of the page's text they hold.
/// </summary>
internal sealed class RepeatedTemplates
{
    /// <summary>A template repeated at least this many times is a listing's (the same count as a listing's items).</summary>
    public const int MinCopies = ReadabilityDensityScorer.MinListingItems;

    /// <summary>The attribute that marks a copy kept by <see cref="TagAndNameCleaner.RemoveByName"/> as a listing's part.</summary>
    public const string Mark = "data-curate-template";

    private readonly Dictionary<(string Tag, string Class), (int Copies, int Chars, int LinkChars)> _groups = new();

    public RepeatedTemplates(ElementStats stats, ContentExtractorOptions options, ExtractionBudget budget)
    {
        foreach (var (e, s) in stats)
        {
            budget.Tick();
            if (s.Chars > 0 && HtmlBlockTags.Contains(e.LocalName) && e.GetAttribute("class") is { Length: > 0 } cls && cls.Length <= options.MaxAttributeChars)
            {
                var key = (e.LocalName, cls);
                var g = _groups.GetValueOrDefault(key);
                _groups[key] = (g.Copies + 1, g.Chars + s.Chars, g.LinkChars + s.LinkChars);
            }
        }
    }

    /// <summary>
    /// The text held by all copies of <paramref name="e"/>'s template, when it is a block with <see cref="MinCopies"/>
    /// or more copies that read as text rather than links (a menu's repeated sub-lists are links); else 0. Inline
    /// elements are left out: a repeated hidden label (<c>sr-only</c>) is not a card.
    /// </summary>
    public int CopiesChars(IElement e) =>
        e.GetAttribute("class") is { Length: > 0 } cls && _groups.TryGetValue((e.LocalName, cls), out var g)
        && g.Copies >= MinCopies && g.LinkChars * 2 < g.Chars ? g.Chars : 0;
}
