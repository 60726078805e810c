namespace SciCurate.DomainFilter.Judge;

/// <summary>Options of <see cref="DomainSampler"/> (config section "Judge").</summary>
public sealed class DomainSamplerOptions
{
    /// <summary>Pages sampled per domain; a domain with fewer pages gives all of them.</summary>
    public int SampleSize { get; set; } = 8;

    /// <summary>Seed of the sample: the same pages and seed give the same sample, in any input order.</summary>
    public ulong Seed { get; set; } = 20260101;
}

/// <summary>
/// Deterministic, stratified sampling of k pages of a domain, spread over the quality range and over URL paths.
/// The pages are ordered by quality and cut into k equal quality strata (quantiles); one page is taken from each.
/// Within a stratum the page whose first path segment (<c>/questions</c>, <c>/wiki</c>, …) has been taken least often
/// so far wins, ties broken by a seeded hash of the document id. So a site with a forum and a wiki is shown both, and
/// its worst pages as well as its best. Depends only on the set of pages and the seed, never on input order.
/// </summary>
public sealed class DomainSampler(DomainSamplerOptions options)
{
    public DomainSamplerOptions Options => options;

    /// <summary>The sampled pages, in quality order (worst first).</summary>
    public IReadOnlyList<PageRef> Sample(IReadOnlyCollection<PageRef> pages)
    {
        var k = options.SampleSize;
        var keyed = new (PageRef Page, ulong Hash, string Path)[pages.Count];
        var i = 0;
        foreach (var p in pages)
        {
            keyed[i++] = (p, Hash(options.Seed, p.DocId), PathKey(p.Url));
        }

        // Quality first; the seeded hash, then the id, make the order total and input-order free.
        Array.Sort(keyed, static (a, b) =>
        {
            var c = a.Page.Quality.CompareTo(b.Page.Quality);
            if (c != 0)
            {
                return c;
            }

            c = a.Hash.CompareTo(b.Hash);
            return c != 0 ? c : string.CompareOrdinal(a.Page.DocId, b.Page.DocId);
        });

        if (keyed.Length <= k)
        {
            return keyed.Select(x => x.Page).ToArray();
        }

        var taken = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new PageRef[k];
        for (var s = 0; s < k; s++)
        {
            var from = (int)((long)s * keyed.Length / k);
            var to = (int)((long)(s + 1) * keyed.Length / k);
            var best = -1;
            var bestUses = int.MaxValue;
            var bestHash = ulong.MaxValue;
            for (var j = from; j < to; j++)
            {
                var uses = taken.GetValueOrDefault(keyed[j].Path);
                if (uses < bestUses || (uses == bestUses && keyed[j].Hash < bestHash))
                {
                    best = j;
                    bestUses = uses;
                    bestHash = keyed[j].Hash;
                }
            }

            result[s] = keyed[best].Page;
            taken[keyed[best].Path] = bestUses + 1;
        }

        return result;
    }

    /// <summary>The first path segment of a URL, lower-cased (<c>/</c> for the root or an unparsable URL).</summary>
    public static string PathKey(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "/";
        }

        var path = uri.AbsolutePath;
        var end = path.IndexOf('/', 1);
        var segment = end < 0 ? path : path[..end];
        return segment.Length <= 1 ? "/" : segment.ToLowerInvariant();
    }

    /// <summary>FNV-1a over the id's UTF-16 units, seeded and finished with SplitMix64: stable across processes.</summary>
    internal static ulong Hash(ulong seed, string id)
    {
        var h = 14695981039346656037UL ^ seed;
        foreach (var c in id)
        {
            h ^= c;
            h *= 1099511628211UL;
        }

        h ^= h >> 30;
        h *= 0xbf58476d1ce4e5b9UL;
        h ^= h >> 27;
        h *= 0x94d049bb133111ebUL;
        h ^= h >> 31;
        return h;
    }
}
