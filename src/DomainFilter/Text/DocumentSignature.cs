namespace SciCurate.DomainFilter.Text;

/// <summary>
/// What near-duplicate detection keeps of a document: its MinHash values and a hash of its normalised word sequence
/// (equal for exact copies, whatever their whitespace, punctuation, case or Markdown).
/// </summary>
public sealed record DocumentSignature(uint[] MinHashes, ulong ExactHash, int Words)
{
    /// <summary>The MinHash values as little-endian bytes (the stored form).</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[MinHashes.Length * 4];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(MinHashes.AsSpan()).CopyTo(bytes);
        return bytes;
    }

    public static uint[] FromBytes(ReadOnlySpan<byte> bytes) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(bytes).ToArray();
}
