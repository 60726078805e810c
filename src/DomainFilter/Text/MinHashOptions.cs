namespace SciCurate.DomainFilter.Text;

/// <summary>
/// MinHash/LSH near-duplicate settings (config section "Dedup"). The defaults were chosen on bench/dedup: FineWeb's
/// 14 bands of 8 only find pairs above a Jaccard similarity of about 0.8, while a copy with 5% of its words changed
/// has a 5-gram Jaccard near 0.6; 28 bands of 4 over the same 112 hashes catch those, and the false candidates that
/// come with a lower LSH threshold are removed by checking the similarity the full signatures estimate.
/// </summary>
public sealed class MinHashOptions
{
    /// <summary>Off: `curate run` skips the duplicate pass (`curate reprocess --stage dedup` still runs it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Words per shingle.</summary>
    public int ShingleWords { get; set; } = 5;

    /// <summary>Hash functions per signature (= Bands × RowsPerBand).</summary>
    public int Hashes { get; set; } = 112;

    public int Bands { get; set; } = 28;

    public int RowsPerBand { get; set; } = 4;

    /// <summary>Two documents sharing a band are joined only if their signatures agree on at least this share of hashes.</summary>
    public double MinSimilarity { get; set; } = 0.5;

    /// <summary>Seed of the hash functions: signatures from runs with another seed cannot be compared.</summary>
    public int Seed { get; set; } = 1;

    public IEnumerable<string> Validate(string section)
    {
        if (ShingleWords < 1)
        {
            yield return $"{section}:ShingleWords must be at least 1";
        }

        if (Bands < 1 || RowsPerBand < 1 || Bands * RowsPerBand != Hashes)
        {
            yield return $"{section}:Bands × {section}:RowsPerBand must equal {section}:Hashes ({Bands} × {RowsPerBand} ≠ {Hashes})";
        }

        if (MinSimilarity is < 0 or > 1)
        {
            yield return $"{section}:MinSimilarity must be between 0 and 1";
        }
    }
}
