namespace SciCurate.Pipeline.Output;

/// <summary>
/// One table of an output folder as the shard writer sees it: its folder name, the rough size of a row (for rollover by
/// bytes), and how its shards are cut and named.
/// </summary>
public sealed record ShardTable<T>(string Name, Func<T, long> SizeOf)
    where T : class
{
    /// <summary>
    /// False for a small side table written once per set (domain_decisions, doc_signatures): it never starts a new shard
    /// by itself and its rows never count towards the set's rollover.
    /// </summary>
    public bool Rolls { get; init; } = true;

    /// <summary>Named part-{batch}.parquet instead of part-{batch}-{sequence}.parquet (doc_signatures: one shard per pass).</summary>
    public bool Unnumbered { get; init; }

    public string ShardName(string batch, int sequence) => Unnumbered ? $"part-{batch}.parquet" : $"part-{batch}-{sequence:D5}.parquet";
}

/// <summary>The tables curate writes, each declared once.</summary>
public static class Tables
{
    public static readonly ShardTable<PdfDocumentRow> PdfDocuments = new("pdf_documents", d => d.Markdown.Length + d.SourcePath.Length + 200);

    public static readonly ShardTable<PdfPageRow> PdfPages = new("pdf_pages", p => p.Markdown.Length + p.CheapMarkdown.Length + 200);

    /// <summary>Rewritten text counts towards the size too (the judge's generations carry it).</summary>
    public static readonly ShardTable<WebDocumentRow> WebDocuments = new("web_documents",
        r => r.Text.Length + r.Markdown.Length + (r.RewrittenText?.Length ?? 0) + 500);

    public static readonly ShardTable<DomainDecisionRow> DomainDecisions = new("domain_decisions", r => r.Reason.Length + 500) { Rolls = false };

    public static readonly ShardTable<Dedup.SignatureRow> DocSignatures = new("doc_signatures", r => r.MinHash.Length + 100)
    {
        Rolls = false,
        Unnumbered = true,
    };
}
