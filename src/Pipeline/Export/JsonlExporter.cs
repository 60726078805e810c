using System.IO.Compression;
using System.Text;
using System.Text.Json;
using SciCurate.DomainFilter.Web;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Web;

namespace SciCurate.Pipeline.Export;

/// <summary>
/// Streams the kept documents of an output folder into JSONL (plain, gzip or zstd), one document per line in the
/// dolma/datatrove shape: <c>{"id", "text", "source", "added", "metadata": {...}}</c>. Tables are read a row group at
/// a time and lines written as they come, so memory stays constant whatever the corpus size.
/// Kept means: a PDF with status ok (no VLM page pending unless asked), a web page kept or rewritten (the rewritten
/// text then); never failed, dropped, duplicate or near-duplicate rows.
/// </summary>
public sealed class JsonlExporter(OutputStore store, ExportFilter filter)
{
    public static bool IsSupported(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".jsonl.zst", StringComparison.OrdinalIgnoreCase);

    /// <summary>Rows the export will read (for the progress bar), from the manifest.</summary>
    public long CountRows() => store.Read().Shards.Values
        .Where(s => (s.Table == PdfCorpusRunner.DocumentsTable && filter.Kind != "web") || (s.Table == WebCorpusRunner.DocumentsTable && filter.Kind != "pdf"))
        .Sum(s => s.Rows);

    public async Task<ExportSummary> ExportAsync(string path, ExportProgress? progress = null, CancellationToken ct = default)
    {
        progress ??= new ExportProgress();
        var skipped = new Dictionary<string, long>(StringComparer.Ordinal);
        long written = 0, tokens = 0;
        var temp = path + ".part";
        await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        await using (var compressed = Compress(file, path))
        await using (var writer = new Utf8JsonWriter(compressed, new JsonWriterOptions { Indented = false, SkipValidation = true }))
        {
            void Skip(string reason)
            {
                skipped[reason] = skipped.GetValueOrDefault(reason) + 1;
                progress.Row(false);
            }

            async Task LineAsync(Action<Utf8JsonWriter> write, long rowTokens)
            {
                write(writer);
                await writer.FlushAsync(ct);
                writer.Reset();
                compressed.WriteByte((byte)'\n');
                written++;
                tokens += rowTokens;
                progress.Row(true);
            }

            if (filter.Kind != "web")
            {
                await foreach (var (_, row) in TableReader.ReadAsync<PdfDocumentRow>(store, PdfCorpusRunner.DocumentsTable, ct))
                {
                    if (row.Status != PdfDocumentStatus.Ok)
                    {
                        Skip(row.Status.ToWire());
                    }
                    else if (row.PendingPages > 0 && !filter.IncludePending)
                    {
                        Skip(PageRoute.VlmPending.ToWire());
                    }
                    else if (row.Tokens < filter.MinTokens)
                    {
                        Skip("below --min-tokens");
                    }
                    else if (filter.Languages is not null && (row.Language is null || !filter.Languages.Contains(row.Language)))
                    {
                        Skip("language");
                    }
                    else
                    {
                        await LineAsync(w => WritePdf(w, row), row.Tokens);
                    }
                }
            }

            if (filter.Kind != "pdf")
            {
                await foreach (var (_, row) in TableReader.ReadAsync<WebDocumentRow>(store, WebCorpusRunner.DocumentsTable, ct))
                {
                    var pending = row.Status is WebPageStatus.RewritePending or WebPageStatus.Ok;
                    if (!(row.Status is WebPageStatus.Kept or WebPageStatus.Rewritten || pending))
                    {
                        Skip(row.Status.ToWire());
                    }
                    else if (pending && !filter.IncludePending)
                    {
                        Skip(row.Status.ToWire());
                    }
                    else if (row.Tokens < filter.MinTokens)
                    {
                        Skip("below --min-tokens");
                    }
                    else if (filter.Languages is not null && (row.Language is null || !filter.Languages.Contains(row.Language)))
                    {
                        Skip("language");
                    }
                    else
                    {
                        await LineAsync(w => WriteWeb(w, row), row.Tokens);
                    }
                }
            }
        }

        File.Move(temp, path, overwrite: true);
        return new ExportSummary(written, tokens, skipped);
    }

    private static Stream Compress(Stream file, string path)
    {
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true);
        }

        if (path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase))
        {
            return new ZstdSharp.CompressionStream(file, 3, leaveOpen: true);
        }

        return new BufferedStream(file, 1 << 16);
    }

    private static void WritePdf(Utf8JsonWriter w, PdfDocumentRow row)
    {
        w.WriteStartObject();
        w.WriteString("id", row.DocId);
        w.WriteString("text", row.Markdown);
        w.WriteString("source", "pdf");
        w.WriteString("added", Added(row.ProcessedAt));
        w.WriteStartObject("metadata");
        w.WriteNumber("tokens", row.Tokens);
        w.WriteString("language", row.Language);
        w.WriteString("source_path", row.SourceRelPath.Length > 0 ? row.SourceRelPath : row.SourcePath);
        w.WriteNumber("page_count", row.PageCount);
        w.WriteNumber("hard_pages", row.HardPages);
        w.WriteNumber("pending_pages", row.PendingPages);
        w.WriteString("sha256", row.Sha256);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteWeb(Utf8JsonWriter w, WebDocumentRow row)
    {
        w.WriteStartObject();
        w.WriteString("id", row.DocId);
        w.WriteString("text", row.Status == WebPageStatus.Rewritten && row.RewrittenText is not null ? row.RewrittenText : row.Text);
        w.WriteString("source", "web");
        w.WriteString("added", Added(row.ProcessedAt));
        w.WriteStartObject("metadata");
        w.WriteNumber("tokens", row.Tokens);
        w.WriteString("language", row.Language);
        w.WriteString("url", row.Url);
        w.WriteString("domain", row.Domain);
        w.WriteString("title", row.Title);
        w.WriteString("status", row.Status.ToWire());
        w.WriteString("judge", row.Judge);
        if (row.FetchTime is { } fetched)
        {
            w.WriteString("fetch_time", Added(fetched));
        }

        w.WriteNumber("pii_masked", row.PiiEmails + row.PiiIps + row.PiiPhones);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string Added(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
}
