using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SciCurate.Pipeline.Tests.Serve;

/// <summary>The default SQLite storage: state survives restarts, SIGTERM loses nothing, non-loopback needs credentials.</summary>
[Trait("Category", "Slow")]
public sealed class SqliteServeTests
{
    [Fact]
    public async Task Serve_KeepsStateAcrossRestarts_AndLosesNothingOnSigterm()
    {
        var root = ServeTestKit.NewTempDir("sqlite");
        var corpus = ServeTestKit.MakeCorpus(Path.Combine(root, "corpus"), variants: 3);
        var outDir = Path.Combine(root, "out");
        var env = ServeTestKit.Environment(root, Path.Combine(root, "state"));
        var (code, output) = await ServeTestKit.RunCurateAsync(env, root, "enqueue", "corpus", "--out", "out", "--batch", "3");
        Assert.True(code == 0, output);
        var runId = output.Split(' ')[1].TrimEnd(':');
        var jobs = corpus.Count / 3;

        // First server: SIGTERM while a batch is running, with no time to finish it (FinishSeconds 0): the running
        // job is cancelled and must go back to the queue, its partial output discarded.
        var port = ServeTestKit.FreePort();
        var impatient = new Dictionary<string, string>(env) { ["CURATE__Serve__FinishSeconds"] = "0" };
        await using (var first = ServeProcess.Start("first", impatient, root, "serve", "--urls", $"http://127.0.0.1:{port}"))
        {
            await first.WaitForHttpAsync(port, TimeSpan.FromSeconds(60));
            await ServeTestKit.WaitUntilAsync(() => first.Output.Contains(" finished: ", StringComparison.Ordinal)
                && first.Lines.Count(l => l.Contains(" started: ", StringComparison.Ordinal)) > first.Lines.Count(l => l.Contains(" finished: ", StringComparison.Ordinal)),
                TimeSpan.FromMinutes(2), () => first.Output);
            first.Terminate();
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        }

        var afterStop = ServeTestKit.ManifestInputs(outDir);
        Assert.InRange(afterStop, 3, corpus.Count - 1);
        Assert.Empty(Directory.EnumerateFiles(outDir, ".tmp-*", SearchOption.AllDirectories));

        // Second server: picks up the rest from the same SQLite file.
        await using (var second = ServeProcess.Start("second", env, root, "serve", "--urls", $"http://127.0.0.1:{port}"))
        {
            await second.WaitForHttpAsync(port, TimeSpan.FromSeconds(60));
            await ServeTestKit.WaitUntilAsync(() => ServeTestKit.ManifestInputs(outDir) == corpus.Count, TimeSpan.FromMinutes(4), () => second.Output);
            await ServeTestKit.WaitUntilAsync(() => Run(port, runId).GetProperty("jobStates").TryGetProperty("Succeeded", out var s) && s.GetInt32() == jobs,
                TimeSpan.FromMinutes(1), () => second.Output);
            second.Terminate();
            Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        }

        // Third server: nothing left to do, and the run and its job history are still there.
        await using (var third = ServeProcess.Start("third", env, root, "serve", "--urls", $"http://127.0.0.1:{port}"))
        {
            await third.WaitForHttpAsync(port, TimeSpan.FromSeconds(60));
            var run = Run(port, runId);
            Assert.Equal(corpus.Count, run.GetProperty("run").GetProperty("documents").GetInt32());
            Assert.Equal(corpus.Count, run.GetProperty("done").GetInt32() + run.GetProperty("failed").GetInt32());
            Assert.Equal(0, run.GetProperty("pending").GetInt32());
            Assert.Equal(jobs, run.GetProperty("jobStates").GetProperty("Succeeded").GetInt32());
            var failedRows = ServeTestKit.Query<long>($"select count(*) from read_parquet('{Path.Combine(outDir, "pdf_documents", "*.parquet")}') where status = 'failed'");
            Assert.Equal(failedRows, run.GetProperty("failed").GetInt32());
            Assert.Equal(failedRows, run.GetProperty("failureReasons").EnumerateObject().Sum(r => r.Value.GetInt32()));
            third.Terminate();
            await third.WaitForExitAsync(TimeSpan.FromMinutes(1));
        }

        var documents = Path.Combine(outDir, "pdf_documents", "*.parquet");
        Assert.Equal(corpus.Count, ServeTestKit.Query<long>($"select count(*) from read_parquet('{documents}')"));
        Assert.Equal(corpus.Count, ServeTestKit.Query<long>($"select count(distinct doc_id) from read_parquet('{documents}')"));
    }

