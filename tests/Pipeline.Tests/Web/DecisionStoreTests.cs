using System.Diagnostics;
using SciCurate.DomainFilter.Judge;
using SciCurate.Pipeline.Web;

namespace SciCurate.Pipeline.Tests.Web;

/// <summary>Both decision stores against real databases: a SQLite file and the throw-away PostgreSQL of .ci/postgres.</summary>
[Trait("Category", "Slow")]
public sealed class DecisionStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("judge-store-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<IDomainDecisionStore> OpenAsync(string kind) => kind == "sqlite"
        ? await SqliteDomainDecisionStore.OpenAsync(Path.Combine(_dir, "d.sqlite"), CancellationToken.None)
        : await PostgresDomainDecisionStore.OpenAsync(PostgresConnection(), CancellationToken.None);

    /// <summary>CURATE_TEST_PG (set by test.sh), else the cluster .ci/postgres starts (idempotent).</summary>
    internal static string PostgresConnection()
    {
        var fromEnv = Environment.GetEnvironmentVariable("CURATE_TEST_PG");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, ".ci", "postgres")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(dir.FullName, ".ci", "postgres")]) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    private static DomainVerdict Verdict(string domain, string version, DomainDecision decision, string reason) => new()
    {
        Domain = domain,
        Decision = decision,
        Judge = "judge-model-7b",
        JudgeVersion = version,
        ScienceScore = 0.8125,
        QualityScore = 0.25,
        Reason = reason,
        PagesSeen = 42,
        SampleUrls = ["https://a.example.org/1", "https://a.example.org/wiki/ü"],
        Calls = 2,
        PromptTokens = 1234,
        CompletionTokens = 56,
        JudgedAt = new DateTimeOffset(2026, 11, 29, 3, 4, 5, TimeSpan.Zero),
    };

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Store_RoundTripsVerdicts_ByDomainAndJudgeVersion(string kind)
    {
        var domain = $"d{Guid.NewGuid():N}.example.org";
        await using (var store = await OpenAsync(kind))
        {
            Assert.Null(await store.GetAsync(domain, "llm-v1:m", CancellationToken.None));
            await store.PutAsync(Verdict(domain, "llm-v1:m", DomainDecision.Keep, "first"), CancellationToken.None);
            await store.PutAsync(Verdict(domain, "offline-v1", DomainDecision.Drop, "offline says drop"), CancellationToken.None);
            await store.PutAsync(Verdict(domain, "llm-v1:m", DomainDecision.Rewrite, "second"), CancellationToken.None);
        }

        // A new connection sees what the first wrote: the last verdict per (domain, version).
        await using (var store = await OpenAsync(kind))
        {
            var llm = await store.GetAsync(domain, "llm-v1:m", CancellationToken.None);
            Assert.NotNull(llm);
            Assert.Equal(DomainDecision.Rewrite, llm.Decision);
            Assert.Equal("second", llm.Reason);
            Assert.Equal(0.8125, llm.ScienceScore);
            Assert.Equal(0.25, llm.QualityScore);
            Assert.Equal(42, llm.PagesSeen);
            Assert.Equal(["https://a.example.org/1", "https://a.example.org/wiki/ü"], llm.SampleUrls);
            Assert.Equal(2, llm.Calls);
            Assert.Equal(1234, llm.PromptTokens);
            Assert.Equal(new DateTimeOffset(2026, 11, 29, 3, 4, 5, TimeSpan.Zero), llm.JudgedAt);
            Assert.Equal(DomainDecision.Drop, (await store.GetAsync(domain, "offline-v1", CancellationToken.None))!.Decision);
            Assert.Null(await store.GetAsync(domain, "llm-v2:m", CancellationToken.None));
        }
    }
}
