using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace SciCurate.Parsers.Rendering;

/// <summary>
/// One pdftoppm call in a child process, shared by the renderers: stdout is copied to a stream, the call is bounded by
/// a time limit (then killed with its process tree) and by the caller's token, and failures come back as text.
/// </summary>
internal static class PdftoppmProcess
{
    /// <summary>
    /// Null when pdftoppm ran and exited with 0; else why not: "cannot start …", "time-out after N s" or
    /// "pdftoppm exit code N: first line of stderr". Cancellation by <paramref name="ct"/> is thrown, not returned.
    /// </summary>
    public static async Task<string?> RunAsync(string pdftoppm, IEnumerable<string> args, Stream stdout, TimeSpan timeout, CancellationToken ct)
    {
        var start = new ProcessStartInfo(pdftoppm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("process did not start");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return $"cannot start {pdftoppm} ({e.Message}); install poppler-utils";
        }

        using (process)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout, limit.Token);
            var stderr = process.StandardError.ReadToEndAsync(limit.Token);
            try
            {
                await Task.WhenAll(copy, stderr, process.WaitForExitAsync(limit.Token));
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                ct.ThrowIfCancellationRequested();
                return string.Create(CultureInfo.InvariantCulture, $"time-out after {timeout.TotalSeconds:0.#} s");
            }

            if (process.ExitCode != 0)
            {
                var line = stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
                return $"pdftoppm exit code {process.ExitCode}{(line.Length > 0 ? ": " + line[..Math.Min(200, line.Length)] : "")}";
            }

            return null;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
