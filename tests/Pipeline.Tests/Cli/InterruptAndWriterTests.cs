using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests.Cli;

/// <summary>
/// Real `curate` processes and real signals on one output folder: Ctrl-C commits what is finished, two runs at once
/// store each document once, and a run killed with SIGKILL at any point leaves an output `curate verify` accepts after
/// a rerun.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class InterruptAndWriterTests
{
    [GeneratedRegex(@"interrupted: committed (\d+) documents, (\d+) inputs left for the next run")]
    private static partial Regex InterruptedLine();

    private static string Corpus(TempDir dir, int docs, int pages)
    {
        var input = Directory.CreateDirectory(dir.File("in")).FullName;
        for (var i = 0; i < docs; i++)
        {
            File.WriteAllBytes(Path.Combine(input, $"doc-{i:D3}.pdf"), SyntheticPdf.Report($"interrupt-{i}", pages));
        }

        return input;
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task A_signal_commits_the_finished_documents_says_how_many_and_the_rerun_does_the_rest(string signal, int exitCode)
    {
        using var dir = TestData.NewTempDir();
        const int Docs = 40, Pages = 20;
        var input = Corpus(dir, Docs, Pages);
        var outDir = dir.File("out");
        // One worker, a row group per row, no checkpoint: finished documents show on disk (in the uncommitted shard)
        // and nothing is committed before the signal; all of it used to be thrown away.
        var env = new Dictionary<string, string> { ["CURATE__Run__Workers"] = "1", ["CURATE__Run__RowGroupRows"] = "1", ["CURATE__Run__CheckpointSeconds"] = "3600" };
        using var run = CurateProcess.StartInterruptible(["run", input, "--out", outDir], env);
        var documents = Path.Combine(outDir, "pdf_documents");
        long firstSize = 0;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline && !run.HasExited)
        {
            var size = Directory.Exists(documents) ? Directory.GetFiles(documents, ".tmp-*").Sum(f => new FileInfo(f).Length) : 0;
            if (firstSize == 0)
            {
                firstSize = size;
            }
            else if (size > firstSize)
            {
                break; // at least two documents finished, none committed
            }

            await Task.Delay(20);
        }

        Assert.False(run.HasExited, "the run finished before the signal: make the corpus larger\n" + run.Stderr);
        Assert.Equal(0, ServeTestKitInputs(outDir));
        await Signal(signal, run.Pid);
        var code = await run.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(code == exitCode, $"exit {code}: {run.Stderr}");
        var match = InterruptedLine().Match(run.Stderr);
        Assert.True(match.Success, run.Stderr);
        var committed = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var left = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.InRange(committed, 2, Docs - 1);
        Assert.Equal(Docs, committed + left);
        Assert.Equal(committed, ServeTestKitInputs(outDir));
        Assert.Equal((long)committed, DuckDb.Scalar<long>($"SELECT count(*) FROM {DuckDb.Table(outDir, "pdf_documents")}"));
        Assert.Equal((long)committed * Pages, DuckDb.Scalar<long>($"SELECT count(*) FROM {DuckDb.Table(outDir, "pdf_pages")}"));
        await AssertVerifies(outDir);

        var again = await CurateProcess.RunAsync(["run", input, "--out", outDir], timeout: TimeSpan.FromMinutes(10));
        Assert.True(again.Code == 0, again.Stdout + again.Stderr);
        Assert.Contains($"{committed} already done", again.Stdout, StringComparison.Ordinal);
        Assert.Equal((long)Docs, DuckDb.Scalar<long>($"SELECT count(*) FROM {DuckDb.Table(outDir, "pdf_documents")}"));
        await AssertVerifies(outDir);
    }

    [Fact]
    public async Task A_signal_during_a_crawl_commits_the_pages_extracted_and_the_rerun_resumes_after_them()
    {
        using var dir = TestData.NewTempDir();
        var input = Directory.CreateDirectory(dir.File("in")).FullName;
        foreach (var warc in new[] { "sample-0000.warc.gz", "sample-0001.warc.gz", "cc-main-2020-34-sample.warc.gz" })
        {
            File.Copy(TestData.Shared("data", "web", "warc", warc), Path.Combine(input, warc));
        }

        var outDir = dir.File("out");
        var env = new Dictionary<string, string>
        {
            ["CURATE__Run__Workers"] = "1", ["CURATE__Run__RowGroupRows"] = "1", ["CURATE__Run__CheckpointSeconds"] = "3600", ["CURATE__Dedup__Enabled"] = "false",
        };
        var complete = await CurateProcess.RunAsync(["run", input, "--out", dir.File("reference")], env);
        Assert.True(complete.Code == 0, complete.Stdout + complete.Stderr);
        var all = DuckDb.Scalar<long>($"SELECT count(*) FROM {DuckDb.Table(dir.File("reference"), "web_documents")} WHERE status <> 'duplicate'");

        using var run = CurateProcess.StartInterruptible(["run", input, "--out", outDir], env);
        // `curate run` stages web rows until the judge writes them: the signal comes once pages are staged.
        var staged = Path.Combine(Pipeline.Web.WebStaging.PathIn(outDir), "rows.bin");
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline && !run.HasExited && !(File.Exists(staged) && new FileInfo(staged).Length > 0))
        {
            await Task.Delay(10);
        }

        Assert.False(run.HasExited, "the crawl finished before the signal\n" + run.Stderr);
        await Signal("INT", run.Pid);
        var code = await run.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(code == 130, $"exit {code}: {run.Stderr}");
        var match = InterruptedLine().Match(run.Stderr);
        Assert.True(match.Success, run.Stderr);
        Assert.True(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) > 0, run.Stderr);
        // The pages extracted are checkpointed in the staging, not yet in the output.
        Assert.True(Pipeline.Web.WebStaging.Exists(outDir), run.Stderr);

        var again = await CurateProcess.RunAsync(["run", input, "--out", outDir], env);
        Assert.True(again.Code == 0, again.Stdout + again.Stderr);
        // Resumed after the committed pages: every page once, as many as an uninterrupted run.
        Assert.Equal(all, DuckDb.Scalar<long>($"SELECT count(*) FROM {DuckDb.Table(outDir, "web_documents")} WHERE status <> 'duplicate'"));
        await AssertVerifies(outDir);
    }

    [Fact]
    public async Task Two_runs_at_once_on_one_output_store_every_document_once()
    {
        using var dir = TestData.NewTempDir();
        const int Docs = 12;
        var input = Corpus(dir, Docs, 5);
        var outDir = dir.File("out");
        var env = new Dictionary<string, string> { ["CURATE__Run__CheckpointSeconds"] = "0" };
        using var one = CurateProcess.Start(["run", input, "--out", outDir], env);
        // The runs overlap by construction, not by timing: the first is stopped (SIGSTOP) once it holds the lock,
        // and continued only when the second has said whom it waits for.
        var holders = Path.Combine(outDir, ".run.lock.holders");
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline && !one.HasExited && !(Directory.Exists(holders) && Directory.EnumerateFiles(holders).Any()))
        {
            await Task.Delay(5);
        }

        Assert.False(one.HasExited, "the first run finished before it could be stopped: make the corpus larger\n" + one.Stderr);
        await Signal("STOP", one.Pid);
        CurateProcess two;
        try
        {
            two = CurateProcess.Start(["run", input, "--out", outDir], env);
            while (DateTime.UtcNow < deadline && !two.HasExited && !two.Stderr.Contains("curate: waiting for", StringComparison.Ordinal))
            {
                await Task.Delay(20);
            }
        }
        finally
        {
            await Signal("CONT", one.Pid);
        }

        using var second = two;
        var codes = await Task.WhenAll(one.WaitAsync(TimeSpan.FromMinutes(4)), two.WaitAsync(TimeSpan.FromMinutes(4)));

        Assert.True(codes.All(c => c == 0), one.Stdout + one.Stderr + two.Stdout + two.Stderr);
        // The second names the first and waits for it; then it finds every input done.
        Assert.Contains($"curate: waiting for curate run, pid {one.Pid}", two.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{Docs} already done", two.Stdout, StringComparison.Ordinal);
        Assert.Equal((long)Docs, DuckDb.Scalar<long>($"SELECT count(*) FROM {DuckDb.Table(outDir, "pdf_documents")}"));
        await AssertVerifies(outDir);
    }

    [Fact]
    public async Task Ten_sigkills_at_random_points_each_followed_by_a_rerun_leave_an_output_that_verifies()
    {
        using var dir = TestData.NewTempDir();
        var input = Corpus(dir, 16, 8);
        foreach (var warc in new[] { "sample-0000.warc.gz", "clipped.warc.gz" })
        {
            File.Copy(TestData.Shared("data", "web", "warc", warc), Path.Combine(input, warc));
        }

        // Commits after every document, so kills land between, inside and after commits, in extraction, the judge
        // and the duplicate pass alike.
        var env = new Dictionary<string, string> { ["CURATE__Run__CheckpointSeconds"] = "0", ["CURATE__Run__ShardMaxRows"] = "40" };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var reference = await CurateProcess.RunAsync(["run", input, "--out", dir.File("reference")], env);
        // Kill points are fractions of this machine's own run time, not fixed milliseconds: on a fast machine most
        // fixed points fell after the run had ended.
        var runMs = (int)clock.ElapsedMilliseconds;
        Assert.True(reference.Code == 0, reference.Stdout + reference.Stderr);
        var pdfRows = DuckDb.Scalar<long>($"SELECT count(*) FROM {DuckDb.Table(dir.File("reference"), "pdf_documents")}");
        var webRows = DuckDb.Scalar<long>($"SELECT count(DISTINCT doc_id) FROM {DuckDb.Table(dir.File("reference"), "web_documents")}");

        var random = new Random(14);
        var killedAfter = new List<int>();
        for (var round = 0; round < 10; round++)
        {
            var outDir = dir.File($"out{round}");
            using (var run = CurateProcess.Start(["run", input, "--out", outDir], env))
            {
                var ms = (int)(runMs * (0.03 + 0.9 * random.NextDouble()));
                await Task.Delay(ms);
                if (!run.HasExited)
                {
                    killedAfter.Add(ms);
                }

                run.Kill();
            }

            var rerun = await CurateProcess.RunAsync(["run", input, "--out", outDir], env);
            Assert.True(rerun.Code == 0, $"round {round}: {rerun.Stdout}{rerun.Stderr}");
            await AssertVerifies(outDir);
            Assert.Equal(pdfRows, DuckDb.Scalar<long>($"SELECT count(*) FROM {DuckDb.Table(outDir, "pdf_documents")}"));
            Assert.Equal(webRows, DuckDb.Scalar<long>($"SELECT count(DISTINCT doc_id) FROM {DuckDb.Table(outDir, "web_documents")}"));
        }

        // Most kills must land inside a run for the test to mean anything.
        Assert.True(killedAfter.Count >= 5, $"only {killedAfter.Count} of 10 kills landed before the run ended");
    }

    [Fact]
    public async Task Verify_lists_a_document_stored_twice_and_a_shard_outside_the_manifest()
    {
        using var dir = TestData.NewTempDir();
        var input = Corpus(dir, 3, 2);
        var outDir = dir.File("out");
        var run = await CurateProcess.RunAsync(["run", input, "--out", outDir]);
        Assert.True(run.Code == 0, run.Stdout + run.Stderr);
        await AssertVerifies(outDir);

        // A committed shard copied under another name: first an orphan, then (listed in the manifest) rows twice.
        var manifestPath = Path.Combine(outDir, "manifest.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!;
        var shards = json["shards"]!.AsObject();
        var (name, entry) = shards.First(s => s.Key.StartsWith("pdf_documents/", StringComparison.Ordinal));
        File.Copy(Path.Combine(outDir, name), Path.Combine(outDir, "pdf_documents", "part-copy.parquet"));
        var orphan = await CurateProcess.RunAsync(["verify", outDir]);
        Assert.Equal(74, orphan.Code);
        Assert.Contains("broken: shard not in the manifest (the next run removes it): 1 (pdf_documents/part-copy.parquet)", orphan.Stdout, StringComparison.Ordinal);

        shards["pdf_documents/part-copy.parquet"] = entry!.DeepClone();
        await File.WriteAllTextAsync(manifestPath, json.ToJsonString());
        var twice = await CurateProcess.RunAsync(["verify", outDir]);
        Assert.Equal(74, twice.Code);
        Assert.Contains("broken: pdf_documents: doc_id stored more than once: 3", twice.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 rule broken", twice.Stderr, StringComparison.Ordinal);
    }

    private static async Task AssertVerifies(string outDir)
    {
        var verify = await CurateProcess.RunAsync(["verify", outDir]);
        Assert.True(verify.Code == 0, verify.Stdout + verify.Stderr);
        Assert.Contains("every page once", verify.Stdout, StringComparison.Ordinal);
    }

    private static async Task Signal(string signal, int pid)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    private static int ServeTestKitInputs(string outDir) => Serve.ServeTestKit.ManifestInputs(outDir);
}
