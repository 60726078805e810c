using System.CommandLine;
using SciCurate.Pipeline.Export;
using SciCurate.Pipeline.Output;
using Spectre.Console;

namespace SciCurate.Pipeline.Cli;

/// <summary>`curate export OUT --to FILE`: kept documents as JSONL for tokenizers and trainers.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var output = new Argument<string>("out") { Description = "Output folder of a run" };
        var to = new Option<string>("--to") { Description = "File to write: .jsonl, .jsonl.gz or .jsonl.zst", Required = true };
        var includePending = new Option<bool>("--include-pending") { Description = "Also PDFs with VLM-pending pages (their cheap text) and web pages awaiting a rewrite or a verdict" };
        var minTokens = new Option<long>("--min-tokens") { Description = "Leave out documents with fewer tokens" };
        var language = new Option<string[]>("--language") { Description = "Only these languages (ISO 639-1, as in the language column; PDFs without one are left out)", AllowMultipleArgumentsPerToken = true };
        var kind = new Option<string>("--kind") { Description = "all, pdf or web", DefaultValueFactory = _ => "all" };
        kind.AcceptOnlyFromAmong("all", "pdf", "web");
        var command = new Command("export", "Write kept documents as JSONL in the dolma/datatrove shape {id, text, source, added, metadata}")
        {
            output, to, includePending, minTokens, language, kind,
        };
        command.SetAction(async (parse, ct) =>
        {
            var store = new OutputStore(parse.GetValue(output)!);
            if (!File.Exists(store.ManifestPath))
            {
                await Console.Error.WriteLineAsync($"curate: {store.ManifestPath} not found: not a curate output folder");
                return 2;
            }

            var target = parse.GetValue(to)!;
            if (!JsonlExporter.IsSupported(target))
            {
                await Console.Error.WriteLineAsync($"curate: --to {target}: name the file .jsonl, .jsonl.gz or .jsonl.zst");
                return 2;
            }

            var filter = new ExportFilter
            {
                IncludePending = parse.GetValue(includePending),
                MinTokens = parse.GetValue(minTokens),
                Languages = parse.GetValue(language) is { Length: > 0 } l ? l.ToHashSet(StringComparer.OrdinalIgnoreCase) : null,
                Kind = parse.GetValue(kind)!,
            };
            var exporter = new JsonlExporter(store, filter);
            var total = exporter.CountRows();
            var progress = new ExportProgress();
            var run = exporter.ExportAsync(target, progress, ct);
            if (!Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive)
            {
                await AnsiConsole.Progress().AutoClear(true)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask("rows", maxValue: Math.Max(1, total));
                        while (!run.IsCompleted)
                        {
                            task.Value = progress.Read;
                            task.Description = $"{progress.Read}/{total} rows, {progress.Written} exported";
                            await Task.WhenAny(run, Task.Delay(200, ct));
                        }

                        task.Value = task.MaxValue;
                    });
            }
            else
            {
                while (!run.IsCompleted)
                {
                    await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10), ct));
                    if (!run.IsCompleted)
                    {
                        await Console.Error.WriteLineAsync($"{progress.Read}/{total} rows read, {progress.Written} exported");
                    }
                }
            }

            var summary = await run;
            Console.WriteLine($"exported {summary.Written} documents ({summary.Tokens} tokens) to {target}; left out: " +
                string.Join(", ", summary.Skipped.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Value} {s.Key}")));
            return 0;
        });
        return command;
    }
}
