using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>Measures text and links per element and chooses the main content from those figures.</summary>
internal interface IContentScorer
{
    ElementStats Measure(IElement body, bool thread, ExtractionBudget budget);

    /// <summary>On a product page, removes the blocks named as reviews (buyers' comments); returns how many went.</summary>
    int RemoveReviews(IElement body, ElementStats stats, ExtractionBudget budget);

    /// <summary>The text outside links in the paragraphs (<c>p</c>) of <paramref name="selected"/>.</summary>
    int ProseChars(List<IElement> selected, ElementStats stats, ExtractionBudget budget);

    /// <summary>True when comment-named blocks hold most of the page's own text (a forum thread).</summary>
    bool IsThread(IElement body, ElementStats stats, ExtractionBudget budget);

    /// <summary>The best-scoring container and the siblings that continue it, in document order.</summary>
    List<IElement> SelectContent(IElement body, ElementStats stats, ExtractionBudget budget);

    /// <summary>The smallest ancestor holding most of the page's own text, when the chosen content holds little of it.</summary>
    IElement? Widen(IElement body, List<IElement> selected, ElementStats stats, bool thread, ExtractionBudget budget);

    /// <summary>The parent of the largest group of alike items (a listing page's body), or null; <paramref name="chars"/> is their text.</summary>
    IElement? FindListing(ElementStats stats, out int chars, ExtractionBudget budget);

    /// <summary>Inside the chosen content, drops link lists and other blocks that read as navigation;
    /// <paramref name="keep"/>: elements never dropped (the chosen content and its wrappers inside a widened container).</summary>
    void Prune(IElement root, ElementStats stats, bool thread, ExtractionBudget budget, IReadOnlySet<IElement>? keep = null);
}
