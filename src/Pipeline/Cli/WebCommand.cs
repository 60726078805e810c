using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SciCurate.DomainFilter.Web.Extraction;
using SciCurate.DomainFilter.Web.Intake;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Eval;

namespace SciCurate.Pipeline.Cli;

/// <summary>`curate web extract` (main content of pages as JSON) and `curate web score` (the article-extraction-benchmark metric).</summary>
public static class WebCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A folder of .html/.html.gz files (with optional urls.json), or a .warc(.gz) / .jsonl(.gz) file" };
        var output = new Option<string>("--out", "-o") { Description = "JSON file: { name: { articleBody, url } }", Required = true };
        var markdown = new Option<bool>("--markdown") { Description = "Also write each page's Markdown, title, language and date" };
        var extract = new Command("extract", "Extract the main content of web pages") { input, output, markdown };
        extract.SetAction(async (parse, ct) =>
        {
            var config = CurateConfig.Load(parse.GetValue(CommonOptions.Config));
            var extractor = new DensityContentExtractor(config.WebExtractor);
            var path = parse.GetValue(input)!;
            var counts = new ReadCounts();
            var reader = Directory.Exists(path) ? new HtmlFileReader() : WebInputs.ReaderFor(path);
            var results = new SortedDictionary<string, Dictionary<string, string?>>(StringComparer.Ordinal);
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var failed = 0;
            foreach (var page in reader.Read(path, counts, ct))
            {
                var entry = new Dictionary<string, string?> { ["url"] = page.Url, ["articleBody"] = "" };
                if (page.Error is not null)
                {
                    entry["error"] = page.Error;
                    failed++;
                }
                else
                {
                    var html = page.Html ?? CharsetDecoder.Decode(page.Body, page.ContentType).Text;
                    var content = page.IsPlainText ? new ExtractedContent { Text = html, Markdown = html } : extractor.Extract(html, Uri.TryCreate(page.Url, UriKind.Absolute, out var u) ? u : null, ct);
                    entry["articleBody"] = content.Text;
                    if (parse.GetValue(markdown))
                    {
                        entry["markdown"] = content.Markdown;
                        entry["title"] = content.Title;
                        entry["language"] = content.DeclaredLanguage;
                        entry["published"] = content.Published?.ToString("o", CultureInfo.InvariantCulture);
                    }
                }

                results[page.Name] = entry;
            }

            clock.Stop();
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
            await using (var stream = File.Create(parse.GetValue(output)!))
            {
                await JsonSerializer.SerializeAsync(stream, results, Indented, ct);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pages: {results.Count} ({failed} failed, {counts.NonHtmlSkipped} non-HTML skipped) in {clock.Elapsed.TotalSeconds:F2} s: {results.Count / clock.Elapsed.TotalSeconds:F1} pages/s wall, {results.Count / Math.Max(cpu, 1e-9):F1} pages per CPU-second (one extraction thread)"));
            return 0;
        });

        var truth = new Argument<string>("truth") { Description = "ground-truth.json of the benchmark" };
        var prediction = new Argument<string>("prediction") { Description = "the output of `curate web extract`" };
        var worst = new Option<int>("--worst") { Description = "List the N worst pages", DefaultValueFactory = _ => 0 };
        var score = new Command("score", "Score extracted text with the article-extraction-benchmark metric (4-token shingles)") { truth, prediction, worst };
        score.SetAction(parse =>
        {
            var result = ArticleBench.Score(ArticleBench.LoadBodies(parse.GetValue(truth)!), ArticleBench.LoadBodies(parse.GetValue(prediction)!));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pages: {result.Pages.Count}  precision: {result.Precision:F4}  recall: {result.Recall:F4}  F1: {result.F1:F4}"));
            foreach (var p in result.Pages.OrderBy(p => 2 * p.Precision * p.Recall / Math.Max(1e-9, p.Precision + p.Recall)).Take(parse.GetValue(worst)))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p.Name}  P {p.Precision:F3}  R {p.Recall:F3}"));
            }

            return 0;
        });
        return new Command("web", "Web pages: extraction and its benchmark") { extract, score };
    }
}
