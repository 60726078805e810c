using System.CommandLine;
using Microsoft.Extensions.Logging;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Eval;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Hosting;

namespace SciCurate.Pipeline.Cli;

/// <summary>`curate eval olmocr <bench-dir> --out DIR`: run the pipeline over olmOCR-Bench's PDFs and score the text tests.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var bench = new Argument<string>("bench-dir") { Description = "olmOCR-Bench folder with dataset.jsonl and pdfs/" };
        var output = new Option<string>("--out", "-o") { Description = "Scratch folder for the pipeline run (a previous eval there is replaced)", Required = true };
        var compare = new Option<string[]>("--compare") { Description = "Also score NAME=DIR, a folder of <pdf>_pg<N>.md files from another tool", AllowMultipleArgumentsPerToken = false };
        var failures = new Option<bool>("--failures") { Description = "List failing tests" };
        var olmocr = new Command("olmocr", "Score the cheap path on olmOCR-Bench's present, absent, order and baseline tests") { bench, output, compare, failures };
        olmocr.SetAction(async (parse, ct) =>
        {
            var config = CurateConfig.Load(parse.GetValue(CommonOptions.Config));
            using var loggers = Composition.CreateLoggers(LogLevel.Error);
            var benchDir = parse.GetValue(bench)!;
            var outDir = parse.GetValue(output)!;
            var pdfDir = Path.GetFullPath(Path.Combine(benchDir, "pdfs"));
            var tests = OlmOcrBench.Load(benchDir);
            if (tests.Count == 0)
            {
                Console.Error.WriteLine($"curate: no tests in {benchDir} (dataset.jsonl)");
                return 2;
            }

            // The eval's output folder is scratch: a previous eval there is replaced, so a changed parser is re-measured.
            if (File.Exists(Path.Combine(outDir, OutputStore.ManifestFile)))
            {
                foreach (var table in new[] { PdfCorpusRunner.PagesTable, PdfCorpusRunner.DocumentsTable })
                {
                    var dir = Path.Combine(outDir, table);
                    if (Directory.Exists(dir))
                    {
                        Directory.Delete(dir, recursive: true);
                    }
                }

                File.Delete(Path.Combine(outDir, OutputStore.ManifestFile));
            }

            var summary = await new Composition(config, loggers).CreatePdfRunner().RunAsync(new RunRequest([pdfDir], outDir), ct: ct);
            var pages = await ReadPagesAsync(outDir, pdfDir, ct);
            var columns = new List<(string, BenchScore)> { ("curate", OlmOcrBench.Score(tests, (pdf, page) => pages.GetValueOrDefault((pdf, page)))) };
            foreach (var spec in parse.GetValue(compare) ?? [])
            {
                var eq = spec.IndexOf('=', StringComparison.Ordinal);
                var (name, dir) = eq > 0 ? (spec[..eq], spec[(eq + 1)..]) : (Path.GetFileName(spec), spec);
                columns.Add((name, OlmOcrBench.Score(tests, (pdf, page) => ReadCandidate(dir, pdf, page))));
            }

            Console.WriteLine($"olmOCR-Bench sample: {tests.Count(t => OlmOcrBench.ScoredTypes.Contains(t.Type))} scored tests over {summary.Pages + 0} pages (math and table tests need a VLM and are not scored here)");
            Console.Write(OlmOcrBench.FormatTable(columns));
            if (parse.GetValue(failures))
            {
                foreach (var (test, why) in columns[0].Item2.Failures)
                {
                    Console.WriteLine($"FAIL {test.Id} ({test.Type}): {why}");
                }
            }

            return 0;
        });
        return new Command("eval", "Evaluate the pipeline against a benchmark") { olmocr };
    }

    private static async Task<Dictionary<(string, int), string>> ReadPagesAsync(string outDir, string pdfDir, CancellationToken ct)
    {
        var store = new OutputStore(outDir);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var (_, doc) in TableReader.ReadAsync<PdfDocumentRow>(store, PdfCorpusRunner.DocumentsTable, ct))
        {
            paths[doc.DocId] = Path.GetRelativePath(pdfDir, doc.SourcePath);
        }

        var pages = new Dictionary<(string, int), string>();
        await foreach (var (_, page) in TableReader.ReadAsync<PdfPageRow>(store, PdfCorpusRunner.PagesTable, ct))
        {
            if (paths.TryGetValue(page.DocId, out var rel))
            {
                pages[(rel, page.PageNo)] = page.Markdown;
            }
        }

        // Identical files share one doc_id: map every manifest input to its rows.
        foreach (var (path, entry) in store.Read().Inputs)
        {
            if (entry.DuplicateOf is { } original && paths.ContainsValue(Path.GetRelativePath(pdfDir, original)))
            {
                var rel = Path.GetRelativePath(pdfDir, path);
                foreach (var ((p, n), md) in pages.Where(kv => kv.Key.Item1 == Path.GetRelativePath(pdfDir, original)).ToList())
                {
                    pages[(rel, n)] = md;
                }
            }
        }

        return pages;
    }

    private static string? ReadCandidate(string dir, string pdf, int page)
    {
        var stem = Path.ChangeExtension(pdf, null);
        foreach (var name in new[] { $"{stem}_pg{page}.md", $"{stem}_pg{page}_repeat1.md" })
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        return null;
    }
}
