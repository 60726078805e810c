using System.CommandLine;
using Microsoft.Extensions.Logging;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Web;

namespace SciCurate.Pipeline.Cli;

/// <summary>`curate reprocess DIR --stage judge|rewrite`: redo one stage over an existing output, as a new generation of shards.</summary>
public static class ReprocessCommand
{
    public static Command Create()
    {
        var output = new Argument<string>("out") { Description = "An output folder written by curate run" };
        var stage = new Option<string>("--stage")
        {
            Description = "judge: group web pages by domain and judge again (stored verdicts reused unless --rejudge); rewrite: rewrite pages left rewrite_pending",
            Required = true,
        };
        stage.AcceptOnlyFromAmong("judge", "rewrite");
        var command = new Command("reprocess", "Redo one stage over an existing output folder")
        {
            output,
            stage,
            CommonOptions.Rejudge,
            CommonOptions.Config,
            CommonOptions.Verbose,
        };
        command.SetAction(async (parse, ct) =>
        {
            var config = CurateConfig.Load(parse.GetValue(CommonOptions.Config));
            using var loggers = Composition.CreateLoggers(parse.GetValue(CommonOptions.Verbose) ? LogLevel.Debug : LogLevel.Warning);
            var composition = new Composition(config, loggers);
            var dir = parse.GetValue(output)!;
            if (!File.Exists(Path.Combine(dir, Output.OutputStore.ManifestFile)))
            {
                Console.Error.WriteLine($"curate: {dir} has no {Output.OutputStore.ManifestFile}");
                return 2;
            }

            var mode = parse.GetValue(stage) == "rewrite" ? JudgeMode.RewriteOnly : JudgeMode.Judge;
            if (mode == JudgeMode.RewriteOnly && !config.Llm.IsConfigured)
            {
                Console.Error.WriteLine("curate: --stage rewrite needs an LLM endpoint (CURATE__Llm__Endpoint, CURATE__Llm__Model)");
                return 2;
            }

            var summary = await JudgeStep.RunAsync(composition, dir, mode, parse.GetValue(CommonOptions.Rejudge), ct);
            if (summary is null)
            {
                Console.WriteLine("no web_documents in this output: nothing to do");
            }

            return 0;
        });
        return command;
    }
}