    [Fact]
    public async Task Serve_RefusesNonLoopbackWithoutCredentials_AndAnswers401WithoutThem()
    {
        var root = ServeTestKit.NewTempDir("auth");
        var env = ServeTestKit.Environment(root, Path.Combine(root, "state"));
        var port = ServeTestKit.FreePort();
        var (code, output) = await ServeTestKit.RunCurateAsync(env, root, "serve", "--urls", $"http://0.0.0.0:{port}");
        Assert.Equal(2, code);
        Assert.Contains("refusing to listen", output, StringComparison.Ordinal);

        env["CURATE__Serve__User"] = "curator";
        env["CURATE__Serve__Password"] = "s3cret-" + Guid.NewGuid().ToString("N")[..6];
        await using var server = ServeProcess.Start("auth", env, root, "serve", "--urls", $"http://0.0.0.0:{port}");
        using var http = new HttpClient();
        await ServeTestKit.WaitUntilAsync(() =>
        {
            try
            {
                using var r = http.GetAsync($"http://127.0.0.1:{port}/runs").GetAwaiter().GetResult();
                return true;
            }
            catch (HttpRequestException)
            {
                Assert.False(server.HasExited, server.Output);
                return false;
            }
        }, TimeSpan.FromSeconds(60), () => server.Output);

        foreach (var path in new[] { "/", "/runs", "/api/runs", "/hangfire", "/hangfire/jobs/failed" })
        {
            using var anonymous = await http.GetAsync($"http://127.0.0.1:{port}{path}");
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.StartsWith("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

            using var wrong = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}{path}");
            wrong.Headers.Authorization = Basic("curator", "guess");
            using var wrongResponse = await http.SendAsync(wrong);
            Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        }

        foreach (var path in new[] { "/runs", "/api/runs", "/hangfire" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}{path}");
            request.Headers.Authorization = Basic("curator", env["CURATE__Serve__Password"]);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task FailedJob_IsVisibleWithItsReason_InDashboardAndRunStats()
    {
        var root = ServeTestKit.NewTempDir("failing");
        var corpus = ServeTestKit.MakeCorpus(Path.Combine(root, "corpus"), variants: 1);
        var env = ServeTestKit.Environment(root, Path.Combine(root, "state"));
        var (code, output) = await ServeTestKit.RunCurateAsync(env, root, "enqueue", "corpus", "--out", "out", "--batch", "1");
        Assert.True(code == 0, output);
        var runId = output.Split(' ')[1].TrimEnd(':');
        // The file disappears between enqueue and processing: its job fails, without pointless retries.
        // Enqueue sorts paths ordinally, so the first of them is batch b00000.
        File.Delete(corpus.Order(StringComparer.Ordinal).First());

        var port = ServeTestKit.FreePort();
        await using var server = ServeProcess.Start("failing", env, root, "serve", "--urls", $"http://127.0.0.1:{port}");
        await server.WaitForHttpAsync(port, TimeSpan.FromSeconds(60));
        await ServeTestKit.WaitUntilAsync(() =>
        {
            var states = Run(port, runId).GetProperty("jobStates");
            return states.TryGetProperty("Failed", out var f) && f.GetInt32() == 1
                && states.TryGetProperty("Succeeded", out var s) && s.GetInt32() == corpus.Count - 1;
        }, TimeSpan.FromMinutes(4), () => server.Output);

        var run = Run(port, runId);
        Assert.Equal(corpus.Count - 1, run.GetProperty("done").GetInt32() + run.GetProperty("failed").GetInt32());
        Assert.Equal(1, run.GetProperty("pending").GetInt32());
        using var http = new HttpClient();
        var failedPage = await http.GetStringAsync($"http://127.0.0.1:{port}/hangfire/jobs/failed");
        Assert.Contains("input not found", failedPage, StringComparison.Ordinal);
        Assert.Contains(runId + " ", failedPage, StringComparison.Ordinal);
        Assert.Contains("pdf batch 1/", failedPage, StringComparison.Ordinal);
        // Hangfire's /stats reads a form whatever the method: a GET or a non-form POST was a 500 (issue 15).
        using (var statsGet = await http.GetAsync($"http://127.0.0.1:{port}/hangfire/stats"))
            Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, statsGet.StatusCode);
        using (var statsJson = await http.PostAsync($"http://127.0.0.1:{port}/hangfire/stats", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
            Assert.Equal(System.Net.HttpStatusCode.UnsupportedMediaType, statsJson.StatusCode);
        var runsPage = await http.GetStringAsync($"http://127.0.0.1:{port}/runs");
        Assert.Contains("data-job-state=\"Failed\">1<", runsPage, StringComparison.Ordinal);
        // The documents done are counted in tokens (o200k_base), shown as "science tokens kept".
        Assert.True(run.GetProperty("scienceTokensKept").GetInt64() > 0, run.ToString());
        Assert.Contains("science tokens kept: <b data-run-stat=\"science-tokens\">" + run.GetProperty("scienceTokensKept").GetInt64() + "<", runsPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enqueue_Twice_LeavesQueuedInputsToTheFirstRun()
    {
        var root = ServeTestKit.NewTempDir("twice");
        var corpus = ServeTestKit.MakeCorpus(Path.Combine(root, "corpus"), variants: 2);
        var env = ServeTestKit.Environment(root, Path.Combine(root, "state"));

        var (code, first) = await ServeTestKit.RunCurateAsync(env, root, "enqueue", "corpus", "--out", "out", "--batch", "2");
        Assert.True(code == 0, first);
        Assert.Contains($": {corpus.Count} documents in ", first, StringComparison.Ordinal);

        // No server has run the first run's jobs yet: a second enqueue of the same folder finds them all queued.
        File.WriteAllBytes(Path.Combine(root, "corpus", "new.pdf"), File.ReadAllBytes(corpus[0]).Concat("\n% new\n"u8.ToArray()).ToArray());
        var (again, second) = await ServeTestKit.RunCurateAsync(env, root, "enqueue", "corpus", "--out", "out");
        Assert.True(again == 0, second);
        Assert.Contains(": 1 documents in 1 jobs (0 already done, " + corpus.Count + " queued by an unfinished run)", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enqueue_RefusesPathsOutsideRoots()
    {
        var root = ServeTestKit.NewTempDir("roots");
        ServeTestKit.MakeCorpus(Path.Combine(root, "corpus"), variants: 1);
        var env = ServeTestKit.Environment(Path.Combine(root, "corpus"), Path.Combine(root, "state"));
        var (code, output) = await ServeTestKit.RunCurateAsync(env, root, "enqueue", "corpus", "--out", Path.Combine(root, "elsewhere"));
        Assert.Equal(2, code);
        Assert.Contains("outside the configured roots", output, StringComparison.Ordinal);

        // A symbolic link inside the root that leads out of it does not count as inside.
        Directory.CreateSymbolicLink(Path.Combine(root, "corpus", "escape"), Path.GetTempPath());
        (code, output) = await ServeTestKit.RunCurateAsync(env, root, "enqueue", "corpus", "--out", Path.Combine(root, "corpus", "escape", "out"));
        Assert.Equal(2, code);
        Assert.Contains("outside the configured roots", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enqueue_FromAnotherFolder_ReachesTheSameDefaultJobStore()
    {
        // No DataDir set: the job store is per user, not per working directory, so an enqueue run from another folder
        // sees the jobs the first one queued instead of starting a store no server reads.
        var root = ServeTestKit.NewTempDir("datadir");
        var corpus = ServeTestKit.MakeCorpus(Path.Combine(root, "corpus"), variants: 1);
        var env = ServeTestKit.Environment(root, "unused");
        env.Remove("CURATE__DataDir");
        env["HOME"] = Path.Combine(root, "home");
        env["XDG_STATE_HOME"] = "";
        var (first, second) = (Directory.CreateDirectory(Path.Combine(root, "a")).FullName, Directory.CreateDirectory(Path.Combine(root, "b")).FullName);
        var outDir = Path.Combine(root, "out");
        var (code, output) = await ServeTestKit.RunCurateAsync(env, first, "enqueue", Path.Combine(root, "corpus"), "--out", outDir);
        Assert.True(code == 0, output);
        Assert.True(File.Exists(Path.Combine(root, "home", ".local", "state", "scicurate", "hangfire.db")), output);
        Assert.False(Directory.Exists(Path.Combine(first, ".curate")));

        (code, output) = await ServeTestKit.RunCurateAsync(env, second, "enqueue", Path.Combine(root, "corpus"), "--out", outDir);
        Assert.True(code == 0, output);
        Assert.Contains($"0 documents in 0 jobs (0 already done, {corpus.Count} queued by an unfinished run)", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(second, ".curate")));
    }

    internal static JsonElement Run(int port, string runId)
    {
        using var http = new HttpClient();
        var json = http.GetStringAsync($"http://127.0.0.1:{port}/api/runs").GetAwaiter().GetResult();
        var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("run").GetProperty("id").GetString() == runId).Clone();
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
