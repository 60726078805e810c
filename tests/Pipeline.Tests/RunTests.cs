using System.Security.Cryptography;
using System.Text.Json;
using SciCurate.Pipeline.Pdf;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests;

/// <summary>`curate run` end to end: real PDFs in, Parquet out, read back by DuckDB.</summary>
[Trait("Category", "Slow")]
public class RunTests
{
    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public async Task Good_and_bad_files_each_end_as_one_row_and_the_run_exits_0()
    {
        using var dir = TestData.NewTempDir();
        var input = Directory.CreateDirectory(dir.File("in")).FullName;
        var nested = Directory.CreateDirectory(Path.Combine(input, "nested")).FullName;
        File.Copy(TestData.Pdf("multi_column_miss.pdf"), Path.Combine(input, "multi_column_miss.pdf"));
        File.Copy(TestData.Pdf("math_2503_04086.pdf"), Path.Combine(nested, "math.pdf"));
        File.Copy(TestData.Pdf("multi_column_miss.pdf"), Path.Combine(nested, "copy-of-multi.pdf"));
        File.Copy(TestData.Pdf("aes-128.pdf"), Path.Combine(input, "encrypted.pdf"));
        File.WriteAllBytes(Path.Combine(input, "empty.pdf"), []);
        File.WriteAllText(Path.Combine(input, "not-a-pdf.pdf"), "<html><body>hello</body></html>");
        var bytes = File.ReadAllBytes(TestData.Pdf("math_2503_04086.pdf"));
        File.WriteAllBytes(Path.Combine(input, "truncated.pdf"), bytes[..(bytes.Length / 4)]);
        var report = Path.Combine(input, "report.pdf");
        File.WriteAllBytes(report, SyntheticPdf.Report("run-test", pages: 7));
        var outDir = dir.File("out");

        var (code, stdout, stderr) = await CurateProcess.RunAsync(["run", input, "--out", outDir]);

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("documents: 3 ok, 4 failed, 1 duplicate", stdout, StringComparison.Ordinal);
        var docs = DuckDb.Table(outDir, "pdf_documents");
        var pages = DuckDb.Table(outDir, "pdf_pages");
        var byName = DuckDb.Rows($"SELECT regexp_extract(source_path, '[^/]+$'), status, error, page_count, doc_id FROM {docs}")
            .ToDictionary(r => (string)r[0]!, r => r);
        Assert.Equal(7, byName.Count);
        Assert.Equal("ok", byName["report.pdf"][1]);
        Assert.Equal(7, Convert.ToInt32(byName["report.pdf"][3], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Sha256(report), byName["report.pdf"][4]);
        Assert.StartsWith("encrypted:", (string)byName["encrypted.pdf"][2]!, StringComparison.Ordinal);
        Assert.Equal("empty file (0 bytes)", byName["empty.pdf"][2]);
        Assert.StartsWith("not a PDF:", (string)byName["not-a-pdf.pdf"][2]!, StringComparison.Ordinal);
        Assert.StartsWith("corrupt PDF:", (string)byName["truncated.pdf"][2]!, StringComparison.Ordinal);
        foreach (var name in new[] { "encrypted.pdf", "empty.pdf", "not-a-pdf.pdf", "truncated.pdf" })
        {
            Assert.Equal("failed", byName[name][1]);
        }

        // A byte-identical copy is one document (doc_id is the file's SHA-256): the manifest records the second path
        // as a duplicate of the first, and its pages are not written twice.
        var copies = new[] { "copy-of-multi.pdf", "multi_column_miss.pdf" };
        var kept = Assert.Single(byName.Keys, copies.Contains);
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "manifest.json"))))
        {
            var inputs = json.RootElement.GetProperty("inputs");
            Assert.Equal(8, inputs.EnumerateObject().Count());
            var dup = inputs.EnumerateObject().Single(p => p.Value.GetProperty("status").GetString() == "duplicate");
            Assert.Equal(copies.Single(c => c != kept), Path.GetFileName(dup.Name));
            Assert.EndsWith(kept, dup.Value.GetProperty("duplicate_of").GetString(), StringComparison.Ordinal);
        }

        // Pages: 1-based, one row per page of each ok document, Markdown present.
        Assert.Equal(9L, DuckDb.Scalar<long>($"SELECT count(*) FROM {pages}"));
        Assert.Equal(0L, DuckDb.Scalar<long>($"SELECT count(*) - count(DISTINCT (doc_id, page_no)) FROM {pages}"));
        Assert.Equal("1,2,3,4,5,6,7", DuckDb.Scalar<string>(
            $"SELECT string_agg(page_no::VARCHAR, ',' ORDER BY page_no) FROM {pages} WHERE doc_id = '{Sha256(report)}'"));
        var markdown = DuckDb.Scalar<string>($"SELECT markdown FROM {docs} WHERE doc_id = '{Sha256(report)}'");
        Assert.Contains("## Section 7: Results for run-test", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Journal of Synthetic Results", markdown, StringComparison.Ordinal);
        Assert.Equal(0L, DuckDb.Scalar<long>($"SELECT count(*) FROM {pages} WHERE route NOT IN ('cheap', 'vlm_pending') OR parse_ms < 0 OR char_count < 0"));

        // A second run over the finished corpus does no work and writes nothing.
        var manifest = await File.ReadAllTextAsync(Path.Combine(outDir, "manifest.json"));
        var again = await CurateProcess.RunAsync(["run", input, "--out", outDir]);
        Assert.Equal(0, again.Code);
        Assert.Contains("documents: 0 ok, 0 failed, 0 duplicate, 8 already done", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(manifest, await File.ReadAllTextAsync(Path.Combine(outDir, "manifest.json")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Sigterm_while_another_process_holds_the_output_lock_ends_the_run(int signals)
    {
        using var dir = TestData.NewTempDir();
        var input = Directory.CreateDirectory(dir.File("in")).FullName;
        File.Copy(TestData.Pdf("multi_column_miss.pdf"), Path.Combine(input, "a.pdf"));
        var outDir = Directory.CreateDirectory(dir.File("out")).FullName;
        // An exclusive lock held by this process: curate waits for it (up to minutes) before it writes anything.
        await using var held = new FileStream(Path.Combine(outDir, ".manifest.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        using var run = CurateProcess.Start(["run", input, "--out", outDir]);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(run.HasExited, run.Stderr);

        for (var i = 0; i < signals; i++)
        {
            using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", run.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        // Ends long before the lock wait would (minutes); a second signal used to crash System.CommandLine's handler.
        var code = await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(code is 130 or 143, $"exit {code}: {run.Stderr}");
        Assert.DoesNotContain("Unhandled exception", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_killed_with_sigkill_resumes_and_writes_every_document_exactly_once()
    {
        using var dir = TestData.NewTempDir();
        var input = Directory.CreateDirectory(dir.File("in")).FullName;
        const int Docs = 48, Pages = 25;
        for (var i = 0; i < Docs; i++)
        {
            File.WriteAllBytes(Path.Combine(input, $"doc-{i:D3}.pdf"), SyntheticPdf.Report($"resume-{i}", Pages));
        }

        var outDir = dir.File("out");
        var env = new Dictionary<string, string> { ["CURATE__Run__ShardMaxRows"] = "60" };
        using (var first = CurateProcess.Start(["run", input, "--out", outDir], env))
        {
            // Kill once some, not all, documents are committed.
            var manifestPath = Path.Combine(outDir, "manifest.json");
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (DateTime.UtcNow < deadline && !first.HasExited && CommittedInputs(manifestPath) < 6)
            {
                await Task.Delay(20);
            }

            Assert.False(first.HasExited, "the run finished before it could be killed: make the corpus larger");
            first.Kill();
        }

        var committed = CommittedInputs(Path.Combine(outDir, "manifest.json"));
        Assert.InRange(committed, 1, Docs - 1);

        var (code, stdout, stderr) = await CurateProcess.RunAsync(["run", input, "--out", outDir], env);
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains($"{committed} already done", stdout, StringComparison.Ordinal);

        var docs = DuckDb.Table(outDir, "pdf_documents");
        var pages = DuckDb.Table(outDir, "pdf_pages");
        Assert.Equal((long)Docs, DuckDb.Scalar<long>($"SELECT count(*) FROM {docs}"));
        // The synthetic reports differ only in their name: the duplicate pass marks most of them near_duplicate.
        Assert.Equal((long)Docs, DuckDb.Scalar<long>($"SELECT count(DISTINCT doc_id) FROM {docs} WHERE status IN ('ok', 'near_duplicate')"));
        Assert.Equal((long)Docs * Pages, DuckDb.Scalar<long>($"SELECT count(*) FROM {pages}"));
        Assert.Equal((long)Docs * Pages, DuckDb.Scalar<long>($"SELECT count(DISTINCT (doc_id, page_no)) FROM {pages}"));
        // Only committed shards remain: no temporary files of the killed run, every Parquet file in the manifest.
        var files = Directory.GetFiles(outDir, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.DoesNotContain(files, f => f!.StartsWith(".tmp", StringComparison.Ordinal));
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "manifest.json")));
        Assert.Equal(files.Count(f => f!.EndsWith(".parquet", StringComparison.Ordinal)), manifest.RootElement.GetProperty("shards").EnumerateObject().Count());
    }

    [Fact]
    public async Task A_document_over_the_time_limit_fails_with_the_reason_and_the_others_finish()
    {
        // The machine's speed must not decide the outcome: the worker is frozen while it holds the document's chunk, so
        // the chunk cannot finish within the limit however fast or loaded the machine is. The limit counts only while a
        // worker has the chunk, so the next document, in a fresh worker, is not charged for it.
        var outcomes = System.Threading.Channels.Channel.CreateUnbounded<ChunkOutcome>();
        await using var pool = new WorkerPool(1, () => WorkerPool.DefaultStartInfo(null), outcomes.Writer);
        var pdf = TestData.Pdf("base.pdf");
        var unlimited = new TimeBudget(TimeSpan.FromMinutes(5));
        await pool.EnqueueAsync(new ChunkRequest(1, pdf, 1, 0), unlimited, CancellationToken.None);
        Assert.Null((await outcomes.Reader.ReadAsync()).Failure);

        var worker = pool.LastStartedProcessId;
        Signal("STOP", worker);
        var limit = new TimeBudget(TimeSpan.FromSeconds(2));
        await pool.EnqueueAsync(new ChunkRequest(2, pdf, 1, 0), limit, CancellationToken.None);
        var late = await outcomes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(3));
        await pool.EnqueueAsync(new ChunkRequest(3, pdf, 2, 0), limit, CancellationToken.None);
        var rest = await outcomes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(3));
        await pool.EnqueueAsync(new ChunkRequest(4, pdf, 1, 0), unlimited, CancellationToken.None);
        var other = await outcomes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(3));

        Assert.StartsWith("timed out: still parsing after the document time limit (Run:DocumentTimeoutSeconds)", late.Failure, StringComparison.Ordinal);
        Assert.StartsWith("timed out: the document used up its time limit", rest.Failure, StringComparison.Ordinal);
        Assert.Null(other.Failure);
        Assert.NotEmpty(other.Response!.Pages);
        Assert.True(pool.Started >= 2, $"{pool.Started} workers started");
    }

    private static void Signal(string signal, int pid)
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    private static int CommittedInputs(string manifestPath)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(manifestPath));
            return json.RootElement.GetProperty("inputs").EnumerateObject().Count();
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException)
        {
            return 0;
        }
    }
}
