using System.CommandLine;
using System.Text.Json;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Stats;
using Spectre.Console;

namespace SciCurate.Pipeline.Cli;

/// <summary>`curate stats OUT [--json]`: what an output holds, section by section (<see cref="StatsSections"/>).</summary>
public static class StatsCommand
{
    public static Command Create()
    {
        var output = new Argument<string>("out") { Description = "Output folder of a run" };
        var json = new Option<bool>("--json") { Description = "Print the tables and their raw numbers as JSON" };
        var command = new Command("stats", "Pages per route, tokens, estimated cost and cost per 1,000 pages of an output") { output, json };
        command.SetAction(async (parse, ct) =>
        {
            CurateConfig config;
            try
            {
                config = CurateConfig.Load(parse.GetValue(CommonOptions.Config));
            }
            catch (ConfigException e)
            {
                Console.Error.WriteLine($"curate: {e.Message}");
                return 2;
            }

            var dir = parse.GetValue(output)!;
            var store = new OutputStore(dir);
            if (!File.Exists(store.ManifestPath))
            {
                Console.Error.WriteLine($"curate: {store.ManifestPath} not found: not a curate output folder");
                return 2;
            }

            // A truncated or damaged shard is named, not met as a trace inside a table reader.
            store.EnsureShardsIntact();
            var tables = new List<(string Section, StatsTable Table)>();
            foreach (var section in StatsSections.All)
            {
                foreach (var table in await section.ComputeAsync(store, config, ct))
                {
                    tables.Add((section.Name, table));
                }
            }

            if (parse.GetValue(json))
            {
                var payload = tables.Select(t => new { section = t.Section, t.Table.Title, t.Table.Columns, t.Table.Rows, t.Table.Notes, t.Table.Values });
                Console.WriteLine(JsonSerializer.Serialize(payload, JsonOptions));
                return 0;
            }

            if (tables.Count == 0)
            {
                Console.WriteLine("nothing to report: the output holds no tables yet");
            }

            foreach (var (_, t) in tables)
            {
                Print(t);
            }

            return 0;
        });
        return command;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static void Print(StatsTable t)
    {
        var table = new Table { Title = new TableTitle(t.Title), Border = TableBorder.Rounded };
        for (var i = 0; i < t.Columns.Count; i++)
        {
            var column = new TableColumn(Markup.Escape(t.Columns[i]));
            if (i > 0)
            {
                column.RightAligned();
            }

            table.AddColumn(column);
        }

        foreach (var row in t.Rows)
        {
            table.AddRow(row.Select(c => new Markup(Markup.Escape(c))).ToArray());
        }

        AnsiConsole.Write(table);
        foreach (var note in t.Notes)
        {
            AnsiConsole.WriteLine("  " + note);
        }

        AnsiConsole.WriteLine();
    }
}
