using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// Several document-wide selector queries answered in one walk of the tree: each query of a whole document walks
/// every element, and reading a page's metadata and declared kind asked up to seven (about a fortieth of
/// extraction's CPU in the walks alone). The walk is AngleSharp's own for the selectors joined as one selector list,
/// so it finds exactly the elements that any of them would; each found element is then sorted by the selectors
/// themselves, so each list holds what <c>QuerySelectorAll(selector)</c> returns, in document order.
/// </summary>
internal sealed class SelectorGroup
{
    private readonly string _joined;
    private readonly ISelector[] _selectors;

    public SelectorGroup(params string[] selectors)
    {
        var parser = new CssSelectorParser();
        _joined = string.Join(", ", selectors);
        _selectors = [.. selectors.Select(s => parser.ParseSelector(s) ?? throw new ArgumentException($"not a selector: {s}", nameof(selectors)))];
    }

    /// <summary>For each selector, in the order given, the document's elements it matches, in document order.</summary>
    public List<IElement>[] Select(IDocument document)
    {
        var found = new List<IElement>[_selectors.Length];
        for (var i = 0; i < found.Length; i++)
        {
            found[i] = [];
        }

        var scope = document.DocumentElement;
        foreach (var e in document.QuerySelectorAll(_joined))
        {
            for (var i = 0; i < _selectors.Length; i++)
            {
                if (_selectors[i].Match(e, scope))
                {
                    found[i].Add(e);
                }
            }
        }

        return found;
    }
}
