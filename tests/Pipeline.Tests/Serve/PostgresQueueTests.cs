using Xunit.Abstractions;
using System.Text.RegularExpressions;

namespace SciCurate.Pipeline.Tests.Serve;

/// <summary>Two `curate serve` processes sharing one PostgreSQL-backed queue, one of them killed with SIGKILL mid-corpus.</summary>
[Trait("Category", "Slow")]
public sealed partial class PostgresQueueTests(ITestOutputHelper log)
{
    [Fact]
    public async Task TwoServers_ProcessEveryDocumentExactlyOnce_WhenOneIsKilledMidCorpus()
    {
        var root = ServeTestKit.NewTempDir("pg");
        var corpus = ServeTestKit.MakeCorpus(Path.Combine(root, "corpus"), variants: 4);
        var outDir = Path.Combine(root, "out");
        var env = ServeTestKit.Environment(root, Path.Combine(root, "state"));
        env["CURATE__Serve__Storage"] = "postgres";
        env["CURATE__Serve__PostgresConnection"] = ServeTestKit.PostgresConnection();
        // A schema of its own: the test never sees another run's jobs.
        env["CURATE__Serve__PostgresSchema"] = "hf_" + Guid.NewGuid().ToString("N")[..10];
        // A killed server's job is back in the queue after 10 s (live jobs keep extending it).
        env["CURATE__Serve__InvisibilityTimeoutSeconds"] = "10";

        var (code, output) = await ServeTestKit.RunCurateAsync(env, root, "enqueue", "corpus", "--out", "out", "--batch", "2");
        Assert.True(code == 0, output);
        var jobs = corpus.Count / 2;
        Assert.Contains($"{corpus.Count} documents in {jobs} jobs", output, StringComparison.Ordinal);

        int portA = ServeTestKit.FreePort(), portB = ServeTestKit.FreePort();
        await using var a = ServeProcess.Start("A", env, root, "serve", "--urls", $"http://127.0.0.1:{portA}");
        await using var b = ServeProcess.Start("B", env, root, "serve", "--urls", $"http://127.0.0.1:{portB}");
        await a.WaitForHttpAsync(portA, TimeSpan.FromSeconds(60));
        await b.WaitForHttpAsync(portB, TimeSpan.FromSeconds(60));

        // Kill A right after it starts its second batch: that batch is in its hands, uncommitted.
        await ServeTestKit.WaitUntilAsync(() => Started(a).Count >= 2, TimeSpan.FromMinutes(3), () => a.Output + "\n---\n" + b.Output);
        var killedBatch = Started(a)[1];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        a.KillHard();
        await a.WaitForExitAsync(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain($"batch {killedBatch} finished", a.Output, StringComparison.Ordinal);
        Assert.True(ServeTestKit.ManifestInputs(outDir) < corpus.Count, "A was killed before the corpus was done");

        // B alone finishes the corpus, including the batch A was holding.
        await ServeTestKit.WaitUntilAsync(() => ServeTestKit.ManifestInputs(outDir) == corpus.Count, TimeSpan.FromMinutes(4),
            () => $"{ServeTestKit.ManifestInputs(outDir)}/{corpus.Count} inputs\n{b.Output}");
        await ServeTestKit.WaitUntilAsync(() => b.Output.Contains($"batch {killedBatch} finished", StringComparison.Ordinal), TimeSpan.FromMinutes(1), () => b.Output);
        // The run's last job, the duplicate pass, rewrites shards once every batch is in: its own temporary files are
        // not leftovers, so the sweep is checked once it has finished.
        var runId = output.Split(' ')[1].TrimEnd(':');
        await ServeTestKit.WaitUntilAsync(() => b.Output.Contains($"duplicates {runId} finished", StringComparison.Ordinal), TimeSpan.FromMinutes(2), () => b.Output);
        log.WriteLine($"{corpus.Count} documents in {jobs} jobs; A started {Started(a).Count} batches and was killed holding {killedBatch}; "
            + $"B started {Started(b).Count} batches; corpus complete {clock.Elapsed.TotalSeconds:F1} s after the kill");

        var documents = Path.Combine(outDir, "pdf_documents", "*.parquet");
        var pages = Path.Combine(outDir, "pdf_pages", "*.parquet");
        Assert.Equal(corpus.Count, ServeTestKit.Query<long>($"select count(*) from read_parquet('{documents}')"));
        Assert.Equal(corpus.Count, ServeTestKit.Query<long>($"select count(distinct doc_id) from read_parquet('{documents}')"));
        Assert.Equal(corpus.Count, ServeTestKit.Query<long>($"select count(distinct source_path) from read_parquet('{documents}')"));
        Assert.Equal(
            ServeTestKit.Query<long>($"select count(*) from read_parquet('{pages}')"),
            ServeTestKit.Query<long>($"select count(*) from (select distinct doc_id, page_no from read_parquet('{pages}'))"));
        // Every page row belongs to a document row, and every ok document has its pages.
        Assert.Equal(0, ServeTestKit.Query<long>($"select count(*) from read_parquet('{pages}') p anti join read_parquet('{documents}') d using (doc_id)"));
        Assert.Equal(0, ServeTestKit.Query<long>(
            $"select count(*) from read_parquet('{documents}') d where status = 'ok' and page_count <> (select count(*) from read_parquet('{pages}') p where p.doc_id = d.doc_id)"));
        // The killed worker's temporary files were swept by the survivor.
        Assert.Empty(Directory.EnumerateFiles(outDir, ".tmp-*", SearchOption.AllDirectories));

        b.Terminate();
        Assert.Equal(0, await b.WaitForExitAsync(TimeSpan.FromMinutes(1)));
    }

    private static List<string> Started(ServeProcess process) =>
        [.. process.Lines.Select(l => StartedLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"batch (\S+) started")]
    private static partial Regex StartedLine();
}
