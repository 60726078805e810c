namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// A hand-written local news paragraph, repeated to make an article of any length, shared by the tests of what
/// follows or sits inside an article's body (card runs, card buttons, picture captions, disclosure headings).
/// </summary>
internal static class HarbourBathsArticle
{
    /// <summary>The page's title and headline.</summary>
    public const string Title = "Harbour baths stay open";

    /// <summary>One paragraph of the article, as a <c>p</c> element.</summary>
    public const string Paragraph = "<p>The council voted on Tuesday to keep the harbour baths open through the winter, after a petition signed by "
                                    + "more than two thousand residents, and to heat the small pool with the waste heat of the new bakery next door.</p>";

    /// <summary>The paragraph <paramref name="count"/> times.</summary>
    public static string Paragraphs(int count) => string.Concat(Enumerable.Repeat(Paragraph, count));
}
