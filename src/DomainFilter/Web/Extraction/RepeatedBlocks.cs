namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// In a thread, a block whose text an earlier block already has is a copy, not a new post: the post a reply quotes
/// in full, the signature under each of one member's posts, the labels of the user card beside every post.
/// A declared product page repeats its blocks the same way: shops render the description once per layout (desktop
/// and mobile) and a feature in both a tab and an accordion; WCXB annotates it once.
/// Not every page: a documentation page repeats a field's description under each of its methods, and a tabbed page
/// shows one paragraph once per tab, and both are annotated with every copy (WCXB documentation 0.919 → 0.912).
/// </summary>
internal static class RepeatedBlocks
{
    /// <summary>The blocks in order, each text kept at its first appearance only.</summary>
    public static List<ContentBlock> KeepFirst(List<ContentBlock> blocks)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<ContentBlock>(blocks.Count);
        foreach (var b in blocks)
        {
            if (seen.Add(b.Text))
            {
                kept.Add(b);
            }
        }

        return kept;
    }
}
