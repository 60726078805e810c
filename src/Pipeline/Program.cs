using System.CommandLine;
using SciCurate.Pipeline.Cli;
using SciCurate.Pipeline.Configuration;

var root = new RootCommand("curate: turn scientific PDFs and web pages into clean pretraining text in Parquet shards")
{
    RunCommand.Create(),
    ParseCommand.Create(),
    WorkerCommand.Create(),
    EvalCommand.Create(),
    ServeCommand.Create(),
    EnqueueCommand.Create(),
};
root.Options.Add(CommonOptions.Config);

try
{
    var parsed = root.Parse(args);
    // `curate serve` handles SIGTERM itself: its graceful shutdown takes longer than System.CommandLine's two seconds.
    var invocation = new InvocationConfiguration
    {
        ProcessTerminationTimeout = parsed.CommandResult.Command.Name == "serve" ? null : TimeSpan.FromSeconds(2),
    };
    return await parsed.InvokeAsync(invocation);
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
