namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>The tags that start a new block of text (a paragraph break when rendered; not part of a paragraph when scored).</summary>
internal static class HtmlBlockTags
{
    private static readonly HashSet<string> Tags = new(StringComparer.Ordinal)
    {
        "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
        "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "figure", "figcaption", "address",
        "hr", "center", "details", "summary", "body", "html", "x-math-block"
    };

    public static bool Contains(string localName) => Tags.Contains(localName);

    /// <summary>An <c>h2</c>–<c>h6</c>: a section's heading inside the text (not the page's headline, <c>h1</c>).</summary>
    public static bool IsSubheading(string localName) =>
        localName.Length == 2 && localName[0] == 'h' && localName[1] is >= '2' and <= '6';
}
