using System.Diagnostics;

namespace SciCurate.Pipeline.Tests;

/// <summary>
/// Permission denied, for real (issue 15): root reads and writes whatever the mode bits say, so chmod 000 denies it
/// nothing and a test run as root (as CI is) could not fail. When the tests run as root, the `curate` process is
/// started without the two capabilities that let root past the mode bits (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH,
/// dropped from its bounding set by setpriv): it stays root, with root's files readable (some machines make
/// /dev/urandom root-only, which the runtime needs), but the kernel refuses it a mode-000 file or a 0555 folder like
/// any user. Run as another user, curate is refused by the mode bits directly. Either way the test fails if curate
/// does not say so.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PermissionDeniedTests : IDisposable
{
    private static readonly UnixFileMode Open = (UnixFileMode)0x1FF; // 0777
    private readonly string _dir = Directory.CreateTempSubdirectory("permission-denied").FullName;

    public PermissionDeniedTests() => File.SetUnixFileMode(_dir, Open);

    public void Dispose()
    {
        foreach (var d in Directory.EnumerateDirectories(_dir, "*", SearchOption.AllDirectories).Prepend(_dir))
        {
            File.SetUnixFileMode(d, Open);
        }

        Directory.Delete(_dir, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>`curate args…`, without root's permission-bypassing capabilities when the tests run as root.</summary>
    private static async Task<(int Code, string Stderr)> CurateAsync(params string[] args)
    {
        var info = CurateProcess.StartInfo(args);
        if (IsRoot)
        {
            var command = new List<string> { "--bounding-set=-dac_override,-dac_read_search", "--", info.FileName };
            command.AddRange(info.ArgumentList);
            info.FileName = "setpriv";
            info.ArgumentList.Clear();
            command.ForEach(info.ArgumentList.Add);
        }

        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        _ = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (p.ExitCode, await stderr);
    }

    private string Folder(string name)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, Open);
        return path;
    }

    private static void Readable(string path) => File.SetUnixFileMode(path, (UnixFileMode)0x1A4); // 0644

    [Trait("Category", "Slow")]
    [Fact]
    public async Task UnreadableInputs_BecomeFailedRows_NamingPermissionDenied_AndTheRunEnds()
    {
        var input = Folder("in");
        var good = Path.Combine(input, "good.jsonl");
        File.WriteAllText(good, "{\"url\": \"https://p.example.org/ok\", \"html\": \"<p>a readable page with some words</p>\"}\n");
        Readable(good);
        var lockedWeb = Path.Combine(input, "locked.jsonl");
        File.WriteAllText(lockedWeb, "{\"url\": \"https://p.example.org/locked\", \"html\": \"<p>never read</p>\"}\n");
        var lockedPdf = Path.Combine(input, "locked.pdf");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "data", "pdf", "base.pdf"), lockedPdf);
        File.SetUnixFileMode(lockedWeb, UnixFileMode.None);
        File.SetUnixFileMode(lockedPdf, UnixFileMode.None);
        var outDir = Path.Combine(Folder("out"), "run");

        var (code, stderr) = await CurateAsync("run", input, "--out", outDir);

        Assert.True(code == 0, $"exit {code}: {stderr}");
        var pdf = Assert.Single(DuckDb.Records($"select status, error from {DuckDb.Table(outDir, "pdf_documents")}"));
        Assert.Equal("failed", pdf["status"]);
        Assert.StartsWith("cannot read file", (string)pdf["error"]!, StringComparison.Ordinal);
        Assert.Contains("denied", (string)pdf["error"]!, StringComparison.Ordinal);
        var web = DuckDb.Records($"select status, error from {DuckDb.Table(outDir, "web_documents")}");
        Assert.Equal(2, web.Count);
        var locked = Assert.Single(web, r => (string)r["status"]! == "failed");
        Assert.StartsWith("cannot read file", (string)locked["error"]!, StringComparison.Ordinal);
        Assert.Contains("denied", (string)locked["error"]!, StringComparison.Ordinal);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public async Task OutputFolderWithoutWritePermission_OneLine_Exit74()
    {
        var input = Folder("in");
        var good = Path.Combine(input, "good.jsonl");
        File.WriteAllText(good, "{\"url\": \"https://p.example.org/ok\", \"html\": \"<p>a readable page</p>\"}\n");
        Readable(good);
        var outDir = Folder("locked-out");
        File.SetUnixFileMode(outDir, (UnixFileMode)0x16D); // 0555: no one may write it

        var (code, stderr) = await CurateAsync("run", input, "--out", outDir);

        Assert.Equal(74, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("curate: ", line, StringComparison.Ordinal);
        Assert.Contains("permission denied", line, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(outDir));
    }
}
