using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using SciCurate.DomainFilter.Web;
using SciCurate.DomainFilter.Web.Extraction;
using SciCurate.DomainFilter.Web.Quality;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Web;

namespace SciCurate.Pipeline.Tests.Web;

/// <summary>Hostile web inputs (issue 15): each ends as rows, every record accounted for, and the run ends.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HostileWebInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hostile-web").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Small limits, so bombs and huge lines stay small and the test fast.</summary>
    private static WebCorpusRunner Runner(WebRunOptions? web = null) =>
        new(new RunOptions { Workers = 2 }, web ?? new WebRunOptions { MaxRecordMegabytes = 1, MaxDecompressedMegabytes = 16, BatchMegabytes = 4 },
            () => new WebDocumentBuilder(new DensityContentExtractor(), new StopwordLanguageIdentifier()), NullLogger<WebCorpusRunner>.Instance);

    [Trait("Category", "Slow")]
    [Fact]
    public async Task SeededSample_EveryRecordIsAccountedFor_OneByOne()
    {
        var input = Path.Combine(_dir, "in");
        // Bombs inflate past the 1 MB record cap (HTTP body) and the 16 MB per-input cap (JSONL gzip bomb line).
        var expect = HostileWebInputs.Generate(input, seed: 15, perKind: 3, bombBytes: 24 << 20, hugeBytes: (1 << 20) + 10);
        var outDir = Path.Combine(_dir, "out");

        var summary = await Runner().RunAsync(new RunRequest([input], outDir));

        Assert.Equal(expect.Count, summary.Inputs);
        Assert.Empty(HostileWebInputs.Check(expect, outDir));
        Assert.True(summary.DocumentsFailed >= expect.Values.Sum(e => e.FailedAtLeast));
    }

    [Trait("Category", "Slow")]
    [Fact]
    public async Task BenchCorpus_IsAccountedFor_WhenFuzzEnvironmentGiven_ElseASecondSeed()
    {
        // bench/fuzz/run.sh points FUZZ_EXPECT/FUZZ_OUT at its corpus and `curate run` output; the normal test run
        // checks a second seeded sample the same way.
        var expectPath = Environment.GetEnvironmentVariable("FUZZ_EXPECT");
        var outDir = Environment.GetEnvironmentVariable("FUZZ_OUT");
        Dictionary<string, HostileWebInputs.Expectation> expect;
        if (expectPath is null || outDir is null)
        {
            var input = Path.Combine(_dir, "in");
            HostileWebInputs.Generate(input, seed: 1015, perKind: 2, bombBytes: 24 << 20, hugeBytes: (1 << 20) + 1);
            expectPath = Path.Combine(input, "expect.json");
            outDir = Path.Combine(_dir, "out");
            await Runner().RunAsync(new RunRequest([input], outDir));
        }

        expect = HostileWebInputs.Load(expectPath);
        var problems = HostileWebInputs.Check(expect, outDir);
        if (Environment.GetEnvironmentVariable("FUZZ_REPORT") is { } report)
        {
            File.WriteAllLines(report, HostileWebInputs.Report(outDir, expect, problems));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task LoneSurrogateAndHugeLine_FailOrReadAlone_RestOfFileKept()
    {
        var path = Path.Combine(_dir, "pages.jsonl");
        var big = new string('a', (1 << 20) + 5);
        File.WriteAllText(path,
            "{\"url\": \"https://a.example.org/1\", \"html\": \"<p>first \\ud800 page</p>\"}\n" +
            "{\"url\": \"https://a.example.org/2\", \"html\": \"" + big + "\"}\n" +
            "{\"url\": \"https://a.example.org/3\", \"html\": \"<p>third</p>\"}\n");
        var outDir = Path.Combine(_dir, "out");

        await Runner().RunAsync(new RunRequest([path], outDir));

        var rows = DuckDb.Records($"select url, status, error from read_parquet('{outDir}/web_documents/*.parquet') order by source");
        Assert.Equal(["ok", "failed", "ok"], rows.Select(r => (string)r["status"]!));
        Assert.StartsWith("record too large", (string)rows[1]["error"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpecialAndVanishedInputs_BecomeFailedRows_AndTheRunEnds()
    {
        var input = Path.Combine(_dir, "in");
        Directory.CreateDirectory(input);
        File.CreateSymbolicLink(Path.Combine(input, "zero.warc"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(input, "random.jsonl"), "/dev/urandom");
        MkFifo(Path.Combine(input, "fifo.warc"));
        File.WriteAllText(Path.Combine(input, "ok.jsonl"), "{\"url\": \"https://b.example.org/\", \"html\": \"<p>fine</p>\"}\n");
        var gone = Path.Combine(input, "gone.jsonl");
        var outDir = Path.Combine(_dir, "out");

        // "gone.jsonl" is listed but its target is not there when it is opened, as a file removed during a run.
        File.CreateSymbolicLink(gone, Path.Combine(_dir, "removed.jsonl"));
        var summary = await Runner().RunAsync(new RunRequest([input], outDir)).WaitAsync(TimeSpan.FromMinutes(2));

        var rows = DuckDb.Records($"select status, error, source from read_parquet('{outDir}/web_documents/*.parquet')");
        Assert.Single(rows, r => (string)r["status"]! == "ok");
        var failures = rows.Where(r => (string)r["status"]! == "failed").Select(r => (string)r["error"]!).ToList();
        Assert.Contains(failures, e => e.Contains("a character device", StringComparison.Ordinal));
        Assert.Contains(failures, e => e.Contains("a FIFO", StringComparison.Ordinal));
        Assert.All(failures, e => Assert.StartsWith("cannot read file", e, StringComparison.Ordinal));
        Assert.Contains(failures, e => e.Contains("no longer exists", StringComparison.Ordinal));
        Assert.Equal(4, summary.DocumentsFailed);
    }

    [Fact]
    public async Task PageOfManyElements_FailsNamingTheLimit_Quickly()
    {
        var path = Path.Combine(_dir, "siblings.html");
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < 30_000; i++)
        {
            html.Append("<span>x</span>");
        }

        File.WriteAllText(path, html.Append("</body></html>").ToString());
        var outDir = Path.Combine(_dir, "out");

        await Runner(new WebRunOptions { MaxElements = 10_000 }).RunAsync(new RunRequest([path], outDir));

        var row = Assert.Single(DuckDb.Records($"select status, error from read_parquet('{outDir}/web_documents/*.parquet')"));
        Assert.Equal("failed", row["status"]);
        Assert.StartsWith("too many elements: 30002 tags", (string)row["error"]!, StringComparison.Ordinal);
    }

    internal static void MkFifo(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }
}
