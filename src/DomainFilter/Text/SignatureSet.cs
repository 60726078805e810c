namespace SciCurate.DomainFilter.Text;

/// <summary>
/// Signatures of many documents in one flat array (no object per document): the whole of what the near-duplicate
/// index holds in memory, <c>Hashes × 4 + 8</c> bytes per document (456 bytes with 112 hashes, 0.46 GB per million).
/// </summary>
public sealed class SignatureSet(int hashes, int capacity = 1024)
{
    private uint[] _values = new uint[hashes * Math.Max(1, capacity)];
    private ulong[] _exact = new ulong[Math.Max(1, capacity)];

    public int Hashes => hashes;

    public int Count { get; private set; }

    /// <summary>Adds a signature; returns its index.</summary>
    public int Add(ReadOnlySpan<uint> minHashes, ulong exactHash)
    {
        if (minHashes.Length != hashes)
        {
            throw new ArgumentException($"signature has {minHashes.Length} hashes, the set {hashes} (stored with other Dedup settings?)", nameof(minHashes));
        }

        if (Count == _exact.Length)
        {
            Array.Resize(ref _exact, _exact.Length * 2);
            Array.Resize(ref _values, _exact.Length * hashes);
        }

        minHashes.CopyTo(_values.AsSpan(Count * hashes, hashes));
        _exact[Count] = exactHash;
        return Count++;
    }

    public int Add(DocumentSignature signature) => Add(signature.MinHashes, signature.ExactHash);

    public ReadOnlySpan<uint> MinHashes(int index) => _values.AsSpan(index * hashes, hashes);

    public ulong ExactHash(int index) => _exact[index];

    /// <summary>Share of hash functions on which two documents agree: an estimate of their shingles' Jaccard similarity.</summary>
    public double Similarity(int x, int y)
    {
        var a = MinHashes(x);
        var b = MinHashes(y);
        var same = 0;
        for (var i = 0; i < a.Length; i++)
        {
            same += a[i] == b[i] ? 1 : 0;
        }

        return (double)same / a.Length;
    }
}
