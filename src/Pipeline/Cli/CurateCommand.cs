using System.CommandLine;

namespace SciCurate.Pipeline.Cli;

/// <summary>The `curate` command tree: every command and the options they share (Program.cs and in-process tests).</summary>
public static class CurateCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("curate: turn scientific PDFs and web pages into clean pretraining text in Parquet shards")
        {
            RunCommand.Create(),
            ParseCommand.Create(),
            WorkerCommand.Create(),
            EvalCommand.Create(),
            ReprocessCommand.Create(),
            StatsCommand.Create(),
            DetectorCommand.Create(),
            ServeCommand.Create(),
            EnqueueCommand.Create(),
            WebCommand.Create(),
            ExportCommand.Create(),
            JudgeCommand.Create(),
            VerifyCommand.Create(),
        };
        root.Options.Add(CommonOptions.Config);
        return root;
    }
}
