using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// A declared discussion whose chosen content is the posts' bodies alone (one body per post, taken together because
/// they share a class) loses each post's header: the author and date that sit beside the body in the post's own
/// container. When every body is the only one in its container, the containers are copies of one template, and each
/// adds only a header's worth of text, mostly not links, the containers are taken instead of the bodies.
/// </summary>
internal static class PostHeaders
{
    /// <summary>The chosen bodies are at least this many (a thread's posts, not an article cut in two).</summary>
    private const int MinPosts = 3;

    /// <summary>A post's container adds at most this many characters to its body (a name, a date, a post number).</summary>
    private const int MaxHeaderChars = 150;

    /// <summary>...of which at most this share links.</summary>
    private const double MaxHeaderLinkDensity = 0.5;

    /// <summary>The posts' containers in place of their bodies, or <paramref name="selected"/> unchanged.</summary>
    public static List<IElement> Widen(List<IElement> selected, ElementStats stats, ExtractionBudget budget)
    {
        if (selected.Count < MinPosts || selected[0].GetAttribute("class") is not { Length: > 0 } bodyClass)
        {
            return selected;
        }

        var posts = new List<IElement>(selected.Count);
        var seen = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
        string? postTag = null, postClass = null;
        foreach (var b in selected)
        {
            budget.Tick();
            if (b.LocalName != selected[0].LocalName || !string.Equals(b.GetAttribute("class"), bodyClass, StringComparison.Ordinal)
                || b.ParentElement is not { } p || p.LocalName == "body" || !seen.Add(p)
                || !stats.TryGetValue(b, out var bs) || !stats.TryGetValue(p, out var ps))
            {
                return selected;
            }

            postTag ??= p.LocalName;
            postClass ??= p.GetAttribute("class") ?? "";
            if (p.LocalName != postTag || !string.Equals(p.GetAttribute("class") ?? "", postClass, StringComparison.Ordinal))
            {
                return selected;
            }

            var added = ps.Chars - bs.Chars;
            var addedLinks = ps.LinkChars - bs.LinkChars;
            if (added > MaxHeaderChars || addedLinks > added * MaxHeaderLinkDensity)
            {
                return selected;
            }

            posts.Add(p);
        }

        return posts;
    }
}
