using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SciCurate.DomainFilter.Web;
using SciCurate.DomainFilter.Web.Extraction;
using SciCurate.DomainFilter.Web.Quality;
using SciCurate.Pipeline.Cli;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Web;
using static SciCurate.Pipeline.Tests.Web.JudgeTestCorpus;

namespace SciCurate.Pipeline.Tests.Web;

/// <summary>
/// `curate run` writes each web row once, with its final status: intake stages the rows, the judge writes them. A run
/// killed after intake (or between the judge's commit and the staging's removal) resumes with every page once.
/// </summary>
[Collection("console")]
public sealed class WebRowsOnceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("web-once-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const int CrawlPages = 120;

    /// <summary>A JSONL crawl over four domains, one revisited URL and one broken line, and the real Common Crawl sample.</summary>
    private string Inputs()
    {
        var inputs = Directory.CreateDirectory(Path.Combine(_dir, "in")).FullName;
        var lines = Enumerable.Range(0, CrawlPages).Select(i => JsonSerializer.Serialize(new
        {
            url = $"https://site{i % 4}.example.org/notes/{i}",
            html = $"<html><head><title>Note {i}</title></head><body><article><h1>Note {i}</h1><p>{MathText.Replace("\n", " ", StringComparison.Ordinal)} Part {i}.</p></article></body></html>",
        })).ToList();
        lines.Add(JsonSerializer.Serialize(new { url = "https://SITE1.example.org/notes/1#again", html = "<p>revisited</p>" }));
        lines.Add("{broken");
        File.WriteAllLines(Path.Combine(inputs, "crawl.jsonl"), lines);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "data", "web", "warc", "cc-main-2020-34-sample.warc.gz"), Path.Combine(inputs, "cc.warc.gz"));
        return inputs;
    }

    private static async Task<(int Code, string Output)> CurateAsync(params string[] args)
    {
        var original = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            var code = await CurateCommand.Create().Parse(args).InvokeAsync();
            return (code, captured.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    private static string Docs(string output) => Path.Combine(output, "web_documents", "*.parquet");

    /// <summary>Every page once: no doc_id twice except URL duplicates, and each judged (or failed, or a URL duplicate).</summary>
    private static void AssertEveryPageOnce(string output, long expectedRows)
    {
        var docs = Docs(output);
        Assert.Equal(expectedRows, Query($"select count(*) from read_parquet('{docs}')")[0][0]);
        Assert.Equal(0L, Query($"select count(*) from (select doc_id from read_parquet('{docs}') where status <> 'duplicate' group by doc_id having count(*) > 1)")[0][0]);
        Assert.Equal(0L, Query($"select count(*) from read_parquet('{docs}') where status = 'ok'")[0][0]);
        Assert.False(Directory.Exists(WebStaging.PathIn(output)), "the staging is removed once committed");
        var manifest = new OutputStore(output).Read();
        Assert.All(manifest.Inputs.Values, i => Assert.Equal(InputStatus.Ok, i.Status));
    }

    private static long WebRowsWritten(string output, out IReadOnlyList<int> generations)
    {
        var web = new OutputStore(output).Read().Shards.Values.Where(s => s.Table == WebCorpusRunner.DocumentsTable).ToList();
        generations = web.Select(s => s.Generation).Distinct().ToList();
        return web.Sum(s => s.Rows);
    }

    [Fact]
    public async Task Run_WritesEachWebRowOnce_InGenerationOne_WithItsFinalStatus()
    {
        var inputs = Inputs();
        var output = Path.Combine(_dir, "out");
        var config = Config(_dir, null, Path.Combine(_dir, "decisions.sqlite")).SourcePath!;

        var (code, text) = await CurateAsync("run", inputs, "--out", output, "--kind", "web", "--config", config);

        Assert.True(code == 0, text);
        var rows = (long)Query($"select count(*) from read_parquet('{Docs(output)}')")[0][0]!;
        Assert.True(rows > CrawlPages + 2, $"{rows} rows");
        // Written once: every web shard is of generation 1 (a judge superseding intake's shards writes generation 2),
        // and the shards hold as many rows as the table has.
        Assert.Equal(rows, WebRowsWritten(output, out var generations));
        Assert.Equal(1, Assert.Single(generations));
        AssertEveryPageOnce(output, rows);
        Assert.Equal((long)CrawlPages, Query($"select count(*) from read_parquet('{Docs(output)}') where domain = 'example.org' and status <> 'duplicate'")[0][0]);
        // The revisited URL: one copy judged, the other a duplicate without text.
        Assert.Equal([[1L, 1L]], Query($"select count(*) filter (where status = 'duplicate' and text = ''), count(*) filter (where status <> 'duplicate') from read_parquet('{Docs(output)}') where doc_id = '{UrlNormalizer.DocId("https://site1.example.org/notes/1")}'"));

        // A second run finds every input done and writes nothing.
        var before = new OutputStore(output).Read().Shards.Keys.ToList();
        var (again, againText) = await CurateAsync("run", inputs, "--out", output, "--kind", "web", "--config", config);
        Assert.True(again == 0, againText);
        Assert.Equal(before, new OutputStore(output).Read().Shards.Keys.ToList());
    }

    /// <summary>The real extractor, cancelling the run once all instances together have read <paramref name="limit"/> pages.</summary>
    private sealed class CancelAfter(int limit, CancellationTokenSource cts, StrongBox<int> calls, IContentExtractor _inner) : IContentExtractor
    {
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
    public async Task Run_KilledDuringIntake_OrAfterIt_BeforeTheJudgeCommits_ResumesWithEveryPageOnce()
    {
        var inputs = Inputs();
        var curate = Config(_dir, null, Path.Combine(_dir, "decisions.sqlite"));
        var config = curate.SourcePath!;
        // The runners `curate run` builds (PII masking and token counts included), so the rows compare with its own.
        var composition = new Hosting.Composition(curate, NullLoggerFactory.Instance);
        var reference = Path.Combine(_dir, "reference");
        Assert.Equal(0, (await CurateAsync("run", inputs, "--out", reference, "--kind", "web", "--config", config)).Code);
        var expected = (long)Query($"select count(*) from read_parquet('{Docs(reference)}')")[0][0]!;

        // Killed inside the crawl: the pages staged up to the last checkpoint (every 20, Run:ShardMaxRows) stay.
        var output = Path.Combine(_dir, "out");
        using (var cts = new CancellationTokenSource())
        {
            var calls = new StrongBox<int>();
            var runner = new WebCorpusRunner(curate.Run, curate.Web,
                () => new WebDocumentBuilder(new CancelAfter(70, cts, calls, new DensityContentExtractor(curate.WebExtractor)), new StopwordLanguageIdentifier()),
                NullLogger<WebCorpusRunner>.Instance) { TextStages = composition.TextStages };
            using var staging = WebStaging.Open(new OutputStore(output), WebCorpusRunner.NewBatch());
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.StageAsync(new RunRequest([inputs], output), staging, ct: cts.Token));
            Assert.NotEmpty(staging.Pages);
        }

        // Nothing of it is in the output yet; the next run takes the staging up, reads only what is left, judges, writes once.
        Assert.DoesNotContain(new OutputStore(output).Read().Shards.Values, s => s.Table == WebCorpusRunner.DocumentsTable);
        var (code, text) = await CurateAsync("run", inputs, "--out", output, "--kind", "web", "--config", config);
        Assert.True(code == 0, text);
        AssertEveryPageOnce(output, expected);
        Assert.Equal(expected, WebRowsWritten(output, out var generations));
        Assert.Equal(1, Assert.Single(generations));
        // The same rows as a run never interrupted (timings aside).
        Assert.Equal(Query($"select * exclude (processed_at, extract_ms) from read_parquet('{Docs(reference)}') order by all"),
            Query($"select * exclude (processed_at, extract_ms) from read_parquet('{Docs(output)}') order by all"));

        // Killed after intake, before the judge: the whole crawl is staged, the rerun extracts nothing.
        var second = Path.Combine(_dir, "second");
        using (var staging = WebStaging.Open(new OutputStore(second), WebCorpusRunner.NewBatch()))
        {
            var runner = composition.CreateWebRunner();
            var staged = await runner.StageAsync(new RunRequest([inputs], second), staging);
            Assert.Equal(expected, staged.DocumentsOk + staged.DocumentsFailed + staged.Duplicates);
        }

        (code, text) = await CurateAsync("run", inputs, "--out", second, "--kind", "web", "--config", config);
        Assert.True(code == 0, text);
        Assert.Contains("web inputs: 0 processed, 2 already done", text, StringComparison.Ordinal);
        AssertEveryPageOnce(second, expected);
        Assert.Equal(Query($"select * exclude (processed_at, extract_ms) from read_parquet('{Docs(reference)}') order by all"),
            Query($"select * exclude (processed_at, extract_ms) from read_parquet('{Docs(second)}') order by all"));

        // Killed after the judge's commit, before the staging was removed: the rerun finds it committed and drops it.
        var third = Path.Combine(_dir, "third");
        var kept = Path.Combine(_dir, "staging-copy");
        using (var staging = WebStaging.Open(new OutputStore(third), WebCorpusRunner.NewBatch()))
        {
            var runner = composition.CreateWebRunner();
            await runner.StageAsync(new RunRequest([inputs], third), staging);
        }

        CopyFolder(WebStaging.PathIn(third), kept);
        (code, text) = await CurateAsync("run", inputs, "--out", third, "--kind", "web", "--config", config);
        Assert.True(code == 0, text);
        CopyFolder(kept, WebStaging.PathIn(third));
        (code, text) = await CurateAsync("run", inputs, "--out", third, "--kind", "web", "--config", config);
        Assert.True(code == 0, text);
        AssertEveryPageOnce(third, expected);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }
}
