using System.Text.Json.Serialization;

namespace SciCurate.Pipeline.Dedup;

/// <summary>
/// One document's MinHash signature: a row of the doc_signatures table. Later runs compare their new documents with
/// these instead of reading old text again.
/// </summary>
public sealed class SignatureRow
{
    [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
    /// <summary>pdf | web.</summary>
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    /// <summary>The MinHash values, 4 bytes each, little-endian (Dedup:Hashes of them).</summary>
    [JsonPropertyName("minhash")] public byte[] MinHash { get; set; } = [];
    /// <summary>Hash of the normalised word sequence: equal for exact copies.</summary>
    [JsonPropertyName("exact_hash")] public long ExactHash { get; set; }
    [JsonPropertyName("words")] public int Words { get; set; }
    /// <summary>The doc_id of the copy kept for this document's cluster (its own when it is the one kept).</summary>
    [JsonPropertyName("kept_doc_id")] public string KeptDocId { get; set; } = "";
    /// <summary>Dedup settings the signature was made with (hashes, seed, shingle words): others cannot be compared.</summary>
    [JsonPropertyName("scheme")] public string Scheme { get; set; } = "";
}
