using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// The class and id words that name boilerplate or content, shared by cleaning (drop by name) and scoring (class
/// weight). Matching is on the element's class and id joined, each ignored beyond the attribute length limit.
/// </summary>
internal static partial class BoilerplateNames
{
    // Class or id words that name boilerplate; an element matching one and no content word is dropped.
    [GeneratedRegex(@"(^|[\s_-])(comment|comments|disqus|share|sharing|social|related|recommend|recommended|sidebar|side-bar|widget|footer|foot|nav|navbar|navigation|menu|breadcrumbs?|cookie|cookies|consent|gdpr|banner|advert|advertisement|ads?|ad-slot|adslot|sponsor|sponsored|promo|promotion|newsletter|subscribe|subscription|signup|paywall|popup|modal|masthead|byline|author-info|author-bio|author|authors|authorbox|bio|tags|tag-list|taglist|topics|pagination|pager|print|outbrain|taboola|more-stories|read-more|readmore|also-read|most-popular|popular|trending|rail|toolbar|skip|hidden|visually-hidden|sr-only|caption|credit|meta|dateline|timestamp|header|top-bar|utility|enlarge|gallery|slideshow|video|player|login|signin|account|feedback|rating|wp-caption|jp-relatedposts|sharedaddy|addtoany|sociable|syndication|copyright|legal|disclaimer|overlay|inline-ad|tooltip)([\s_-]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NegativeNames();

    // Words that name boilerplate wherever they occur in a class or id (newsCaption, rollover-people-block).
    [GeneratedRegex(@"caption|sidebar|comment|komment|komentar|comentar|social|related|footer|advert|cookie|newsletter|breadcrumb|byline|rollover|hovercard|popover|tooltip|outbrain|taboola|sponsor|promo|share-|sharing", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NegativeSubstrings();

    // The boilerplate words that name what a block is (comments, sharing, navigation, ads, captions) rather than how a
    // wrapper looks or where it sits (widget, header, hidden, paywall, toolbar): only these remove a block by name
    // alone; the others need the block to read as boilerplate too (mostly links). The words that name boilerplate
    // wherever they occur (NegativeSubstrings) are strong too: Match asks both.
    [GeneratedRegex(@"(^|[\s_-])(comment|comments|disqus|share|sharing|social|related|recommend|recommended|sidebar|side-bar|footer|nav|navbar|navigation|menu|breadcrumbs?|cookie|cookies|consent|gdpr|advert|advertisement|ads?|ad-slot|adslot|sponsor|sponsored|promo|promotion|newsletter|subscribe|subscription|signup|popup|modal|byline|author-info|author-bio|bio|tags|tag-list|taglist|topics|pagination|pager|outbrain|taboola|more-stories|read-more|readmore|also-read|most-popular|popular|trending|visually-hidden|sr-only|caption|credit|meta|dateline|timestamp|gallery|slideshow|wp-caption|jp-relatedposts|sharedaddy|addtoany|sociable|syndication|copyright|legal|disclaimer|inline-ad|respond|replies|screen-reader-text|author|authors|author-box|authorbox|about-author)([\s_-]|$)|authorbox", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StrongNegativeNames();

    // Reader comments stay comments whatever else the wrapper is called ("comments-area post-comments"), in the
    // languages sites name them in (German "kommentare", Polish/Czech "komentarze", Spanish/Portuguese "comentarios").
    [GeneratedRegex(@"comment|komment|komentar|comentar|disqus|(^|[\s_-])(respond|replies)([\s_-]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CommentNames();

    // Names that say what a block is about rather than where it sits: a box about the author ("post-author",
    // "entry-author", "bmg-author-box") and the sharing and like buttons ("sharedaddy" with id "jp-post-flair").
    // Like comment names they win over the content word beside them ("post", "entry", "content" only say whose box it is).
    [GeneratedRegex(@"(^|[\s_-])(authors?|author-?box|about-author|author-bio|author-info|share|sharing|social|sharedaddy|addtoany)([\s_-]|$)|authorbox|sharedaddy", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AboutNames();


    // Embedded posts (tweets) are quoted content, whatever their wrapper is called.
    public static bool IsNegative(string names) => Matches(names, Pattern.Negative);

    /// <summary><see cref="StrongNegativeNames"/>, remembered per distinct string.</summary>
    public static bool IsStrongNegative(string names) => Matches(names, Pattern.StrongNegative);

    /// <summary><see cref="CommentNames"/>, remembered per distinct string.</summary>
    public static bool IsComment(string names) => Matches(names, Pattern.Comment);

    /// <summary><see cref="AboutNames"/>, remembered per distinct string.</summary>
    public static bool IsAbout(string names) => Matches(names, Pattern.About);

    /// <summary><see cref="PositiveNames"/>, remembered per distinct string.</summary>
    public static bool IsPositive(string names) => Matches(names, Pattern.Positive);

    private enum Pattern
    {
        Negative,
        StrongNegative,
        Comment,
        About,
        Positive,
    }

    // A page's elements share a few class and id strings and a site's pages most of theirs, and each is asked about
    // again by every measure of the page, so each distinct string is matched once per pattern (the patterns tried at
    // every position were about a tenth of extraction's CPU). Two bits per pattern: asked, and the answer. Per thread:
    // parallel extraction takes no lock. Cleared when full: a long crawl's memory stays bounded.
    private static bool Matches(string names, Pattern pattern)
    {
        var cache = matchesByNames ??= new Dictionary<string, int>(StringComparer.Ordinal);
        if (!cache.TryGetValue(names, out var bits) && cache.Count >= MaxCachedNames)
        {
            cache.Clear();
        }

        var asked = 1 << (2 * (int)pattern);
        var yes = asked << 1;
        if ((bits & asked) == 0)
        {
            bits |= asked | (Match(names, pattern) ? yes : 0);
            cache[names] = bits;
        }

        return (bits & yes) != 0;
    }

    private static bool Match(string names, Pattern pattern) => pattern switch
    {
        Pattern.Negative => (NegativeNames().IsMatch(names) || NegativeSubstrings().IsMatch(names)) && !names.Contains("embed", StringComparison.OrdinalIgnoreCase),
        Pattern.StrongNegative => StrongNegativeNames().IsMatch(names) || NegativeSubstrings().IsMatch(names),
        Pattern.Comment => CommentNames().IsMatch(names),
        Pattern.About => AboutNames().IsMatch(names),
        _ => PositiveNames().IsMatch(names),
    };

    [ThreadStatic]
    private static Dictionary<string, int>? matchesByNames;

    private const int MaxCachedNames = 8192;

    [GeneratedRegex(@"(^|[\s_-])(article|articlebody|article-body|article-content|articlecontent|story|story-body|storybody|post|post-body|post-content|entry|entry-content|content|main|body|text|blog|body-text|richtext|rich-text|prose)([\s_-]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PositiveNames();

    /// <summary>The element's class and id joined by a space, each left out when longer than <paramref name="maxAttributeChars"/>.</summary>
    public static string Of(IElement e, int maxAttributeChars)
    {
        var cls = e.GetAttribute("class") ?? "";
        var id = e.Id ?? "";
        if (cls.Length > maxAttributeChars)
        {
            cls = "";
        }

        if (id.Length > maxAttributeChars)
        {
            id = "";
        }

        return (cls.Length, id.Length) switch
        {
            (0, 0) => "",
            (_, 0) => cls,
            (0, _) => id,
            _ => cls + " " + id,
        };
    }
}
