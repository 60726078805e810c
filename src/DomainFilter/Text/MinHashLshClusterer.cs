namespace SciCurate.DomainFilter.Text;

/// <summary>Groups documents whose texts are the same or nearly the same.</summary>
public interface INearDuplicateClusterer
{
    /// <summary>For each document, the smallest index of its cluster (itself when it has no duplicate).</summary>
    int[] Cluster(SignatureSet signatures, CancellationToken ct = default);
}

/// <summary>
/// Locality-sensitive hashing over MinHash signatures, then connected components: the signature is cut into bands,
/// each band hashed; documents sharing a band hash are candidates, joined (union-find) when their signatures agree
/// on at least <see cref="MinHashOptions.MinSimilarity"/> of the hashes or their exact hashes are equal. One band is
/// sorted at a time, so beyond the signatures memory holds 16 bytes per document.
/// </summary>
public sealed class MinHashLshClusterer(MinHashOptions options) : INearDuplicateClusterer
{
    public int[] Cluster(SignatureSet signatures, CancellationToken ct = default)
    {
        var n = signatures.Count;
        var parent = new int[n];
        for (var i = 0; i < n; i++)
        {
            parent[i] = i;
        }

        var keys = new ulong[n];
        var ids = new int[n];
        for (var band = 0; band < options.Bands; band++)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < n; i++)
            {
                var rows = signatures.MinHashes(i).Slice(band * options.RowsPerBand, options.RowsPerBand);
                ulong h = (ulong)band * 0x9E3779B97F4A7C15UL;
                foreach (var v in rows)
                {
                    h = MinHashSigner.Mix(h ^ v);
                }

                keys[i] = h;
                ids[i] = i;
            }

            Array.Sort(keys, ids);
            for (var start = 0; start < n;)
            {
                var end = start + 1;
                while (end < n && keys[end] == keys[start])
                {
                    end++;
                }

                // Each member is checked against the run's first and its neighbour: enough to connect a true cluster.
                for (var j = start + 1; j < end; j++)
                {
                    TryJoin(signatures, parent, ids[start], ids[j]);
                    if (j - 1 > start)
                    {
                        TryJoin(signatures, parent, ids[j - 1], ids[j]);
                    }
                }

                start = end;
            }
        }

        var roots = new int[n];
        for (var i = 0; i < n; i++)
        {
            roots[i] = Find(parent, i);
        }

        return roots;
    }

    private void TryJoin(SignatureSet signatures, int[] parent, int x, int y)
    {
        var rx = Find(parent, x);
        var ry = Find(parent, y);
        if (rx == ry)
        {
            return;
        }

        if (signatures.ExactHash(x) == signatures.ExactHash(y) || signatures.Similarity(x, y) >= options.MinSimilarity)
        {
            // The smaller index is the root, so a cluster's root is its first document.
            if (rx < ry)
            {
                parent[ry] = rx;
            }
            else
            {
                parent[rx] = ry;
            }
        }
    }

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }
}
