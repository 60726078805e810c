namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// A class or id naming content ("content", "post", "text") adds its weight to a candidate's score only when the
/// element holds enough text to be a page's main content. Without this, a box of a line or two (an app-install prompt
/// named <c>iPwaInstall__content</c>) starts 25 points ahead of an article whose paragraphs earn 3 to 5 each, and
/// wins on short pages. Pruning inside the chosen content still reads the name as before.
/// </summary>
internal static class ShortNamedBoxes
{
    /// <summary>Below this many characters of text a content name adds nothing to a candidate's score.</summary>
    public const int MinNamedChars = 100;

    /// <summary>True when a content name's weight counts for an element holding <paramref name="chars"/> characters.</summary>
    public static bool NameCounts(int chars) => chars >= MinNamedChars;
}
