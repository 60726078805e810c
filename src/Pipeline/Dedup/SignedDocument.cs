using SciCurate.DomainFilter.Text;

namespace SciCurate.Pipeline.Dedup;

/// <summary>
/// A document signed as its rows were written (<c>curate run</c> signs each PDF in its parse worker): what the duplicate
/// pass needs of it, so the pass does not read the rows back. A null signature: no words to compare.
/// </summary>
/// <param name="Kind">pdf | web.</param>
/// <param name="Shard">The shard its row was written to (table folder and file, as the manifest names it).</param>
/// <param name="Rank">The kept-copy rule's rank (<see cref="NearDuplicateStage"/>): higher is better.</param>
public sealed record SignedDocument(string DocId, string Kind, string Shard, int Rank, DocumentSignature? Signature)
{
    public int Words => Signature?.Words ?? 0;
}
