using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace SciCurate.Pipeline.Pdf;

/// <summary>The outcome of one chunk: the worker's response, or why the worker could not give one.</summary>
public sealed record ChunkOutcome(ChunkRequest Request, ChunkResponse? Response, string? Failure)
{
    /// <summary>The worker process died (killed, out of memory, a crash): the chunk may be retried once in a fresh worker.</summary>
    public bool Crashed { get; init; }

    /// <summary>The chunk ran out of its document's time limit (the document's budget is then used up).</summary>
    public bool TimedOut { get; init; }
}

/// <summary>
/// Parse worker processes (`curate worker`), each fed one chunk at a time. A worker that crashes (a stack overflow
/// in the PDF library cannot be caught) or runs past the chunk's deadline is killed and replaced; the chunk comes
/// back as a failure with the reason, and the run goes on. A worker is started when the first chunk needs it and
/// serves every chunk after, of every run that shares the pool (the batch jobs of `curate serve`), so its start-up
/// is paid once; one left idle for <see cref="IdleTimeout"/> exits, and the next chunk starts a fresh one.
/// </summary>
public sealed class WorkerPool : IAsyncDisposable
{
    private readonly record struct Job(ChunkRequest Request, TimeBudget Budget, ChannelWriter<ChunkOutcome> Results);

    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>();
    private readonly ChannelWriter<ChunkOutcome>? _results;
    private readonly Func<ProcessStartInfo> _startInfo;
    private readonly Task[] _loops;
    private readonly CancellationTokenSource _stop = new();

    /// <param name="results">Where outcomes of <see cref="EnqueueAsync(ChunkRequest, TimeBudget, CancellationToken)"/> go; a shared pool takes a writer with each chunk instead.</param>
    public WorkerPool(int workers, Func<ProcessStartInfo> startInfo, ChannelWriter<ChunkOutcome>? results = null)
    {
        _startInfo = startInfo;
        _results = results;
        Workers = workers;
        _loops = new Task[workers];
        for (var i = 0; i < workers; i++)
        {
            _loops[i] = Task.Run(() => LoopAsync(_stop.Token));
        }
    }

    /// <summary>Worker processes at most running at once.</summary>
    public int Workers { get; }

    /// <summary>How long a worker may wait for a chunk before it is let go.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The process id of the worker started last (tests freeze and kill that one, not any worker of the test host).</summary>
    internal int LastStartedProcessId { get; private set; }

    /// <summary>Worker processes started so far, restarts included.</summary>
    public int Started => _started;

    private int _started;

    /// <summary>Workers started to replace one that crashed, timed out or failed to start.</summary>
    public int Restarts => _restarts;

    private int _restarts;

    /// <summary>Chunks retried in a fresh worker after their worker died.</summary>
    public int Retries => _retries;

    private int _retries;

    public ValueTask EnqueueAsync(ChunkRequest request, TimeBudget budget, CancellationToken ct) =>
        EnqueueAsync(request, budget, _results ?? throw new InvalidOperationException("this pool has no default results channel"), ct);

    /// <summary>Queues a chunk whose outcome goes to <paramref name="results"/>.</summary>
    public ValueTask EnqueueAsync(ChunkRequest request, TimeBudget budget, ChannelWriter<ChunkOutcome> results, CancellationToken ct) =>
        _queue.Writer.WriteAsync(new Job(request, budget, results), ct);

