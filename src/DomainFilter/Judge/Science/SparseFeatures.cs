namespace SciCurate.DomainFilter.Judge.Science;

/// <summary>One page's hashed features: bucket indices and their weights (L2-normalised), no bucket twice.</summary>
public sealed record SparseFeatures(int[] Indices, float[] Values)
{
    public static readonly SparseFeatures Empty = new([], []);

    public int Count => Indices.Length;
}
