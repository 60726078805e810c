using System.CommandLine;
using System.Globalization;
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
    // SIGTERM itself: its graceful shutdown takes longer than System.CommandLine's two seconds.
    return await parsed.InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,
        ProcessTerminationTimeout = parsed.CommandResult.Command.Name == "serve" ? null : TimeSpan.FromSeconds(2),
    });
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
