namespace SciCurate.Pipeline.Tests.Serve;

/// <summary>Recurring runs from configuration: each tick enqueues only inputs the output's manifest does not hold.</summary>
[Trait("Category", "Slow")]
public sealed class RecurringTests
{
    [Fact]
    public async Task RecurringRun_PicksUpNewFiles_AndNeverRedoesFinishedOnes()
    {
        var root = ServeTestKit.NewTempDir("recurring");
        var inbox = Path.Combine(root, "inbox");
        var staging = Path.Combine(root, "staging");
        var corpus = ServeTestKit.MakeCorpus(staging, variants: 2);
        Directory.CreateDirectory(inbox);
        foreach (var file in corpus.Take(4))
        {
            File.Copy(file, Path.Combine(inbox, Path.GetFileName(file)));
        }

        var outDir = Path.Combine(root, "out");
        var env = ServeTestKit.Environment(root, Path.Combine(root, "state"));
        env["CURATE__Serve__Recurring__0__Name"] = "inbox";
        env["CURATE__Serve__Recurring__0__Cron"] = "*/3 * * * * *";
        env["CURATE__Serve__Recurring__0__Inputs__0"] = inbox;
        env["CURATE__Serve__Recurring__0__Out"] = outDir;
        env["CURATE__Serve__BatchDocuments"] = "2";

        var port = ServeTestKit.FreePort();
        await using var server = ServeProcess.Start("recurring", env, root, "serve", "--urls", $"http://127.0.0.1:{port}");
        await server.WaitForHttpAsync(port, TimeSpan.FromSeconds(60));
        await ServeTestKit.WaitUntilAsync(() => ServeTestKit.ManifestInputs(outDir) == 4, TimeSpan.FromMinutes(3), () => server.Output);

        foreach (var file in corpus.Skip(4))
        {
            File.Copy(file, Path.Combine(inbox, Path.GetFileName(file)));
        }

        await ServeTestKit.WaitUntilAsync(() => ServeTestKit.ManifestInputs(outDir) == corpus.Count, TimeSpan.FromMinutes(3), () => server.Output);
        // A few more ticks with nothing new.
        await Task.Delay(TimeSpan.FromSeconds(8));

        var documents = Path.Combine(outDir, "pdf_documents", "*.parquet");
        Assert.Equal(corpus.Count, ServeTestKit.Query<long>($"select count(*) from read_parquet('{documents}')"));
        Assert.Equal(corpus.Count, ServeTestKit.Query<long>($"select count(distinct doc_id) from read_parquet('{documents}')"));
        Assert.Contains("recurring inbox: run", server.Output, StringComparison.Ordinal);
        server.Terminate();
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromMinutes(1)));
    }
}
