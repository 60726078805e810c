using System.CommandLine;
using Microsoft.Extensions.Logging;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Hosting;

namespace SciCurate.Pipeline.Cli;

/// <summary>`curate worker`: the parse worker process, driven by `curate run` over stdin/stdout. Not for direct use.</summary>
public static class WorkerCommand
{
    public static Command Create()
    {
        var command = new Command("worker", "Internal: a parse worker reading requests on stdin") { Hidden = true };
        command.SetAction(parse =>
        {
            var config = CurateConfig.Load(parse.GetValue(CommonOptions.Config));
            using var loggers = Composition.CreateLoggers(LogLevel.Warning);
            using var processor = new Composition(config, loggers).CreatePageProcessor();
            return ParseWorker.Run(processor, config.Run.ChunkPages);
        });
        return command;
    }
}
