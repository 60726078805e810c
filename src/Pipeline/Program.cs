using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using SciCurate.Pipeline.Cli;
using SciCurate.Pipeline.Configuration;

// Numbers and dates in output, logs and parsing never depend on the machine's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var root = CurateCommand.Create();
TerminationSignals? signals = null;

try
{
    var parsed = root.Parse(args);
    if (UnknownOptions.Describe(parsed) is { } unknown)
    {
        Console.Error.WriteLine(unknown);
        return 2;
    }

    // Configuration and input errors are reported below as one line, not as a stack trace. `curate serve` handles
    // SIGTERM itself: its graceful shutdown takes longer than two seconds. Every other command stops on our own
    // handler, not System.CommandLine's: its handler crashed the process on a second signal (Ctrl-C twice, or
    // `timeout` and a process group both sending SIGTERM), and a wait that ignores the token (an output lock another
    // process holds) must still end.
    signals = parsed.CommandResult.Command.Name == "serve" ? null : new TerminationSignals(TimeSpan.FromSeconds(2));
    return await parsed.InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,
        ProcessTerminationTimeout = null,
    }, signals?.Token ?? CancellationToken.None);
}
catch (SciCurate.Pipeline.Output.OutputFaultException e)
{
    Console.Error.WriteLine($"curate: {e.Message}");
    return SciCurate.Pipeline.Output.OutputFaultException.ExitCode;
}
catch (AggregateException e) when (e.Flatten().InnerExceptions.OfType<SciCurate.Pipeline.Output.OutputFaultException>().FirstOrDefault() is { } fault)
{
    Console.Error.WriteLine($"curate: {fault.Message}");
    return SciCurate.Pipeline.Output.OutputFaultException.ExitCode;
}
catch (ConfigException e)
{
    Console.Error.WriteLine($"curate: {e.Message}");
    return 2;
}
catch (FileNotFoundException e)
{
    Console.Error.WriteLine($"curate: {e.Message}");
    return 2;
}
catch (RunInterruptedException e)
{
    // What was finished is committed: one line says how much, and the exit code says which signal stopped it.
    Console.Error.WriteLine(e.Message);
    return signals?.ExitCode ?? 130;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("curate: cancelled");
    return signals?.ExitCode ?? 130;
}
catch (Exception e)
{
    Console.Error.WriteLine($"curate: unexpected error (a bug; please report it with this trace): {e}");
    return 1;
}
finally
{
    signals?.Dispose();
}

/// <summary>
/// SIGINT and SIGTERM: the first cancels the command's token and gives it <c>grace</c> to stop cleanly (longer while an
/// interrupted run commits what it finished, see <see cref="CommitHold"/>), then the process leaves with 130 (SIGINT)
/// or 143 (SIGTERM); a second signal leaves at once.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration[] _registrations;
    private readonly TimeSpan _grace;
    private int _signalled;
    private int _exitCode = 130;

    public TerminationSignals(TimeSpan grace)
    {
        _grace = grace;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    public CancellationToken Token => _cts.Token;

    /// <summary>130 after SIGINT, 143 after SIGTERM (the shell's 128 + signal number).</summary>
    public int ExitCode => Volatile.Read(ref _exitCode);

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        var code = context.Signal == PosixSignal.SIGINT ? 130 : 143;
        if (Interlocked.Exchange(ref _signalled, 1) == 1)
        {
            Environment.Exit(code);
        }

        Volatile.Write(ref _exitCode, code);
        _cts.Cancel();
        _ = Task.Run(async () =>
        {
            await Task.Delay(_grace);
            var deadline = DateTime.UtcNow + CommitHold.MaxCommitWait;
            while (CommitHold.IsHeld && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            // The command normally returns before this; here it did not stop in time (a wait that ignores the token).
            Console.Error.WriteLine("curate: stopped");
            Environment.Exit(code);
        });
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cts.Dispose();
    }
}
