using System.CommandLine;
using SciCurate.Pipeline.Cli;
using SciCurate.Pipeline.Configuration;

var root = new RootCommand("curate: turn scientific PDFs and web pages into clean pretraining text in Parquet shards")
{
    RunCommand.Create(),
    ParseCommand.Create(),
    WorkerCommand.Create(),
    EvalCommand.Create(),
    ReprocessCommand.Create(),
    StatsCommand.Create(),
    WebCommand.Create(),
};
root.Options.Add(CommonOptions.Config);

try
{
    return await root.Parse(args).InvokeAsync();
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
