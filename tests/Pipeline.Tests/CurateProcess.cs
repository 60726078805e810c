using System.Diagnostics;
using System.Text;

namespace SciCurate.Pipeline.Tests;

/// <summary>Runs the real `curate` CLI (the built curate.dll beside the tests) as a child process.</summary>
public sealed class CurateProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    private CurateProcess(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env, bool defaultInterrupt = false)
    {
        var info = StartInfo(args, env, defaultInterrupt);
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => { lock (_out) { _out.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_err) { _err.AppendLine(e.Data); } };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>
    /// `dotnet curate.dll args…` with stdout and stderr redirected and <paramref name="env"/> added to the environment.
    /// configs/curate.json is found by walking up from curate.dll (the repo's own); tests override keys by environment.
    /// With <paramref name="defaultInterrupt"/> the child starts with SIGINT at its default disposition (coreutils
    /// `env --default-signal`, which then execs, so the pid is curate's): a test run started as a background job of a
    /// non-interactive shell inherits SIGINT as ignored, and the runtime keeps it ignored, so Ctrl-C would not reach it.
    /// </summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null,
        bool defaultInterrupt = false)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        var info = new ProcessStartInfo(defaultInterrupt ? "env" : host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (defaultInterrupt)
        {
            info.ArgumentList.Add("--default-signal=INT");
            info.ArgumentList.Add(host);
        }

        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "curate.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        return info;
    }

    public string Stdout { get { lock (_out) { return _out.ToString(); } } }

    public string Stderr { get { lock (_err) { return _err.ToString(); } } }

    public bool HasExited => _process.HasExited;

    public int Pid => _process.Id;

    public static CurateProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null) => new(args, env);

    /// <summary>As <see cref="Start"/>, with SIGINT at its default disposition whatever this test process inherited.</summary>
    public static CurateProcess StartInterruptible(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null) =>
        new(args, env, defaultInterrupt: true);

    /// <summary>Runs to the end (at most <paramref name="timeout"/>) and returns the exit code.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        using var p = Start(args, env);
        var code = await p.WaitAsync(timeout ?? TimeSpan.FromMinutes(3));
        return (code, p.Stdout, p.Stderr);
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"curate did not finish in {timeout}: {Stdout}\n{Stderr}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL to curate and its parse workers: no clean-up runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
