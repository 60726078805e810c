using Microsoft.Playwright;

namespace SciCurate.Pipeline.Tests.Serve;

/// <summary>The pipeline page and the Hangfire dashboard in headless Debian chromium (no browser download).</summary>
[Trait("Category", "Slow")]
public sealed class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task PipelinePageAndDashboard_ShowTheRunsNumbers_InChromium()
    {
        Assert.True(File.Exists(Chromium), "apt-get install -y chromium");
        var root = ServeTestKit.NewTempDir("browser");
        var corpus = ServeTestKit.MakeCorpus(Path.Combine(root, "corpus"), variants: 2);
        var outDir = Path.Combine(root, "out");
        var env = ServeTestKit.Environment(root, Path.Combine(root, "state"));
        var (code, output) = await ServeTestKit.RunCurateAsync(env, root, "enqueue", "corpus", "--out", "out", "--batch", "4");
        Assert.True(code == 0, output);
        var runId = output.Split(' ')[1].TrimEnd(':');
        var jobs = (corpus.Count + 3) / 4;

        var port = ServeTestKit.FreePort();
        await using var server = ServeProcess.Start("browser", env, root, "serve", "--urls", $"http://127.0.0.1:{port}");
        await server.WaitForHttpAsync(port, TimeSpan.FromSeconds(60));
        await ServeTestKit.WaitUntilAsync(() => ServeTestKit.ManifestInputs(outDir) == corpus.Count, TimeSpan.FromMinutes(4), () => server.Output);
        await ServeTestKit.WaitUntilAsync(() => SqliteServeTests.Run(port, runId).GetProperty("jobStates").TryGetProperty("Succeeded", out var s) && s.GetInt32() == jobs,
            TimeSpan.FromMinutes(1), () => server.Output);
        var expected = SqliteServeTests.Run(port, runId);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        var response = await page.GotoAsync($"http://127.0.0.1:{port}/");
        Assert.Equal(200, response!.Status);
        Assert.EndsWith("/runs", page.Url, StringComparison.Ordinal);
        var run = page.Locator($"section[data-run='{runId}']");
        Assert.Equal(expected.GetProperty("done").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), await run.Locator("[data-run-stat='done']").InnerTextAsync());
        Assert.Equal(expected.GetProperty("failed").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), await run.Locator("[data-run-stat='failed']").InnerTextAsync());
        Assert.Equal("0", await run.Locator("[data-run-stat='pending']").InnerTextAsync());
        Assert.Equal(corpus.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), await run.Locator("[data-run-stat='documents']").InnerTextAsync());
        Assert.Equal(jobs.ToString(System.Globalization.CultureInfo.InvariantCulture), await run.Locator("[data-job-state='Succeeded']").InnerTextAsync());
        var cheapPages = expected.GetProperty("pagesByRoute").GetProperty("cheap").GetInt64();
        Assert.True(cheapPages > 0);
        Assert.Equal(cheapPages.ToString(System.Globalization.CultureInfo.InvariantCulture), await run.Locator("[data-route='cheap']").TextContentAsync());
        Assert.Equal(1, await run.Locator("svg[aria-label='throughput'] polyline").First.CountAsync());
        Assert.Contains("0 waiting", await page.Locator("[data-queue='pdf']").TextContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ServeTestKit.ArtifactsDir, "pipeline-page.png"), FullPage = true });

        // The page refreshes by itself: a new run appears without a reload by the test.
        var (code2, output2) = await ServeTestKit.RunCurateAsync(env, root, "enqueue", "corpus", "--out", "out2", "--batch", "4");
        Assert.True(code2 == 0, output2);
        var secondRun = output2.Split(' ')[1].TrimEnd(':');
        await page.Locator($"section[data-run='{secondRun}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        response = await RunsPageTests.GotoAsync(page, $"http://127.0.0.1:{port}/hangfire");
        Assert.Equal(200, response!.Status);
        Assert.Contains("SciCurate jobs", await page.TitleAsync(), StringComparison.Ordinal);
        await page.GotoAsync($"http://127.0.0.1:{port}/hangfire/jobs/succeeded");
        var succeeded = await page.ContentAsync();
        Assert.Contains($"{runId} ", succeeded, StringComparison.Ordinal);
        Assert.Contains("pdf batch 1/", succeeded, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ServeTestKit.ArtifactsDir, "hangfire-succeeded.png"), FullPage = true });
        Assert.True(new FileInfo(Path.Combine(ServeTestKit.ArtifactsDir, "pipeline-page.png")).Length > 10_000);

        server.Terminate();
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromMinutes(1)));
    }
}
