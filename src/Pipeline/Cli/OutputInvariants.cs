using System.Text.Json.Serialization;
using SciCurate.DomainFilter.Web;
using SciCurate.DomainFilter.Web.Intake;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Pdf;

namespace SciCurate.Pipeline.Cli;

/// <summary>
/// What must hold in a finished output folder, whoever wrote it (runs, served jobs, rewrites, killed writers): one row per
/// doc_id (web URL duplicates aside), every page of every parsed PDF once, every finished PDF input with its row, every
/// Parquet file in the manifest, and a decision for every judged domain. Each broken rule is one line naming what
/// broke it (at most a few examples each). Shard wholeness (size, checksum) is <see cref="OutputStore.Verify"/>.
/// </summary>
public static class OutputInvariants
{
    private const int Examples = 5;

    public static async Task<List<string>> CheckAsync(OutputStore store, CancellationToken ct)
    {
        var problems = new List<string>();
        var manifest = store.Read();
        Orphans(store, manifest, problems);

        // PDFs: one row per doc_id (byte-identical copies get none), every page of a parsed document once.
        var documents = new Dictionary<string, (PdfDocumentStatus Status, int Pages)>(StringComparer.Ordinal);
        var twice = new List<string>();
        await foreach (var (_, row) in TableReader.ReadAsync<DocumentSlice>(store, Tables.PdfDocuments.Name, ct))
        {
            if (!documents.TryAdd(row.DocId, (row.Status, row.PageCount)))
            {
                twice.Add(row.DocId);
            }
        }

        Report(problems, twice, "pdf_documents: doc_id stored more than once");
        var pages = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        await foreach (var (_, row) in TableReader.ReadAsync<PageSlice>(store, Tables.PdfPages.Name, ct))
        {
            if (!pages.TryGetValue(row.DocId, out var list))
            {
                pages[row.DocId] = list = [];
            }

            list.Add(row.PageNo);
        }

        var wrongPages = new List<string>();
        foreach (var (docId, doc) in documents)
        {
            var got = pages.GetValueOrDefault(docId) ?? [];
            if (doc.Status == PdfDocumentStatus.Failed)
            {
                continue;
            }

            got.Sort();
            if (got.Count != doc.Pages || got.Where((p, i) => p != i + 1).Any())
            {
                wrongPages.Add($"{docId} ({got.Count} page rows for {doc.Pages} pages)");
            }
        }

        Report(problems, wrongPages, "pdf_pages: a document's pages missing or stored twice");
        Report(problems, [.. pages.Keys.Where(d => !documents.ContainsKey(d))], "pdf_pages: pages of a document with no pdf_documents row");
        Report(problems, [.. manifest.Inputs
            .Where(i => i.Value.Status is InputStatus.Ok or InputStatus.Failed && !WebInputs.IsWeb(i.Key) && !documents.ContainsKey(i.Value.DocId))
            .Select(i => i.Key)], "manifest: finished PDF input with no pdf_documents row");

        // Web: one row per doc_id (the normalised URL) except URL duplicates; a decision for every judged domain.
        var webIds = new HashSet<string>(StringComparer.Ordinal);
        var webTwice = new List<string>();
        var judged = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var (_, row) in TableReader.ReadAsync<WebSlice>(store, Tables.WebDocuments.Name, ct))
        {
            if (row.Status != WebPageStatus.Duplicate && !webIds.Add(row.DocId))
            {
                webTwice.Add(row.DocId);
            }

            if (row.Status is WebPageStatus.Kept or WebPageStatus.Dropped or WebPageStatus.RewritePending or WebPageStatus.Rewritten)
            {
                judged.Add(row.Domain);
            }
        }

        Report(problems, webTwice, "web_documents: doc_id stored more than once");
        var decided = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var (_, row) in TableReader.ReadAsync<DecisionSlice>(store, Tables.DomainDecisions.Name, ct))
        {
            decided.Add(row.Domain);
        }

        Report(problems, [.. judged.Where(d => !decided.Contains(d)).Order(StringComparer.Ordinal)], "domain_decisions: judged domain with no decision");
        return problems;
    }

    /// <summary>Parquet files in the tables' folders that the manifest does not list (a writer killed between rename and manifest).</summary>
    private static void Orphans(OutputStore store, Manifest manifest, List<string> problems)
    {
        var orphans = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories(store.Root))
        {
            var table = Path.GetFileName(dir);
            if (table.StartsWith('.'))
            {
                continue;
            }

            orphans.AddRange(Directory.EnumerateFiles(dir, "*.parquet")
                .Select(f => $"{table}/{Path.GetFileName(f)}")
                .Where(r => !manifest.Shards.ContainsKey(r)));
        }

        Report(problems, orphans, "shard not in the manifest (the next run removes it)");
    }

    private static void Report(List<string> problems, List<string> cases, string rule)
    {
        if (cases.Count > 0)
        {
            problems.Add($"{rule}: {cases.Count} ({string.Join(", ", cases.Take(Examples))}{(cases.Count > Examples ? ", …" : "")})");
        }
    }

    private sealed class DocumentSlice
    {
        [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
        [JsonPropertyName("status")] public string StatusWire { get => Status.ToWire(); set => Status = Output.StatusWire.ParsePdfDocumentStatus(value); }
        [JsonIgnore] public PdfDocumentStatus Status { get; set; }
        [JsonPropertyName("page_count")] public int PageCount { get; set; }
    }

    private sealed class PageSlice
    {
        [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
        [JsonPropertyName("page_no")] public int PageNo { get; set; }
    }

    private sealed class WebSlice
    {
        [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
        [JsonPropertyName("domain")] public string Domain { get; set; } = "";
        [JsonPropertyName("status")] public string StatusWire { get => Status.ToWire(); set => Status = Output.StatusWire.ParseWebPageStatus(value); }
        [JsonIgnore] public WebPageStatus Status { get; set; }
    }

    private sealed class DecisionSlice
    {
        [JsonPropertyName("domain")] public string Domain { get; set; } = "";
    }
}
