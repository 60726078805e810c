using System.Globalization;
using System.Text.Json.Serialization;
using SciCurate.DomainFilter.Web;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Web;

namespace SciCurate.Pipeline.Stats;

/// <summary>
/// Tokens kept (what `curate export` writes by default: PDFs without pending VLM pages, web pages kept or rewritten),
/// tokens waiting on a VLM page or a rewrite, exact and near duplicates, and PII masked, per kind.
/// </summary>
public sealed class CorpusStats : IStatsSection
{
    public string Name => "corpus";

    public async Task<IReadOnlyList<StatsTable>> ComputeAsync(OutputStore store, CurateConfig config, CancellationToken ct)
    {
        var tables = store.Read().Shards.Values.Select(s => s.Table).ToHashSet(StringComparer.Ordinal);
        if (!tables.Contains(PdfCorpusRunner.DocumentsTable) && !tables.Contains(WebCorpusRunner.DocumentsTable))
        {
            return [];
        }

        var pdf = new Tally();
        await foreach (var (_, row) in TableReader.ReadAsync<PdfTokenRow>(store, PdfCorpusRunner.DocumentsTable, ct))
        {
            pdf.Add(row.Status == PdfDocumentStatus.Ok && row.PendingPages == 0, row.Status == PdfDocumentStatus.Ok && row.PendingPages > 0,
                exact: row.Status == PdfDocumentStatus.Duplicate && row.DuplicateOf is not null, near: row.Status == PdfDocumentStatus.NearDuplicate, row.Tokens,
                row.PiiEmails + row.PiiIps + row.PiiPhones);
        }

        var web = new Tally();
        await foreach (var (_, row) in TableReader.ReadAsync<WebTokenRow>(store, WebCorpusRunner.DocumentsTable, ct))
        {
            web.Add(row.Status is WebPageStatus.Kept or WebPageStatus.Rewritten, row.Status is WebPageStatus.Ok or WebPageStatus.RewritePending,
                exact: row.Status == WebPageStatus.Duplicate && row.DuplicateOf is not null, near: row.Status == WebPageStatus.NearDuplicate, row.Tokens,
                row.PiiEmails + row.PiiIps + row.PiiPhones);
        }

        var inv = CultureInfo.InvariantCulture;
        string[] Row(string kind, Tally t) =>
        [
            kind, t.KeptDocs.ToString("N0", inv), t.KeptTokens.ToString("N0", inv), t.PendingTokens.ToString("N0", inv),
            t.Exact.ToString("N0", inv), t.Near.ToString("N0", inv), t.Pii.ToString("N0", inv),
        ];
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["science_tokens_kept"] = pdf.KeptTokens + web.KeptTokens,
            ["pdf_tokens_kept"] = pdf.KeptTokens,
            ["web_tokens_kept"] = web.KeptTokens,
            ["tokens_pending"] = pdf.PendingTokens + web.PendingTokens,
            ["documents_kept"] = pdf.KeptDocs + web.KeptDocs,
            ["duplicates"] = pdf.Exact + pdf.Near + web.Exact + web.Near,
            ["exact_duplicates"] = pdf.Exact + web.Exact,
            ["near_duplicates"] = pdf.Near + web.Near,
            ["pii_masked"] = pdf.Pii + web.Pii,
        };
        return
        [
            new StatsTable(
                $"Corpus: science tokens kept ({config.Tokens.Encoding})",
                ["kind", "documents kept", "tokens kept", "tokens pending", "exact duplicates", "near duplicates", "PII masked"],
                [Row("pdf", pdf), Row("web", web)],
                ["kept = what `curate export` writes by default; pending = PDFs with VLM-pending pages, web pages awaiting a verdict or rewrite"],
                values),
        ];
    }

    private sealed class Tally
    {
        public long KeptDocs;
        public long KeptTokens;
        public long PendingTokens;
        public long Exact;
        public long Near;
        public long Pii;

        /// <param name="exact">A text duplicate (URL duplicates have no duplicate_of and are not counted).</param>
        public void Add(bool kept, bool pending, bool exact, bool near, long tokens, long pii)
        {
            KeptDocs += kept ? 1 : 0;
            KeptTokens += kept ? tokens : 0;
            PendingTokens += pending ? tokens : 0;
            Exact += exact ? 1 : 0;
            Near += near ? 1 : 0;
            Pii += pii;
        }
    }

    private sealed class PdfTokenRow
    {
        [JsonPropertyName("status")] public string StatusWire { get => Status.ToWire(); set => Status = Output.StatusWire.ParsePdfDocumentStatus(value); }
        [JsonIgnore] public PdfDocumentStatus Status { get; set; }
        [JsonPropertyName("pending_pages")] public int PendingPages { get; set; }
        [JsonPropertyName("tokens")] public long Tokens { get; set; }
        [JsonPropertyName("duplicate_of")] public string? DuplicateOf { get; set; }
        [JsonPropertyName("pii_emails")] public int PiiEmails { get; set; }
        [JsonPropertyName("pii_ips")] public int PiiIps { get; set; }
        [JsonPropertyName("pii_phones")] public int PiiPhones { get; set; }
    }

    private sealed class WebTokenRow
    {
        [JsonPropertyName("status")] public string StatusWire { get => Status.ToWire(); set => Status = Output.StatusWire.ParseWebPageStatus(value); }
        [JsonIgnore] public WebPageStatus Status { get; set; }
        [JsonPropertyName("tokens")] public long Tokens { get; set; }
        [JsonPropertyName("duplicate_of")] public string? DuplicateOf { get; set; }
        [JsonPropertyName("pii_emails")] public int PiiEmails { get; set; }
        [JsonPropertyName("pii_ips")] public int PiiIps { get; set; }
        [JsonPropertyName("pii_phones")] public int PiiPhones { get; set; }
    }
}
