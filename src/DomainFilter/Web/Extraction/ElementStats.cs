using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>Text figures of one element and its descendants, and its Readability score when it is a candidate.</summary>
internal sealed class ElementStat
{
    public int Chars;
    public int LinkChars;
    public int Commas;
    public int Paragraphs;
    public int ListItems;
    public double Score;
    public bool Candidate;
    public bool HoldsProtected;

    public double LinkDensity => Chars == 0 ? 0 : (double)LinkChars / Chars;
}

/// <summary>The figures of every element under the body, keyed by the element itself.</summary>
internal sealed class ElementStats : Dictionary<IElement, ElementStat>
{
    public ElementStats()
        : base(ReferenceEqualityComparer.Instance)
    {
    }

    /// <summary>Sized for <paramref name="capacity"/> elements up front (a page's count is known before it is measured).</summary>
    public ElementStats(int capacity)
        : base(capacity, ReferenceEqualityComparer.Instance)
    {
    }

    /// <summary>The characters and link characters of <paramref name="elements"/> together (the chosen content's); an element not measured counts nothing.</summary>
    public (int Chars, int LinkChars) Total(List<IElement> elements)
    {
        int chars = 0, links = 0;
        foreach (var e in elements)
        {
            if (TryGetValue(e, out var s))
            {
                chars += s.Chars;
                links += s.LinkChars;
            }
        }

        return (chars, links);
    }
}