    /// <summary>The command line that starts a parse worker: this executable (or curate.dll beside this assembly) with `worker`.</summary>
    public static ProcessStartInfo DefaultStartInfo(string? configPath, int memoryMegabytes = 0)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        var self = Environment.ProcessPath ?? "dotnet";
        if (Path.GetFileNameWithoutExtension(self) == "curate")
        {
            info.FileName = self;
        }
        else
        {
            info.FileName = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "curate.dll"));
        }

        // Parse workers are batch processes that run the same hot loops for their whole life: compiling them fully
        // optimised at once beats tiered start-up (measured: a cold corpus pass 29% faster, warm throughput the same).
        if (!info.Environment.TryGetValue("DOTNET_TieredCompilation", out var tiered))
        {
            tiered = "0";
            info.Environment["DOTNET_TieredCompilation"] = tiered;
        }

        // The build precompiles the app's assemblies (ReadyToRun) for the start-up of `curate` itself. Without tiering
        // that precompiled code would never be replaced, and it runs the parse loops slower than a full JIT, so a
        // worker without tiering JITs the app's assemblies as before; the framework's own precompiled code stays.
        if (tiered == "0" && !info.Environment.ContainsKey("DOTNET_ReadyToRunExcludeList"))
        {
            info.Environment["DOTNET_ReadyToRunExcludeList"] = string.Join(';',
                Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
        }

        info.ArgumentList.Add("worker");
        if (configPath is not null)
        {
            info.ArgumentList.Add("--config");
            info.ArgumentList.Add(configPath);
        }

        // Workers are single-threaded by design; a small heap and no tiered-compilation stalls matter more.
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_GCgen0size"] = "0x4000000";
        if (memoryMegabytes > 0)
        {
            // A hard cap on the worker's managed heap (Run:WorkerMemoryMegabytes): a decompression bomb meets an
            // OutOfMemoryException within seconds and fails its document, instead of growing the worker to many GB.
            info.Environment["DOTNET_GCHeapHardLimit"] = "0x" + (memoryMegabytes * 1024L * 1024L).ToString("X", System.Globalization.CultureInfo.InvariantCulture);
        }
        return info;
    }

    public void Complete() => _queue.Writer.TryComplete();

    private async Task LoopAsync(CancellationToken ct)
    {
        Process? process = null;
        var replacing = false;
        var stderr = new StringBuilder();
        try
        {
            while (true)
            {
                if (!_queue.Reader.TryRead(out var job))
                {
                    if (!await WaitForWorkAsync(process is not null, ct))
                    {
                        // Idle too long: this worker goes; the next chunk starts a fresh one.
                        await StopAsync(process!);
                        process = null;
                        replacing = false;
                        continue;
                    }

                    if (!_queue.Reader.TryRead(out job))
                    {
                        if (_queue.Reader.Completion.IsCompleted)
                        {
                            break;
                        }

                        continue;
                    }
                }

                var (request, budget, results) = job;
                string? startFailure = null;
                if (process is null || process.HasExited)
                {
                    process?.Dispose();
                    process = Start(stderr, replacing);
                    replacing = true;
                    startFailure = await WaitReadyAsync(process, stderr, ct);
                }

                var outcome = startFailure is null
                    ? await RunChunkAsync(process, request, budget, stderr, ct)
                    : new ChunkOutcome(request, null, startFailure);
                if (outcome.Crashed)
                {
                    // The environment may have killed it (an OOM killer, an operator's kill -9): a fresh worker gets
                    // the chunk once more, and only a second crash fails the document.
                    Interlocked.Increment(ref _retries);
                    Kill(process);
                    process.Dispose();
                    process = Start(stderr, replacing: true);
                    startFailure = await WaitReadyAsync(process, stderr, ct);
                    var second = startFailure is null
                        ? await RunChunkAsync(process, request, budget, stderr, ct)
                        : new ChunkOutcome(request, null, startFailure);
                    outcome = second.Crashed ? second with { Failure = second.Failure!.Replace("parser crashed", "parser crashed twice", StringComparison.Ordinal) } : second;
                }

                if (outcome.Failure is not null)
                {
                    Kill(process);
                    process.Dispose();
                    process = null;
                }

                await results.WriteAsync(outcome, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            if (process is not null)
            {
                await StopAsync(process);
            }
        }
    }

    /// <summary>
    /// Waits until a chunk may be read (true) or the queue is closed (true, nothing to read); false when a running
    /// worker has waited <see cref="IdleTimeout"/>.
    /// </summary>
    private async Task<bool> WaitForWorkAsync(bool running, CancellationToken ct)
    {
        if (!running)
        {
            await _queue.Reader.WaitToReadAsync(ct);
            return true;
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        idle.CancelAfter(IdleTimeout);
        try
        {
            await _queue.Reader.WaitToReadAsync(idle.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Closes the worker's stdin, which ends it; kills it only when it does not end within a grace period.</summary>
    private static async Task StopAsync(Process process)
    {
        try
        {
            process.StandardInput.Close();
            using var grace = new CancellationTokenSource(StopGrace);
            await process.WaitForExitAsync(grace.Token);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            Kill(process);
        }

        process.Dispose();
    }

    /// <summary>
    /// How long a worker asked to stop may take to exit before it is killed. Killing walks the whole process table
    /// (the worker's own children go too), which on a busy machine costs the parent more than the wait.
    /// </summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>Waits for the worker's ready byte; null when it came, else why the worker could not start.</summary>
    private static async Task<string?> WaitReadyAsync(Process process, StringBuilder stderr, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(StartupTimeout);
        try
        {
            var ready = new byte[1];
            if (await process.StandardOutput.BaseStream.ReadAsync(ready, timeout.Token) == 1 && ready[0] == WorkerFrames.Ready)
            {
                return null;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }

        lock (stderr)
        {
            return $"parse worker failed to start: {stderr.ToString().Trim()}";
        }
    }

    /// <summary>How long a new worker process may take to start.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(120);

    private Process Start(StringBuilder stderr, bool replacing)
    {
        var process = new Process { StartInfo = _startInfo() };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderr)
            {
                // Keep the tail: the last lines say why a worker died.
                if (stderr.Length > 4000)
                {
                    stderr.Remove(0, stderr.Length - 2000);
                }

                stderr.AppendLine(e.Data);
            }
        };
        process.Start();
        LastStartedProcessId = process.Id;
        process.BeginErrorReadLine();
        Interlocked.Increment(ref _started);
        if (replacing)
        {
            Interlocked.Increment(ref _restarts);
        }

        return process;
    }

    private static async Task<ChunkOutcome> RunChunkAsync(Process process, ChunkRequest request, TimeBudget documentBudget, StringBuilder stderr, CancellationToken ct)
    {
        var budget = documentBudget.Remaining;
        if (budget <= TimeSpan.Zero)
        {
            return new ChunkOutcome(request, null, "timed out: the document used up its time limit (Run:DocumentTimeoutSeconds) on earlier pages");
        }

        var clock = Stopwatch.StartNew();
        ChunkOutcome? outcome = null;
        try
        {
            outcome = await RunChunkAsync(process, request, budget, stderr, ct);
            return outcome;
        }
        finally
        {
            // The timer may fire a hair before the stopwatch reaches the limit: a chunk that timed out has used the whole
            // of it, so the document's later chunks fail at once instead of starting with a millisecond left.
            var elapsed = clock.Elapsed;
            documentBudget.Spend(outcome is { TimedOut: true } && budget > elapsed ? budget : elapsed);
        }
    }

    private static async Task<ChunkOutcome> RunChunkAsync(Process process, ChunkRequest request, TimeSpan budget, StringBuilder stderr, CancellationToken ct)
    {

        lock (stderr)
        {
            stderr.Clear();
        }

        try
        {
            var input = process.StandardInput.BaseStream;
            await input.WriteAsync(WorkerFrames.Frame(request), ct);
            await input.FlushAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(budget);
            (byte[] Buffer, int Length)? frame;
            try
            {
                frame = await WorkerFrames.ReadFrameAsync(process.StandardOutput.BaseStream, timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return new ChunkOutcome(request, null, $"timed out: still parsing after the document time limit (Run:DocumentTimeoutSeconds) at pages {request.First}-{request.Last}") { TimedOut = true };
            }

            if (frame is not { } body)
            {
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
                string tail;
                lock (stderr)
                {
                    tail = LastLine(stderr.ToString());
                }

                var code = process.HasExited ? process.ExitCode : -1;
                return new ChunkOutcome(request, null, $"parser crashed (exit code {code}){(tail.Length > 0 ? ": " + tail : "")}") { Crashed = true };
            }

            ChunkResponse response;
            try
            {
                response = WorkerFrames.ReadResponse(body.Buffer.AsSpan(0, body.Length));
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(body.Buffer);
            }

            return response.Id != request.Id
                ? new ChunkOutcome(request, null, "parser worker answered out of turn")
                : new ChunkOutcome(request, response, null);
        }
        catch (Exception e) when (e is IOException or InvalidDataException && (process.HasExited || process.WaitForExit(2000)))
        {
            // The pipe broke, or the answer was cut off, because the worker is gone (killed while writing it).
            return new ChunkOutcome(request, null, $"parser crashed (exit code {process.ExitCode}): {e.Message}") { Crashed = true };
        }
        catch (Exception e) when (e is IOException or InvalidDataException or TimeoutException or InvalidOperationException)
        {
            return new ChunkOutcome(request, null, $"parser worker failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static string LastLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // A stack overflow prints its name first, then thousands of frames: the name is the useful line.
        foreach (var l in lines)
        {
            if (l.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase) || l.Contains("OutOfMemory", StringComparison.Ordinal))
            {
                return l.Length > 200 ? l[..200] : l;
            }
        }

        var last = lines.Length > 0 ? lines[^1] : "";
        return last.Length > 200 ? last[..200] : last;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        Complete();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            await _stop.CancelAsync();
        }

        _stop.Dispose();
    }
}

/// <summary>
/// The parse time a document may still use (Run:DocumentTimeoutSeconds). Its chunks draw on it only while a worker
/// parses them: waiting in the queue behind other documents costs nothing.
/// </summary>
public sealed class TimeBudget(TimeSpan total)
{
    private long _remainingTicks = total.Ticks;

    public static TimeBudget Unlimited => new(TimeSpan.MaxValue);

    public TimeSpan Remaining => TimeSpan.FromTicks(Interlocked.Read(ref _remainingTicks));

    /// <summary>The parse time the document's chunks have used in workers so far.</summary>
    public TimeSpan Spent => TimeSpan.FromTicks(total.Ticks - Interlocked.Read(ref _remainingTicks));

    public void Spend(TimeSpan elapsed) => Interlocked.Add(ref _remainingTicks, -elapsed.Ticks);
}
