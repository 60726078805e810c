using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SciCurate.DomainFilter.Web;
using SciCurate.DomainFilter.Web.Extraction;
using SciCurate.DomainFilter.Web.Quality;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Web;

namespace SciCurate.Pipeline.Tests.Web;

public sealed class WebCorpusRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("web-run").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Data(string relative) => Path.Combine(AppContext.BaseDirectory, "data", "web", relative);

    private static WebCorpusRunner Runner() =>
        new(new RunOptions { Workers = 2 }, new WebRunOptions(),
            () => new WebDocumentBuilder(new DensityContentExtractor(), new StopwordLanguageIdentifier()), NullLogger<WebCorpusRunner>.Instance);

    private string Inputs()
    {
        var inputs = Path.Combine(_dir, "in");
        var html = Path.Combine(inputs, "html");
        Directory.CreateDirectory(html);
        foreach (var f in Directory.GetFiles(Data("article-extraction-benchmark/html")))
        {
            File.Copy(f, Path.Combine(html, Path.GetFileName(f)));
        }

        File.Copy(Data("article-extraction-benchmark/ground-truth.json"), Path.Combine(html, "urls.json"));
        File.Copy(Data("warc/cc-main-2020-34-sample.warc.gz"), Path.Combine(inputs, "cc.warc.gz"));
        File.Copy(Data("warc/clipped.warc.gz"), Path.Combine(inputs, "clipped.warc.gz"));
        File.WriteAllText(Path.Combine(inputs, "pages.jsonl"),
            JsonSerializer.Serialize(new { url = "https://Example.org:443/a#top", html = "<html><body><p>One short page.</p></body></html>" }) + "\n{broken\n");
        return inputs;
    }

    private static List<Dictionary<string, object?>> Query(string outDir, string sql) =>
        DuckDb.Records(sql.Replace("TABLE", $"read_parquet('{outDir}/web_documents/*.parquet')", StringComparison.Ordinal));

    [Trait("Category", "Slow")]
    [Fact]
    public async Task Run_WritesWebDocuments_ReadBackByDuckDb_AndResumes()
    {
        var outDir = Path.Combine(_dir, "out");
        var summary = await Runner().RunAsync(new RunRequest([Inputs()], outDir));

        Assert.Equal(4 + 1 + 1 + 1, summary.Inputs);
        var total = Query(outDir, "select count(*) as n from TABLE")[0]["n"];
        Assert.Equal((long)(summary.DocumentsOk + summary.DocumentsFailed), Convert.ToInt64(total, System.Globalization.CultureInfo.InvariantCulture));

        // Benchmark pages: URL from urls.json, id = SHA-256 of the normalised URL, article text, English, signals.
        var ctpost = Query(outDir, "select * from TABLE where url like 'https://www.ctpost.com/%'").Single();
        Assert.Equal(UrlNormalizer.DocId((string)ctpost["url"]!), ctpost["doc_id"]);
        Assert.Equal("ctpost.com", ctpost["domain"]);
        Assert.Equal("ok", ctpost["status"]);
        Assert.Equal("en", ctpost["language"]);
        Assert.Contains("Los Angeles Auto Show", (string)ctpost["text"]!, StringComparison.Ordinal);
        Assert.True((double)ctpost["gopher_words"]! > 200);
        Assert.Null(ctpost["decision"]);
        Assert.Null(ctpost["rewritten_text"]);

        // JSONL: the URL normalises (host case, default port, fragment), the short page fails rules, the broken line fails.
        var jsonl = Query(outDir, "select doc_id, status, failed_rules, error from TABLE where source like '%pages.jsonl%' order by source");
        Assert.Equal(2, jsonl.Count);
        Assert.Equal(UrlNormalizer.DocId("https://example.org/a"), jsonl[0]["doc_id"]);
        Assert.Contains("gopher_min_words", ((System.Collections.IEnumerable)jsonl[0]["failed_rules"]!).Cast<string>());
        Assert.Equal("failed", jsonl[1]["status"]);
        Assert.Contains("invalid JSON", (string)jsonl[1]["error"]!, StringComparison.Ordinal);

        // The clipped WARC becomes a failed row, not a crashed run; the CC sample gives its HTML responses.
        Assert.NotEmpty(Query(outDir, "select 1 from TABLE where source like '%clipped.warc.gz%' and status = 'failed'"));
        Assert.True(Query(outDir, "select count(*) as n from TABLE where source like '%cc.warc.gz%' and status = 'ok'")[0]["n"] is long n && n >= 10);

        // A second run skips every input; touching one input redoes only it.
        var again = await Runner().RunAsync(new RunRequest([Path.Combine(_dir, "in")], outDir));
        Assert.Equal(again.Inputs, again.InputsSkipped);
        Assert.Equal(0, again.DocumentsOk + again.DocumentsFailed);
        File.AppendAllText(Path.Combine(_dir, "in", "pages.jsonl"), JsonSerializer.Serialize(new { url = "https://example.org/b", text = "More text." }) + "\n");
        var third = await Runner().RunAsync(new RunRequest([Path.Combine(_dir, "in")], outDir));
        Assert.Equal(third.Inputs - 1, third.InputsSkipped);

        // The redone input's first page was written by the first run: recorded as a duplicate, not a second copy.
        Assert.Equal(2, third.DocumentsOk + third.DocumentsFailed);
        Assert.Equal(1, third.Duplicates);
        Assert.Equal(0L, Query(outDir, "select count(*) as n from (select doc_id from TABLE where status <> 'duplicate' and status <> 'failed' group by doc_id having count(*) > 1)")[0]["n"]);
    }

    [Fact]
    public async Task Run_SameUrlInTwoInputs_KeepsTheFirstCopy_AndRecordsTheOthersAsDuplicates()
    {
        var inputs = Directory.CreateDirectory(Path.Combine(_dir, "dup")).FullName;
        string Line(string url, string words) => JsonSerializer.Serialize(new { url, html = $"<html><body><article><p>{words}</p></article></body></html>" }) + "\n";
        File.WriteAllText(Path.Combine(inputs, "a.jsonl"), Line("https://example.org/page", "first copy of the page") + Line("https://example.org/other", "another page"));
        File.WriteAllText(Path.Combine(inputs, "b.jsonl"), Line("https://EXAMPLE.org:443/page#frag", "second copy, same URL once normalised")
            + Line("https://example.org/page", "third copy"));
        var outDir = Path.Combine(_dir, "dup-out");

        var summary = await Runner().RunAsync(new RunRequest([inputs], outDir));

        Assert.Equal(2, summary.DocumentsOk);
        Assert.Equal(2, summary.Duplicates);
        var rows = Query(outDir, "select status, text, error, source from TABLE where doc_id = '" + UrlNormalizer.DocId("https://example.org/page") + "' order by status desc");
        Assert.Equal(["ok", "duplicate", "duplicate"], rows.Select(r => (string)r["status"]!));
        Assert.Contains("first copy", (string)rows[0]["text"]!, StringComparison.Ordinal);
        Assert.Contains("a.jsonl", (string)rows[0]["source"]!, StringComparison.Ordinal);
        Assert.All(rows.Skip(1), r => Assert.Equal("", r["text"]));
        Assert.All(rows.Skip(1), r => Assert.StartsWith("duplicate:", (string)r["error"]!, StringComparison.Ordinal));
    }

    /// <summary>
    /// The real extractor, which cancels the run once all instances together have read <paramref name="limit"/> pages
    /// (the runner builds one per worker thread, so the count is shared).
    /// </summary>
    private sealed class CancelAfter(int limit, CancellationTokenSource cts, StrongBox<int> calls) : IContentExtractor
    {
        private readonly DensityContentExtractor _inner = new();

        public ExtractedContent Extract(string html, Uri? url, CancellationToken ct = default)
        {
            if (Interlocked.Increment(ref calls.Value) == limit)
            {
                cts.Cancel();
            }

            return _inner.Extract(html, url, ct);
        }
    }

    [Fact]
    public async Task Run_KilledInsideALongInput_ResumesAfterTheCommittedPages()
    {
        var inputs = Directory.CreateDirectory(Path.Combine(_dir, "long")).FullName;
        var crawl = Path.Combine(inputs, "crawl.jsonl");
        File.WriteAllLines(crawl, Enumerable.Range(0, 300).Select(i => JsonSerializer.Serialize(new
        {
            url = $"https://example.org/page/{i}",
            html = $"<html><body><article><p>Page {i} of the crawl, a paragraph long enough to be the main content of its page.</p></article></body></html>",
        })));
        var outDir = Path.Combine(_dir, "long-out");
        var options = new RunOptions { Workers = 2, ShardMaxRows = 64 };
        using var cts = new CancellationTokenSource();
        var calls = new StrongBox<int>();
        var killed = new WebCorpusRunner(options, new WebRunOptions(),
            () => new WebDocumentBuilder(new CancelAfter(150, cts, calls), new StopwordLanguageIdentifier()), NullLogger<WebCorpusRunner>.Instance);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => killed.RunAsync(new RunRequest([inputs], outDir), ct: cts.Token));

        // Whole shards of 64 pages are committed (at least the two before the cancellation, perhaps the one it
        // interrupted if its pages were already read) and the input says how far it got.
        var entry = new SciCurate.Pipeline.Output.OutputStore(outDir).Read().Inputs[crawl];
        Assert.Equal(InputStatus.Partial, entry.Status);
        var done = entry.RecordsDone!.Value;
        Assert.InRange(done, 128, 192);
        Assert.Equal(0, done % 64);
        Assert.Equal(done, Query(outDir, "select count(*) as n from TABLE")[0]["n"]);

        var resumed = await new WebCorpusRunner(options, new WebRunOptions(),
            () => new WebDocumentBuilder(new DensityContentExtractor(), new StopwordLanguageIdentifier()), NullLogger<WebCorpusRunner>.Instance)
            .RunAsync(new RunRequest([inputs], outDir));

        Assert.Equal(300 - done, resumed.DocumentsOk + resumed.DocumentsFailed);
        Assert.Equal(0, resumed.Duplicates);
        Assert.Equal(InputStatus.Ok, new SciCurate.Pipeline.Output.OutputStore(outDir).Read().Inputs[crawl].Status);
        var counts = Query(outDir, "select count(*) as n, count(distinct doc_id) as ids from TABLE")[0];
        Assert.Equal(300L, counts["n"]);
        Assert.Equal(300L, counts["ids"]);
        Assert.Equal(0, (await new WebCorpusRunner(options, new WebRunOptions(),
            () => new WebDocumentBuilder(new DensityContentExtractor(), new StopwordLanguageIdentifier()), NullLogger<WebCorpusRunner>.Instance)
            .RunAsync(new RunRequest([inputs], outDir))).DocumentsOk);
    }
}
