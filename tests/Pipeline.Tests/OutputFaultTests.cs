using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SciCurate.DomainFilter.Web;
using SciCurate.DomainFilter.Web.Extraction;
using SciCurate.DomainFilter.Web.Quality;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Web;

namespace SciCurate.Pipeline.Tests;

/// <summary>
/// Output faults (issue 15), one test each: a clear OutputFaultException (exit 74 in the CLI), the output left valid,
/// and a rerun that resumes. Disk full is real ENOSPC: the shard's temporary path is a symlink to /dev/full.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OutputFaultTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("output-faults").FullName;
    private readonly List<string> _mounts = [];

    public void Dispose()
    {
        foreach (var m in _mounts)
        {
            Run("umount", m);
        }

        Run("chattr", "-i", _dir);
        foreach (var d in Directory.EnumerateDirectories(_dir, "*", SearchOption.AllDirectories))
        {
            Run("chattr", "-i", d);
            File.SetUnixFileMode(d, (UnixFileMode)0x1ED);
        }

        Directory.Delete(_dir, recursive: true);
    }

    private static WebCorpusRunner Runner() =>
        new(new RunOptions { Workers = 1 }, new WebRunOptions(),
            () => new WebDocumentBuilder(new DensityContentExtractor(), new StopwordLanguageIdentifier()), NullLogger<WebCorpusRunner>.Instance);

    private string Pages(string name, int n)
    {
        var path = Path.Combine(_dir, name + ".jsonl");
        File.WriteAllLines(path, Enumerable.Range(0, n).Select(i =>
            JsonSerializer.Serialize(new { url = $"https://{name}.example.org/{i}", html = $"<html><body><p>Page {i} of {name} with some words in it.</p></body></html>" })));
        return path;
    }

    private static long Rows(string outDir) => DuckDb.Scalar<long>($"select count(*) from read_parquet('{outDir}/web_documents/*.parquet')");

    private static int Run(string file, params string[] args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true })!;
            p.WaitForExit();
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }

    [Trait("Category", "Slow")]
    [Fact]
    public async Task DiskFull_WhileWritingAShard_FailsClearly_KeepsTheManifest_AndTheNextRunResumes()
    {
        var outDir = Path.Combine(_dir, "out");
        var first = Pages("first", 3);
        await Runner().RunAsync(new RunRequest([first], outDir));
        var before = File.ReadAllText(Path.Combine(outDir, OutputStore.ManifestFile));

        // The next shard's temporary file is /dev/full: every write to it is ENOSPC from the kernel.
        var second = Pages("second", 3);
        var temp = new OutputStore(outDir).NewTempPath(WebCorpusRunner.DocumentsTable, "part-full-00000.parquet");
        File.CreateSymbolicLink(temp, "/dev/full");
        var fault = await Assert.ThrowsAsync<OutputFaultException>(() => Runner().RunAsync(new RunRequest([second], outDir) { BatchKey = "full" }));

        Assert.Contains("no space left on device", fault.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(outDir, OutputStore.ManifestFile)));
        Assert.False(File.Exists(temp) || new FileInfo(temp).LinkTarget is not null, "the failed shard's temporary file is removed");
        Assert.Equal(3, Rows(outDir));

        // Space back: the rerun does the second input, and only it.
        await Runner().RunAsync(new RunRequest([first, second], outDir));
        Assert.Equal(6, Rows(outDir));
    }

    [Fact]
    public async Task OutNamingAFile_OrAPathUnderAFile_FailsWithOneLine()
    {
        var file = Path.Combine(_dir, "not-a-folder");
        File.WriteAllText(file, "x");
        var input = Pages("p", 1);

        var a = await Assert.ThrowsAsync<OutputFaultException>(() => Runner().RunAsync(new RunRequest([input], file)));
        var b = await Assert.ThrowsAsync<OutputFaultException>(() => Runner().RunAsync(new RunRequest([input], Path.Combine(file, "out"))));

        Assert.Contains("it is a file", a.Message, StringComparison.Ordinal);
        Assert.Contains("part of the path is a file", b.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', a.Message + b.Message);
    }

    [Fact]
    public async Task ReadOnlyOutput_FailsAtOnce_NotTakenForABusyLock()
    {
        var outDir = Path.Combine(_dir, "ro");
        Directory.CreateDirectory(outDir);
        var input = Pages("p", 2);
        await Runner().RunAsync(new RunRequest([input], outDir));
        // A read-only file system where the test may mount one (root); else a folder without write permission.
        var mounted = Environment.UserName == "root" && Run("mount", "--bind", outDir, outDir) == 0;
        if (mounted)
        {
            _mounts.Add(outDir);
            Assert.Equal(0, Run("mount", "-o", "remount,bind,ro", outDir));
        }
        else
        {
            File.SetUnixFileMode(outDir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        File.WriteAllText(input, File.ReadAllText(input) + "\n");
        var clock = Stopwatch.StartNew();
        var fault = await Assert.ThrowsAsync<OutputFaultException>(() => Runner().RunAsync(new RunRequest([input], outDir)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Contains(mounted ? "read-only" : "permission denied", fault.Message, StringComparison.Ordinal);
        Assert.Equal(2, Rows(outDir));
    }

    [Trait("Category", "Slow")]
    [Fact]
    public async Task FolderWithoutWritePermission_FailsAtOnce_WithPermissionDenied()
    {
        var outDir = Path.Combine(_dir, "locked");
        Directory.CreateDirectory(outDir);
        // Root ignores permission bits: the immutable attribute refuses even root (EPERM).
        var root = Environment.UserName == "root";
        if (root)
        {
            Assert.Equal(0, Run("chattr", "+i", outDir));
        }
        else
        {
            File.SetUnixFileMode(outDir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        var clock = Stopwatch.StartNew();
        var fault = await Assert.ThrowsAsync<OutputFaultException>(() => Runner().RunAsync(new RunRequest([Pages("p", 1)], outDir)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Contains("permission denied", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TruncatedManifest_IsNamedAsDamaged()
    {
        var outDir = Path.Combine(_dir, "out");
        await Runner().RunAsync(new RunRequest([Pages("p", 2)], outDir));
        var manifest = Path.Combine(outDir, OutputStore.ManifestFile);
        File.WriteAllBytes(manifest, File.ReadAllBytes(manifest)[..40]);

        var fault = await Assert.ThrowsAsync<OutputFaultException>(() => Runner().RunAsync(new RunRequest([Pages("q", 1)], outDir)));

        Assert.StartsWith($"{manifest} is damaged", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TruncatedShard_IsNamedByRunStatsAndVerify_AndRepairLetsTheNextRunRedoIt()
    {
        var outDir = Path.Combine(_dir, "out");
        var input = Pages("p", 4);
        await Runner().RunAsync(new RunRequest([input], outDir));
        var store = new OutputStore(outDir);
        var shard = Assert.Single(store.Read().Shards).Key;
        var path = Path.Combine(outDir, shard);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^100]);

        var fault = await Assert.ThrowsAsync<OutputFaultException>(() => Runner().RunAsync(new RunRequest([input], outDir)));
        Assert.Contains(shard, fault.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", fault.Message, StringComparison.Ordinal);
        Assert.Throws<OutputFaultException>(store.EnsureShardsIntact);
        Assert.Contains(store.Verify(checksums: true), p => p.StartsWith(shard, StringComparison.Ordinal));

        // Same size, other bytes: only the checksum sees it.
        File.WriteAllBytes(path, []);
        store.Repair([shard]);
        await Runner().RunAsync(new RunRequest([input], outDir));
        Assert.Empty(store.Verify(checksums: true));
        Assert.Equal(4, Rows(outDir));
        var again = Assert.Single(store.Read().Shards).Key;
        var bytes = File.ReadAllBytes(Path.Combine(outDir, again));
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(Path.Combine(outDir, again), bytes);
        Assert.Contains(store.Verify(checksums: true), p => p.Contains("checksum differs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TemporaryShards_NeverMatchTheTablesGlob()
    {
        var outDir = Path.Combine(_dir, "out");
        await Runner().RunAsync(new RunRequest([Pages("p", 2)], outDir));
        var temp = new OutputStore(outDir).NewTempPath(WebCorpusRunner.DocumentsTable, "part-x-00000.parquet");
        File.WriteAllText(temp, "half a shard");

        Assert.False(temp.EndsWith(".parquet", StringComparison.Ordinal));
        Assert.Equal(2, Rows(outDir));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Cli_OutputFault_PrintsOneLine_AndExits74()
    {
        var file = Path.Combine(_dir, "not-a-folder");
        File.WriteAllText(file, "x");

        var (code, _, stderr) = await CurateProcess.RunAsync(["run", Pages("p", 1), "--out", file]);

        Assert.Equal(OutputFaultException.ExitCode, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("curate: cannot use", line, StringComparison.Ordinal);
    }
}
