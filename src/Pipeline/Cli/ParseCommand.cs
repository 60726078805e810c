using System.CommandLine;
using Microsoft.Extensions.Logging;
using SciCurate.Parsers.Pdf;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Hosting;

namespace SciCurate.Pipeline.Cli;

/// <summary>`curate parse <pdf>`: print the cheap parse of one PDF as Markdown, with each page's detector verdict.</summary>
public static class ParseCommand
{
    public static Command Create()
    {
        var pdf = new Argument<string>("pdf") { Description = "A PDF file" };
        var page = new Option<int>("--page") { Description = "Only this page (1-based)" };
        var removed = new Option<bool>("--removed") { Description = "Also print each block taken out as page furniture, with the reason" };
        var command = new Command("parse", "Print the cheap parse of one PDF as Markdown (in process, for inspection)") { pdf, page, removed };
        command.SetAction(parse =>
        {
            var config = CurateConfig.Load(parse.GetValue(CommonOptions.Config));
            using var loggers = Composition.CreateLoggers(LogLevel.Warning);
            using var processor = new Composition(config, loggers).CreatePageProcessor();
            var only = parse.GetValue(page);
            var response = processor.Process(new ChunkRequest(1, Path.GetFullPath(parse.GetValue(pdf)!), only > 0 ? only : 1, only > 0 ? only : config.Pdf.MaxPages), config.Pdf.MaxPages);
            if (response.Error is not null)
            {
                Console.Error.WriteLine($"curate: {response.Error}");
                return 1;
            }

            if (only != 0 && (only < 1 || only > response.PageCount))
            {
                Console.Error.WriteLine($"curate: {parse.GetValue(pdf)} has {response.PageCount} page(s); --page {only} is not one of them");
                return 2;
            }

            var assembled = DocumentAssembler.Assemble([.. response.Pages.Select(p => new PageContent(p.PageNo, p.Height, p.Blocks))]);
            for (var i = 0; i < response.Pages.Count; i++)
            {
                var p = response.Pages[i];
                Console.WriteLine($"<!-- page {p.PageNo}: {p.CharCount} chars, hard_score {p.HardScore:F3}{(p.Hard ? " HARD" : "")} [{string.Join(", ", p.HardReasons)}] {p.Error} -->");
                Console.WriteLine(assembled.PageMarkdown[i]);
                Console.WriteLine();
                if (parse.GetValue(removed))
                {
                    foreach (var r in assembled.Removed.Where(r => r.PageNo == p.PageNo))
                    {
                        // One line each, so a reader (or the edge-line bench) can match it to its page.
                        Console.WriteLine($"<!-- removed {r.Reason}: {r.Text.ReplaceLineEndings(" ").Replace("-->", "- ->", StringComparison.Ordinal)} -->");
                    }

                    Console.WriteLine();
                }
            }

            return 0;
        });
        return command;
    }
}
