using System.Text.RegularExpressions;
using SciCurate.TestSupport;
using Xunit.Abstractions;

namespace SciCurate.Pipeline.Tests.Serve;

/// <summary>
/// Every stage as a job: a PDF folder and a real Common Crawl WARC enqueued to `curate serve` end as the same rows as
/// `curate run` over the same inputs (read back with DuckDB, timings aside), with the default SQLite storage and with
/// PostgreSQL shared by two servers, one of them killed with SIGKILL mid-run; `curate verify` passes on both outputs.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class StageJobsTests(ITestOutputHelper log)
{
    /// <summary>Per table: the columns that measure time (and may differ between any two runs); every other column must match.</summary>
    private static readonly Dictionary<string, string[]> Tables = new(StringComparer.Ordinal)
    {
        ["pdf_documents"] = ["parse_ms", "processed_at"],
        ["pdf_pages"] = ["parse_ms", "vlm_ms"],
        ["web_documents"] = ["extract_ms", "processed_at"],
        ["domain_decisions"] = ["judged_at"],
    };

    [Fact]
    public async Task PdfFolderAndWarc_Served_WithSqlite_GiveTheRowsOfCurateRun()
    {
        var (root, env) = Setup("jobs-sqlite");
        var reference = await ReferenceRunAsync(root, env);
        var runId = await EnqueueAsync(root, env);

        var port = ServeTestKit.FreePort();
        await using (var server = ServeProcess.Start("serve", env, root, "serve", "--urls", $"http://127.0.0.1:{port}"))
        {
            await server.WaitForHttpAsync(port, TimeSpan.FromSeconds(90));
            await ServeTestKit.WaitUntilAsync(() => server.Output.Contains($"duplicates {runId} finished", StringComparison.Ordinal), TimeSpan.FromMinutes(8), () => server.Output);
            log.WriteLine(string.Join('\n', server.Lines.Where(l => l.Contains(" finished", StringComparison.Ordinal))));
            AssertEveryStageRanAsAJob(server.Output, runId, Path.Combine(root, "out"));
            server.Terminate();
            Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        }

        await AssertSameRowsAsync(env, root, reference, Path.Combine(root, "out"));

        // Everything is in the manifest now: the same enqueue again queues nothing.
        var (again, second) = await ServeTestKit.RunCurateAsync(env, root, "enqueue", "corpus", "crawl", "--out", "out");
        Assert.True(again == 0, second);
        Assert.Contains("0 documents in 0 jobs (18 already done", second, StringComparison.Ordinal);
        // --kind as in `curate run`: a WARC named under --kind pdf is refused in one line.
        var (refused, message) = await ServeTestKit.RunCurateAsync(env, root, "enqueue", Path.Combine("crawl", "sample-0000.warc.gz"), "--kind", "pdf", "--out", "out");
        Assert.Equal(2, refused);
        Assert.Contains("not a pdf input (--kind pdf)", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HardPages_Served_AreFilledByAJobOnTheVlmQueue_AsCurateRunFillsThemInline()
    {
        await using var chat = await FakeChatServer.StartAsync();
        // One answer for every page: which page is asked first must not matter.
        chat.Responder = _ => Reply.Answer("A page read by the VLM.", promptTokens: 2000, completionTokens: 500);
        var root = ServeTestKit.NewTempDir("jobs-vlm");
        var corpus = Path.Combine(root, "corpus");
        Directory.CreateDirectory(corpus);
        File.Copy(TestData.Path("tests", "Pipeline.Tests", "data", "vlm", "mixed.pdf"), Path.Combine(corpus, "mixed.pdf"));
        ServeTestKit.MakeCorpus(corpus, variants: 1);
        var env = ServeTestKit.Environment(root, Path.Combine(root, "state"));
        env["CURATE__Serve__Queues__default"] = "1";
        env["CURATE__Detector__Kind"] = "none";
        env["CURATE__PageRender__Dpi"] = "72";
        env["CURATE__Vlm__Endpoint"] = chat.OpenAIBaseUrl.ToString();
        env["CURATE__Vlm__Model"] = "serve-vlm";
        env["CURATE__Vlm__ApiKey"] = "sk-test";
        var reference = await ReferenceRunAsync(root, env, "corpus");
        var inline = chat.RequestCount;
        Assert.True(inline > 0, "the reference run sent pages to the VLM");

        var (code, output) = await ServeTestKit.RunCurateAsync(env, root, "enqueue", "corpus", "--out", "out", "--batch", "3");
        Assert.True(code == 0, output);
        var runId = RunId().Match(output).Groups[1].Value;
        var port = ServeTestKit.FreePort();
        await using (var server = ServeProcess.Start("serve", env, root, "serve", "--urls", $"http://127.0.0.1:{port}"))
        {
            await server.WaitForHttpAsync(port, TimeSpan.FromSeconds(90));
            await ServeTestKit.WaitUntilAsync(() => server.Output.Contains($"duplicates {runId} finished", StringComparison.Ordinal), TimeSpan.FromMinutes(8), () => server.Output);
            log.WriteLine(string.Join('\n', server.Lines.Where(l => l.Contains(" finished", StringComparison.Ordinal))));
            // The parse jobs sent no page to the model: VLM jobs did, after them.
            Assert.Matches($@"vlm {runId}-b\d+-vlm finished: [1-9]\d* pending pages", server.Output);
            server.Terminate();
            Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        }

        Assert.Equal(2 * inline, chat.RequestCount);
        Assert.Equal(0, DuckDb.Scalar<long>($"select count(*) from {DuckDb.Table(Path.Combine(root, "out"), "pdf_pages")} where route = 'vlm_pending'"));
        var served = Path.Combine(root, "out");
        await AssertSameRowsAsync(env, root, reference, served, [], pdfDocuments: 6, signed: false);

        // Every column but timings, documents with VLM pages included: `curate run` merges them with the VLM's answers
        // in hand, a served run merges them while their hard pages are pending and its VLM job merges them again from
        // the stored pages, in one merge order (PdfDocumentFinisher), so the texts are the same. Only a VLM page's
        // cheap_markdown differs: `curate run` keeps the page's whole cheap text, the VLM job the cheap text as the
        // first merge left it.
        var vlmDocs = $"(select distinct doc_id from {DuckDb.Table(reference, "pdf_pages")} where route <> 'cheap')";
        var documentTimings = string.Join(", ", Tables["pdf_documents"]);
        var pageTimings = string.Join(", ", Tables["pdf_pages"]);
        Assert.True(DuckDb.Scalar<long>($"select count(*) from {vlmDocs}") > 0, "no document has VLM pages");
        Assert.Equal((0, 0), Differences(reference, served, "pdf_documents", $"* exclude ({documentTimings})", "true"));
        Assert.Equal((0, 0), Differences(reference, served, "pdf_pages", $"* exclude ({pageTimings})", $"doc_id not in {vlmDocs}"));
        Assert.Equal((0, 0), Differences(reference, served, "pdf_pages", $"* exclude ({pageTimings}, cheap_markdown)", $"doc_id in {vlmDocs}"));
    }

    [Fact]
    public async Task PdfFolderAndWarc_Served_ByTwoServersOnPostgres_OneKilled_GiveTheRowsOfCurateRun()
    {
        var (root, env) = Setup("jobs-pg");
        env["CURATE__Serve__Storage"] = "postgres";
        env["CURATE__Serve__PostgresConnection"] = ServeTestKit.PostgresConnection();
        env["CURATE__Serve__PostgresSchema"] = "hf_" + Guid.NewGuid().ToString("N")[..10];
        env["CURATE__Serve__InvisibilityTimeoutSeconds"] = "10";
        // Verdicts kept in the output (not the shared PostgreSQL store): the reference run must not lend the served run its verdicts.
        env["CURATE__Judge__Store"] = "sqlite";
        var reference = await ReferenceRunAsync(root, env);
        var runId = await EnqueueAsync(root, env);

        int portA = ServeTestKit.FreePort(), portB = ServeTestKit.FreePort();
        await using var a = ServeProcess.Start("A", env, root, "serve", "--urls", $"http://127.0.0.1:{portA}");
        await using var b = ServeProcess.Start("B", env, root, "serve", "--urls", $"http://127.0.0.1:{portB}");
        await a.WaitForHttpAsync(portA, TimeSpan.FromSeconds(90));
        await b.WaitForHttpAsync(portB, TimeSpan.FromSeconds(90));

        // Kill A once it holds a job it has not finished: its work is uncommitted, its job invisible to B for 10 s.
        await ServeTestKit.WaitUntilAsync(() => Started(a).Except(Finished(a)).Any(), TimeSpan.FromMinutes(4), () => a.Output + "\n---\n" + b.Output);
        var held = Started(a).Except(Finished(a)).ToList();
        a.KillHard();
        await a.WaitForExitAsync(TimeSpan.FromSeconds(10));
        log.WriteLine($"A killed holding {string.Join(", ", held)}; A had finished {Finished(a).Count} jobs");

        await ServeTestKit.WaitUntilAsync(() => b.Output.Contains($"duplicates {runId} finished", StringComparison.Ordinal), TimeSpan.FromMinutes(10), () => b.Output);
        foreach (var key in held)
        {
            Assert.Contains(key, Finished(b));
        }

        log.WriteLine(string.Join('\n', b.Lines.Where(l => l.Contains(" finished", StringComparison.Ordinal))));
        AssertEveryStageRanAsAJob(a.Output + "\n" + b.Output, runId, Path.Combine(root, "out"));
        b.Terminate();
        Assert.Equal(0, await b.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(root, "out"), ".tmp-*", SearchOption.AllDirectories));
        await AssertSameRowsAsync(env, root, reference, Path.Combine(root, "out"));
    }

    /// <summary>A PDF folder (15 files: clean, formula, encrypted, damaged), a real Common Crawl WARC and two saved HTML pages, under one root.</summary>
    private static (string Root, Dictionary<string, string> Env) Setup(string name)
    {
        var root = ServeTestKit.NewTempDir(name);
        ServeTestKit.MakeCorpus(Path.Combine(root, "corpus"), variants: 3);
        Directory.CreateDirectory(Path.Combine(root, "crawl"));
        File.Copy(TestData.Shared("data", "web", "warc", "sample-0000.warc.gz"), Path.Combine(root, "crawl", "sample-0000.warc.gz"));
        // Saved pages: one names its URL (canonical link), one does not (its folder stands in for the domain).
        var saved = Path.Combine(root, "crawl", "saved");
        Directory.CreateDirectory(saved);
        var body = string.Concat(Enumerable.Repeat("<p>The measured decay rate of the excited state agrees with the model within two standard deviations, and the residuals show no trend with temperature.</p>", 6));
        File.WriteAllText(Path.Combine(saved, "paper.html"), $"<html><head><title>Decay</title><link rel=\"canonical\" href=\"https://physics.example.org/decay\"></head><body><article>{body}</article></body></html>");
        File.WriteAllText(Path.Combine(saved, "notes.html"), $"<html><head><title>Notes</title></head><body><article>{body}</article></body></html>");
        var env = ServeTestKit.Environment(root, Path.Combine(root, "state"));
        foreach (var queue in new[] { "pdf", "vlm", "web", "judge", "rewrite", "default" })
        {
            env[$"CURATE__Serve__Queues__{queue}"] = "1";
        }

        return (root, env);
    }

    private async Task<string> ReferenceRunAsync(string root, Dictionary<string, string> env, params string[] inputs)
    {
        await using var run = ServeProcess.Start("run", env, root, ["run", .. (inputs.Length > 0 ? inputs : ["corpus", "crawl"]), "--out", "ref"]);
        var code = await run.WaitForExitAsync(TimeSpan.FromMinutes(8));
        Assert.True(code == 0, run.Output);
        log.WriteLine("curate run: " + run.Output);
        return Path.Combine(root, "ref");
    }

    private async Task<string> EnqueueAsync(string root, Dictionary<string, string> env)
    {
        var (code, output) = await ServeTestKit.RunCurateAsync(env, root, "enqueue", "corpus", "crawl", "--out", "out", "--batch", "4");
        Assert.True(code == 0, output);
        log.WriteLine("curate enqueue: " + output);
        // 15 PDFs in 4 batches, the WARC as one web job, the two HTML files as another.
        Assert.Contains("18 documents in 6 jobs", output, StringComparison.Ordinal);
        return RunId().Match(output).Groups[1].Value;
    }

    /// <summary>Each stage logged its job: PDF batches, the web input, then judge and duplicates, named with run, size and output.</summary>
    private static void AssertEveryStageRanAsAJob(string output, string runId, string outDir)
    {
        Assert.Matches($@"batch {runId}-b\d+ finished", output);
        Assert.Matches($@"web {runId}-w00000 finished: 1 inputs", output);
        Assert.Contains($"Judge {outDir} finished", output, StringComparison.Ordinal);
        Assert.Contains($"duplicates {runId} finished", output, StringComparison.Ordinal);
    }

    private Task AssertSameRowsAsync(Dictionary<string, string> env, string root, string reference, string served) =>
        AssertSameRowsAsync(env, root, reference, served, Tables.Keys, pdfDocuments: 15, signed: true);

    private async Task AssertSameRowsAsync(Dictionary<string, string> env, string root, string reference, string served,
        IEnumerable<string> tables, int pdfDocuments, bool signed)
    {
        foreach (var outDir in new[] { reference, served })
        {
            var (code, output) = await ServeTestKit.RunCurateAsync(env, root, "verify", outDir);
            Assert.True(code == 0, output);
        }

        foreach (var table in tables)
        {
            var timings = Tables[table];
            var columns = $"* exclude ({string.Join(", ", timings)})";
            string Read(string dir) => $"select {columns} from {DuckDb.Table(dir, table)}";
            var rows = DuckDb.Scalar<long>($"select count(*) from {DuckDb.Table(reference, table)}");
            var servedRows = DuckDb.Scalar<long>($"select count(*) from {DuckDb.Table(served, table)}");
            var missing = DuckDb.Scalar<long>($"select count(*) from ({Read(reference)} except all {Read(served)})");
            var extra = DuckDb.Scalar<long>($"select count(*) from ({Read(served)} except all {Read(reference)})");
            log.WriteLine($"{table}: curate run {rows} rows, served {servedRows}; {missing} only in curate run, {extra} only served");
            if (missing + extra > 0)
            {
                // Which columns differ, for the log.
                foreach (var only in DuckDb.Records($"{Read(reference)} except all {Read(served)}").Concat(DuckDb.Records($"{Read(served)} except all {Read(reference)}")))
                {
                    log.WriteLine(string.Join("; ", only.Where(c => c.Key is not ("markdown" or "cheap_markdown" or "features")).Select(c => $"{c.Key}={Short(c.Value)}")));
                }
            }
            Assert.True(rows > 0, table);
            Assert.Equal(rows, servedRows);
            Assert.Equal(0, missing);
            Assert.Equal(0, extra);
        }

        // Nothing twice: one row per document and per page; one kept row per URL.
        var docs = DuckDb.Table(served, "pdf_documents");
        Assert.Equal(pdfDocuments, DuckDb.Scalar<long>($"select count(distinct doc_id) from {docs}"));
        Assert.Equal(pdfDocuments, DuckDb.Scalar<long>($"select count(*) from {docs}"));
        var pages = DuckDb.Table(served, "pdf_pages");
        Assert.Equal(DuckDb.Scalar<long>($"select count(*) from {pages}"), DuckDb.Scalar<long>($"select count(*) from (select distinct doc_id, page_no from {pages})"));
        if (!signed)
        {
            return;
        }

        var web = DuckDb.Table(served, "web_documents");
        Assert.Equal(0, DuckDb.Scalar<long>($"select count(*) from (select doc_id from {web} where status not in ('duplicate', 'failed') group by doc_id having count(*) > 1)"));
        // Saved pages: the canonical URL's domain, else the folder's stand-in; never "".
        Assert.Equal(0, DuckDb.Scalar<long>($"select count(*) from {web} where domain = '' and source like '%.html'"));
        Assert.Equal(1, DuckDb.Scalar<long>($"select count(*) from {web} where domain = 'example.org' and url = 'https://physics.example.org/decay'"));
        Assert.Equal(1, DuckDb.Scalar<long>($"select count(*) from {web} where domain = 'local:saved'"));
        // The duplicate pass ran over the served output: every document is signed.
        Assert.Equal(
            DuckDb.Scalar<long>($"select count(*) from {DuckDb.Table(reference, "doc_signatures")}"),
            DuckDb.Scalar<long>($"select count(*) from {DuckDb.Table(served, "doc_signatures")}"));
    }

    /// <summary>Rows (of the chosen columns, where the condition holds) only in the reference, and only in the served output.</summary>
    private (long Missing, long Extra) Differences(string reference, string served, string table, string columns, string where)
    {
        string Read(string dir) => $"select {columns} from {DuckDb.Table(dir, table)} where {where}";
        var missing = DuckDb.Scalar<long>($"select count(*) from ({Read(reference)} except all {Read(served)})");
        var extra = DuckDb.Scalar<long>($"select count(*) from ({Read(served)} except all {Read(reference)})");
        var rows = DuckDb.Scalar<long>($"select count(*) from ({Read(reference)})");
        log.WriteLine($"{table} where {where} ({columns}): {rows} rows in curate run; {missing} only there, {extra} only served");
        foreach (var only in missing + extra == 0 ? [] : DuckDb.Records($"{Read(reference)} except all {Read(served)}").Concat(DuckDb.Records($"{Read(served)} except all {Read(reference)}")))
        {
            log.WriteLine(string.Join("; ", only.Where(c => c.Key is not ("markdown" or "cheap_markdown" or "features")).Select(c => $"{c.Key}={Short(c.Value)}")));
        }

        Assert.True(rows > 0, $"{table} where {where}");
        return (missing, extra);
    }

    private static string Short(object? value) => value switch
    {
        null => "null",
        System.Collections.IEnumerable list and not string => "[" + string.Join(",", list.Cast<object?>().Select(Short)) + "]",
        _ => value.ToString() is { Length: > 80 } text ? text[..80] : value.ToString() ?? "",
    };

    private static List<string> Started(ServeProcess p) => Keys(p, StartedLine());

    private static List<string> Finished(ServeProcess p) => Keys(p, FinishedLine());

    private static List<string> Keys(ServeProcess p, Regex pattern) =>
        [.. p.Lines.Select(l => pattern.Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"(?:batch|web) (r\S+) started")]
    private static partial Regex StartedLine();

    [GeneratedRegex(@"(?:batch|web) (r\S+) finished")]
    private static partial Regex FinishedLine();

    [GeneratedRegex(@"run (r\S+):")]
    private static partial Regex RunId();
}
