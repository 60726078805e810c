using System.Globalization;
using Microsoft.Playwright;
using SciCurate.Pipeline.Serve;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests.Serve;

/// <summary>The /runs page while a run is going and after it: elapsed, rate, ETA, stages, failed files, machines.</summary>
public sealed class RunsPageTests
{
    /// <summary>
    /// Navigates from a page that reloads itself (meta refresh every few seconds): a reload starting while this
    /// navigation is pending aborts it (net::ERR_ABORTED), so it is tried again.
    /// </summary>
    internal static async Task<IResponse?> GotoAsync(IPage page, string url)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await page.GotoAsync(url);
            }
            catch (PlaywrightException e) when (attempt < 3 && e.Message.Contains("ERR_ABORTED", StringComparison.Ordinal))
            {
            }
        }
    }

    [Fact]
    public void Servers_OfOneProcess_AreOneMachine_WithEachQueuesWorkers()
    {
        DateTime? beat = new DateTime(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc);
        var servers = ServerInfo.ByProcess(
        [
            ("box:pdf:4242:0f1e2d3c-aaaa-bbbb-cccc-111111111111", 2, ["pdf"], beat),
            ("box:vlm:4242:0f1e2d3c-aaaa-bbbb-cccc-222222222222", 4, ["vlm"], beat.Value.AddSeconds(3)),
            ("box:web:4242:0f1e2d3c-aaaa-bbbb-cccc-333333333333", 1, ["web"], beat),
            ("box:pdf:777:0f1e2d3c-aaaa-bbbb-cccc-444444444444", 2, ["pdf"], beat),
        ]);

        Assert.Equal(["box, pid 4242", "box, pid 777"], servers.Select(s => s.Name));
        Assert.Equal(7, servers[0].Workers);
        Assert.Equal(["pdf 2", "vlm 4", "web 1"], servers[0].Queues);
        Assert.Equal(beat.Value.AddSeconds(3), servers[0].Heartbeat);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task RunsPage_DuringAndAfterARun_ShowsElapsedRateEtaStagesAndFailedFilesPaged_InChromium()
    {
        const string Chromium = "/usr/bin/chromium";
        Assert.True(File.Exists(Chromium), "apt-get install -y chromium");
        var root = ServeTestKit.NewTempDir("runs-page");
        var corpus = Path.Combine(root, "corpus");
        Directory.CreateDirectory(corpus);
        for (var i = 0; i < 16; i++)
        {
            File.WriteAllBytes(Path.Combine(corpus, $"report-{i:D2}.pdf"), SyntheticPdf.Report($"runs-page-{i}", pages: 30));
        }

        // 24 files that fail (more than a page of the failed list), each with its reason; named to come after the
        // reports, so the page shows pages committed while the run is going.
        for (var i = 0; i < 24; i++)
        {
            File.WriteAllText(Path.Combine(corpus, $"x-broken-{i:D2}.pdf"), $"<html>not a pdf {i}</html>");
        }

        var env = ServeTestKit.Environment(root, Path.Combine(root, "state"));
        var (code, output) = await ServeTestKit.RunCurateAsync(env, root, "enqueue", "corpus", "--out", "out", "--batch", "2");
        Assert.True(code == 0, output);
        var runId = output.Split(' ')[1].TrimEnd(':');

        var port = ServeTestKit.FreePort();
        await using var server = ServeProcess.Start("runs-page", env, root, "serve", "--urls", $"http://127.0.0.1:{port}");
        await server.WaitForHttpAsync(port, TimeSpan.FromMinutes(1));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });

        // During: some documents committed, some not, held there while the page is read.
        var workers = await HoldDuringAsync(server, port, runId);
        var run = page.Locator($"section[data-run='{runId}']");
        try
        {
            Assert.Equal(200, (await page.GotoAsync($"http://127.0.0.1:{port}/runs"))!.Status);
            Assert.NotEqual("0", await run.Locator("[data-run-stat='pending']").InnerTextAsync());
            Assert.StartsWith("ETA", await run.Locator("[data-run-stat='eta']").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Matches(@"^\d+ (s|min \d\d s)$", await run.Locator("[data-run-stat='elapsed']").InnerTextAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ServeTestKit.ArtifactsDir, "runs-during.png"), FullPage = true });
        }
        finally
        {
            workers.ForEach(w => Signal("CONT", w));
        }

        // After: every document committed, the run finished.
        await ServeTestKit.WaitUntilAsync(() => SqliteServeTests.Run(port, runId).GetProperty("finished").GetBoolean(), TimeSpan.FromMinutes(5), () => server.Output);
        var expected = SqliteServeTests.Run(port, runId);
        await GotoAsync(page, $"http://127.0.0.1:{port}/runs");
        Assert.Equal("16", await run.Locator("[data-run-stat='done']").InnerTextAsync());
        Assert.Equal("24", await run.Locator("[data-run-stat='failed']").InnerTextAsync());
        Assert.Equal("finished", await run.Locator("[data-run-stat='eta']").InnerTextAsync());
        Assert.True(expected.GetProperty("pagesPerMinute").GetDouble() > 0);
        Assert.Equal(expected.GetProperty("pagesPerMinute").GetDouble().ToString("F0", CultureInfo.InvariantCulture), await run.Locator("[data-run-stat='rate']").InnerTextAsync());
        Assert.Equal("$0.0000", await run.Locator("[data-run-stat='vlm-spend']").InnerTextAsync());

        // Stages: parse complete; no web, judge or rewrite in a PDF run.
        var parse = run.Locator("tr[data-stage='parse'] [data-stage-done]");
        Assert.Equal("40", await parse.GetAttributeAsync("data-stage-done"));
        Assert.Equal("40", await parse.GetAttributeAsync("data-stage-total"));
        Assert.Equal(5, await run.Locator("tr[data-stage]").CountAsync());
        Assert.Contains("nothing in this run", await run.Locator("tr[data-stage='judge']").InnerTextAsync(), StringComparison.Ordinal);

        // A chart with a point per slice of the run, not one per minute.
        Assert.Equal("61", await run.Locator("svg[aria-label='throughput']").GetAttributeAsync("data-points"));

        // Failed files by name with their reason, 20 to a page, the next page one click away.
        Assert.Equal(PipelinePage.FailedPerPage, await run.Locator("tr[data-failed-file]").CountAsync());
        Assert.Contains("not a PDF", await run.Locator("tr[data-failed-file='x-broken-00.pdf']").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ServeTestKit.ArtifactsDir, "runs-after.png"), FullPage = true });
        await run.Locator("a[data-failed-page='2']").ClickAsync();
        Assert.Equal(4, await page.Locator($"section[data-run='{runId}'] tr[data-failed-file]").CountAsync());
        Assert.Contains("x-broken-23.pdf", await page.Locator($"section[data-run='{runId}'] [data-failed-list]").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ServeTestKit.ArtifactsDir, "runs-failed-page-2.png"), FullPage = true });

        // One serve process is one machine, not a server per queue.
        Assert.Equal(1, await page.Locator("tr[data-machine]").CountAsync());
        Assert.Contains(", pid ", await page.Locator("tr[data-machine]").InnerTextAsync(), StringComparison.Ordinal);

        // A run that finds every input done is one line, not a card.
        var (code2, output2) = await ServeTestKit.RunCurateAsync(env, root, "enqueue", "corpus", "--out", "out", "--batch", "2");
        Assert.True(code2 == 0, output2);
        var emptyRun = output2.Split(' ')[1].TrimEnd(':');
        await GotoAsync(page, $"http://127.0.0.1:{port}/runs");
        Assert.Equal(0, await page.Locator($"section[data-run='{emptyRun}']").CountAsync());
        Assert.Contains(emptyRun, await page.Locator("[data-empty-runs]").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ServeTestKit.ArtifactsDir, "runs-with-empty-run.png"), FullPage = true });

        server.Terminate();
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromMinutes(1)));
    }

    /// <summary>
    /// Holds the run "during": the server's parse workers are stepped (SIGCONT, 100 ms, SIGSTOP) until, with them frozen and
    /// what they had already parsed committed, the run has committed something and still has documents pending. Checking
    /// only while frozen is what makes it independent of this machine's speed: checking first and freezing after lost the
    /// race when the workers finished the rest in between. The server itself still answers. Returns the frozen workers.
    /// </summary>
    private static async Task<List<int>> HoldDuringAsync(ServeProcess server, int port, string runId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        var frozen = new List<int>();
        while (true)
        {
            // Settle: freeze every worker (one started meanwhile too) and wait until two reads half a second apart agree.
            string? last = null;
            System.Text.Json.JsonElement run;
            while (true)
            {
                foreach (var worker in Children(server.Id).Except(frozen))
                {
                    Signal("STOP", worker);
                    frozen.Add(worker);
                }

                await Task.Delay(500);
                run = SqliteServeTests.Run(port, runId);
                var counts = $"{run.GetProperty("done").GetInt32()}/{run.GetProperty("failed").GetInt32()}/{run.GetProperty("pending").GetInt32()}";
                if (counts == last && Children(server.Id).Except(frozen).Any() is false)
                {
                    break;
                }

                last = counts;
            }

            var pending = run.GetProperty("pending").GetInt32();
            if (run.GetProperty("done").GetInt32() + run.GetProperty("failed").GetInt32() > 0 && pending > 0)
            {
                return frozen;
            }

            Assert.True(pending > 0, "the run ended within one 100 ms step of its workers: " + server.Output);
            Assert.True(DateTime.UtcNow < deadline, "nothing committed in 3 min of stepping the workers: " + server.Output);
            frozen.ForEach(w => Signal("CONT", w));
            frozen.Clear();
            await Task.Delay(100);
        }
    }

    /// <summary>The processes whose parent is <paramref name="pid"/> (the server's parse workers), from /proc.</summary>
    private static List<int> Children(int pid)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var child))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == pid)
                {
                    children.Add(child);
                }
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
        }

        return children;
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }
}
