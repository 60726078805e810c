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
            var composition = new Composition(config, loggers);
            using var processor = composition.CreatePageProcessor();
            return ParseWorker.Run(processor, composition.CreatePdfFinisher(), config.Run.ChunkPages);
        });
        return command;
    }
}
