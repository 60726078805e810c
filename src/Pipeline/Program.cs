using System.CommandLine;
using System.Globalization;
using SciCurate.Pipeline.Cli;
using SciCurate.Pipeline.Configuration;

// Numbers and dates in output, logs and parsing never depend on the machine's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var root = new RootCommand("curate: turn scientific PDFs and web pages into clean pretraining text in Parquet shards")
{
    RunCommand.Create(),
    ParseCommand.Create(),
    WorkerCommand.Create(),
    EvalCommand.Create(),
    ReprocessCommand.Create(),
    StatsCommand.Create(),
    DetectorCommand.Create(),
};
root.Options.Add(CommonOptions.Config);

try
{
    // Configuration and input errors are reported below as one line, not as a stack trace.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
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
