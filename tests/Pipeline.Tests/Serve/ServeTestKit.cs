using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests.Serve;

/// <summary>Paths, processes and readers the serve tests share: real `curate` processes, real storage, DuckDB read-back.</summary>
internal static class ServeTestKit
{
    public static string RepoRoot => TestData.RepoRoot;

    /// <summary>Real PDFs from tests/data (via TestData): clean pages, a formula page, an encrypted and a damaged file.</summary>
    public static readonly string[] CorpusFiles = ["base.pdf", "multi_column_miss.pdf", "math_2503_04086.pdf", "aes-128.pdf", "zen_of_python_corrupted.pdf"];

    public static string ArtifactsDir
    {
        get
        {
            var dir = System.Environment.GetEnvironmentVariable("CURATE_TEST_ARTIFACTS") ?? Path.Combine(RepoRoot, "artifacts", "serve");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    /// <summary>A fresh folder under /tmp for one test (kept on failure for inspection).</summary>
    public static string NewTempDir(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"curate-serve-{name}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>
    /// Copies the repository's test PDFs <paramref name="variants"/> times; each copy gets a comment line after %%EOF,
    /// so every file has its own bytes (its own doc_id) and still opens.
    /// </summary>
    public static IReadOnlyList<string> MakeCorpus(string dir, int variants)
    {
        Directory.CreateDirectory(dir);
        var files = new List<string>();
        foreach (var pdf in CorpusFiles.Select(SciCurate.TestSupport.TestData.Pdf))
        {
            var bytes = File.ReadAllBytes(pdf);
            for (var v = 0; v < variants; v++)
            {
                var path = Path.Combine(dir, $"{Path.GetFileNameWithoutExtension(pdf)}-{v:D2}.pdf");
                File.WriteAllBytes(path, [.. bytes, .. System.Text.Encoding.ASCII.GetBytes($"\n% variant {v}\n")]);
                files.Add(path);
            }
        }

        return files;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The throw-away PostgreSQL of the test script, started here through .ci/postgres when the script did not.</summary>
    public static string PostgresConnection()
    {
        if (System.Environment.GetEnvironmentVariable("CURATE_TEST_PG") is { Length: > 0 } cs)
        {
            return cs;
        }

        var info = new ProcessStartInfo("bash", [Path.Combine(RepoRoot, ".ci", "postgres")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || output.Length == 0)
        {
            throw new InvalidOperationException($".ci/postgres failed ({process.ExitCode}): {error} (apt-get install -y postgresql)");
        }

        return output.Split('\n')[^1];
    }

    /// <summary>Environment shared by every curate process of one test.</summary>
    public static Dictionary<string, string> Environment(string root, string dataDir)
    {
        return new Dictionary<string, string>
        {
            ["CURATE_CONFIG"] = Path.Combine(RepoRoot, "configs", "curate.json"),
            ["CURATE__DataDir"] = dataDir,
            ["CURATE__Serve__Roots__0"] = root,
            ["CURATE__Serve__PollSeconds"] = "1",
            ["CURATE__Serve__Queues__pdf"] = "1",
            ["CURATE__Serve__Queues__vlm"] = "1",
            ["CURATE__Serve__Queues__web"] = "0",
            ["CURATE__Serve__Queues__judge"] = "0",
            ["CURATE__Serve__Queues__rewrite"] = "0",
            ["CURATE__Serve__Retries"] = "2",
            ["CURATE__Serve__FinishSeconds"] = "20",
        };
    }

    public static async Task<(int ExitCode, string Output)> RunCurateAsync(IReadOnlyDictionary<string, string> env, string workDir, params string[] args)
    {
        await using var process = ServeProcess.Start("cli", env, workDir, args);
        var code = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return (code, process.Output);
    }

    public static T Query<T>(string sql) => DuckDb.Scalar<T>(sql);

    public static int ManifestInputs(string outDir)
    {
        var path = Path.Combine(outDir, "manifest.json");
        if (!File.Exists(path))
        {
            return 0;
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(path));
                return doc.RootElement.GetProperty("inputs").EnumerateObject().Count();
            }
            catch (Exception e) when ((e is IOException or JsonException) && attempt < 5)
            {
                Thread.Sleep(50);
            }
        }
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"not reached within {timeout.TotalSeconds:F0} s: {describe()}");
            }

            await Task.Delay(250);
        }
    }
}

/// <summary>A `curate` child process (dotnet curate.dll …) whose output lines are collected.</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ServeProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output => string.Join('\n', _lines);

    public IEnumerable<string> Lines => _lines;

    public static ServeProcess Start(string name, IReadOnlyDictionary<string, string> env, string workDir, params string[] args)
    {
        var info = CurateProcess.StartInfo(args, env);
        info.WorkingDirectory = workDir;
        info.RedirectStandardInput = true;
        var process = new Process { StartInfo = info };
        var curate = new ServeProcess(name, process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { curate._lines.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { curate._lines.Enqueue("stderr: " + e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return curate;
    }

    public async Task WaitForHttpAsync(int port, TimeSpan timeout)
    {
        using var http = new HttpClient();
        await ServeTestKit.WaitUntilAsync(() =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}: {Output}");
            }

            try
            {
                using var response = http.GetAsync($"http://127.0.0.1:{port}/api/runs").GetAwaiter().GetResult();
                return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, timeout, () => Output);
    }

    /// <summary>SIGTERM, as systemd or docker stop would send.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: false);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
