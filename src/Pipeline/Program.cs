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
    using var signals = parsed.CommandResult.Command.Name == "serve" ? null : new TerminationSignals(TimeSpan.FromSeconds(2));
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
catch (OperationCanceledException)
{
    Console.Error.WriteLine("curate: cancelled");
    return 130;
}
catch (Exception e)
{
    Console.Error.WriteLine($"curate: unexpected error (a bug; please report it with this trace): {e}");
    return 1;
}

/// <summary>
/// SIGINT and SIGTERM: the first cancels the command's token and gives it <c>grace</c> to stop cleanly, then the
/// process leaves with 130 (SIGINT) or 143 (SIGTERM); a second signal leaves at once.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration[] _registrations;
    private readonly TimeSpan _grace;
    private int _signalled;

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

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        var code = context.Signal == PosixSignal.SIGINT ? 130 : 143;
        if (Interlocked.Exchange(ref _signalled, 1) == 1)
        {
            Environment.Exit(code);
        }

        _cts.Cancel();
        _ = Task.Delay(_grace).ContinueWith(_ =>
        {
            Console.Error.WriteLine("curate: stopped");
            Environment.Exit(code);
        }, TaskScheduler.Default);
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
