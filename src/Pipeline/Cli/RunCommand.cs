using System.CommandLine;
using Microsoft.Extensions.Logging;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Pdf;
using Spectre.Console;

namespace SciCurate.Pipeline.Cli;

/// <summary>`curate run <inputs…> --out DIR`.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "PDF files or folders (searched recursively)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Output folder (Parquet tables and manifest.json)", Required = true };
        var command = new Command("run", "Process a corpus on this machine: parse, route hard pages, write Parquet shards. Re-running resumes.")
        {
            inputs,
            output,
            CommonOptions.Config,
            CommonOptions.Verbose,
        };
        command.SetAction(async (parse, ct) =>
        {
            var config = CurateConfig.Load(parse.GetValue(CommonOptions.Config));
            using var loggers = Composition.CreateLoggers(parse.GetValue(CommonOptions.Verbose) ? LogLevel.Debug : LogLevel.Warning);
            var composition = new Composition(config, loggers);
            var request = new RunRequest(parse.GetValue(inputs)!, parse.GetValue(output)!);
            var summary = await RunWithProgressAsync(composition, request, ct);
            Print(summary, request.OutDir);
            if (composition.VlmCounters is { Calls: > 0 } vlm)
            {
                Console.WriteLine($"vlm client: {vlm}");
            }
            return 0;
        });
        return command;
    }

    private static async Task<RunSummary> RunWithProgressAsync(Composition composition, RunRequest request, CancellationToken ct)
    {
        var runner = composition.CreatePdfRunner(request.OutDir);
        var progress = new RunProgress();
        var run = runner.RunAsync(request, progress, ct);
        if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("documents");
                    while (!run.IsCompleted)
                    {
                        task.MaxValue = Math.Max(1, progress.TotalDocuments);
                        task.Value = progress.Done;
                        task.Description = $"{progress.Done}/{progress.TotalDocuments} documents, {progress.Pages} pages";
                        await Task.WhenAny(run, Task.Delay(200, ct));
                    }

                    task.Value = task.MaxValue;
                });
        }
        else
        {
            // Not a terminal: a plain line every 10 seconds.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10), ct));
                if (!run.IsCompleted)
                {
                    Console.WriteLine($"[{clock.Elapsed:hh\\:mm\\:ss}] {progress.Done}/{progress.TotalDocuments} documents ({progress.Failed} failed), {progress.Pages} pages");
                }
            }
        }

        return await run;
    }

    internal static void Print(RunSummary s, string outDir)
    {
        Console.WriteLine($"documents: {s.DocumentsOk} ok, {s.DocumentsFailed} failed, {s.Duplicates} duplicate, {s.Skipped} already done");
        Console.WriteLine($"pages: {s.Pages} in {s.Elapsed.TotalSeconds:F1} s ({s.PagesPerSecond:F1} pages/s); hard {s.HardPages}, vlm pending {s.PendingPages}");
        if (s.PendingPages > 0)
        {
            Console.WriteLine($"{s.PendingPages} hard pages are pending (no VLM endpoint configured; their cheap text is kept): " +
                $"set CURATE__Vlm__Endpoint, CURATE__Vlm__Model and CURATE__Vlm__ApiKey, then run `curate reprocess {outDir} --stage vlm`");
        }
        foreach (var (reason, count) in s.FailureReasons.OrderByDescending(r => r.Value))
        {
            Console.WriteLine($"  failed: {count} × {reason}");
        }

        if (s.WorkerRestarts > 0)
        {
            Console.WriteLine($"parse workers restarted: {s.WorkerRestarts}");
        }

        Console.WriteLine($"output: {Path.GetFullPath(outDir)} ({s.Shards} new shards)");
    }
}

/// <summary>Options shared by several commands.</summary>
public static class CommonOptions
{
    public static readonly Option<string?> Config = new("--config") { Description = "Configuration file (default: configs/curate.json)", Recursive = true };

    public static readonly Option<bool> Verbose = new("--verbose", "-v") { Description = "Log progress details to stderr" };
}
