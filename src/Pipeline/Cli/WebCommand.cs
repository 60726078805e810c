using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SciCurate.DomainFilter.Web.Extraction;
using SciCurate.DomainFilter.Web.Intake;
using SciCurate.DomainFilter.Web.Quality;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Eval;

namespace SciCurate.Pipeline.Cli;

/// <summary>`curate web extract` (main content of pages as JSON) and `curate web score` (three benchmarks' own metrics).</summary>
public static class WebCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A folder of .html/.html.gz files (with optional urls.json), or a .warc(.gz) / .jsonl(.gz) file" };
        var output = new Option<string>("--out", "-o") { Description = "JSON file: { name: { articleBody, url } }", Required = true };
        var markdown = new Option<bool>("--markdown") { Description = "Also write each page's Markdown, title, language and date" };
        var repeat = new Option<int>("--repeat") { Description = "Benchmarking: hold the pages in memory and extract them N times, reporting the fastest pass (warm)", DefaultValueFactory = _ => 1 };
        var extract = new Command("extract", "Extract the main content of web pages") { input, output, markdown, repeat };
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
            var languages = new StopwordLanguageIdentifier();
            int declared = 0, agreeing = 0;
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
                    var guess = languages.Identify(content.Text);
                    if (content.DeclaredLanguage is not null)
                    {
                        declared++;
                        agreeing += guess.Language == content.DeclaredLanguage ? 1 : 0;
                    }

                    if (parse.GetValue(markdown))
                    {
                        entry["markdown"] = content.Markdown;
                        entry["title"] = content.Title;
                        entry["declared_language"] = content.DeclaredLanguage;
                        entry["language"] = guess.Language;
                        entry["language_confidence"] = guess.Confidence.ToString(CultureInfo.InvariantCulture);
                        entry["published"] = content.Published?.ToString("o", CultureInfo.InvariantCulture);
                    }
                }

                results[page.Name] = entry;
            }

            clock.Stop();
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
            var passes = parse.GetValue(repeat);
            if (passes > 1)
            {
                var pages = reader.Read(path, new ReadCounts(), ct).Where(p => p.Error is null && !p.IsPlainText).ToList();
                var best = double.MaxValue;
                for (var pass = 1; pass < passes; pass++)
                {
                    process.Refresh();
                    var start = process.TotalProcessorTime;
                    foreach (var page in pages)
                    {
                        extractor.Extract(page.Html ?? CharsetDecoder.Decode(page.Body, page.ContentType).Text, null, ct);
                    }

                    process.Refresh();
                    best = Math.Min(best, (process.TotalProcessorTime - start).TotalSeconds);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"warm: {pages.Count} pages in {best:F2} CPU-s (fastest of {passes - 1} passes): {pages.Count / best:F1} pages per CPU-second, {1000 * best / pages.Count:F1} ms a page"));
            }

            await using (var stream = File.Create(parse.GetValue(output)!))
            {
                await JsonSerializer.SerializeAsync(stream, results, Indented, ct);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pages: {results.Count} ({failed} failed, {counts.NonHtmlSkipped} non-HTML skipped) in {clock.Elapsed.TotalSeconds:F2} s: {results.Count / clock.Elapsed.TotalSeconds:F1} pages/s wall, {results.Count / Math.Max(cpu, 1e-9):F1} pages per CPU-second (one extraction thread)"));
            Console.WriteLine($"language: identified = declared (html lang) on {agreeing} of {declared} pages that declare one");
            return 0;
        });

        var truth = new Argument<string>("truth") { Description = "ground-truth.json (article), WCXB's ground-truth folder (wcxb) or trafilatura's evaldata.json (trafilatura)" };
        var prediction = new Argument<string>("prediction") { Description = "the output of `curate web extract`" };
        var worst = new Option<int>("--worst") { Description = "List the N worst pages (wcxb, trafilatura: of the looked-at half only)", DefaultValueFactory = _ => 0 };
        var metric = new Option<string>("--metric") { Description = "article (scrapinghub shingle F1), wcxb (word-bag F1 per page type) or trafilatura (snippets)", DefaultValueFactory = _ => "article" };
        metric.AcceptOnlyFromAmong("article", "wcxb", "trafilatura");
        var exclude = new Option<string?>("--exclude") { Description = "wcxb: a file of page ids to leave out, one a line" };
        var score = new Command("score", "Score extracted text with a benchmark's own metric") { truth, prediction, worst, metric, exclude };
        score.SetAction(parse =>
        {
            var predicted = ArticleBench.LoadBodies(parse.GetValue(prediction)!);
            var n = parse.GetValue(worst);
            switch (parse.GetValue(metric))
            {
                case "wcxb":
                    var excluded = parse.GetValue(exclude) is { } ex ? File.ReadAllLines(ex).Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal) : [];
                    var wcxb = WcxbBench.Score(WcxbBench.LoadTruth(parse.GetValue(truth)!, excluded), predicted);
                    Console.WriteLine(WcxbLine("all", wcxb.Overall));
                    Console.WriteLine(WcxbLine("looked-at", wcxb.LookedAt));
                    Console.WriteLine(WcxbLine("held-out", wcxb.HeldOut));
                    foreach (var (type, summary) in wcxb.ByType)
                    {
                        Console.WriteLine(WcxbLine(type, summary));
                    }

                    foreach (var p in wcxb.Pages.Where(p => WcxbBench.IsLookedAt(p.Id)).OrderBy(p => p.F1).Take(n))
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p.Id} {p.PageType}  P {p.Precision:F3}  R {p.Recall:F3}  F1 {p.F1:F3}"));
                    }

                    break;
                case "trafilatura":
                    var traf = TrafilaturaBench.Score(TrafilaturaBench.LoadEvaldata(parse.GetValue(truth)!), predicted);
                    var t = traf.Total;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"pages: {traf.Pages.Count}  precision: {t.Precision:F4}  recall: {t.Recall:F4}  F1: {t.F1:F4}  accuracy: {t.Accuracy:F4}  empty: {traf.Empty}  (tp {t.Tp} fp {t.Fp} fn {t.Fn} tn {t.Tn})"));
                    foreach (var (half, c) in new[] { ("looked-at", traf.LookedAt), ("held-out", traf.HeldOut) })
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{half,-10} precision: {c.Precision:F4}  recall: {c.Recall:F4}  F1: {c.F1:F4}  (tp {c.Tp} fp {c.Fp} fn {c.Fn} tn {c.Tn})"));
                    }

                    // Only the looked-at half is ever listed: the held-out half stays a check on tuning.
                    foreach (var p in traf.Pages.Where(p => TrafilaturaBench.IsLookedAt(p.Name)).OrderByDescending(p => p.Counts.Fn + p.Counts.Fp).Take(n))
                    {
                        Console.WriteLine($"  {p.Name}  fn {p.Counts.Fn}  fp {p.Counts.Fp}");
                    }

                    break;
                default:
                    var result = ArticleBench.Score(ArticleBench.LoadBodies(parse.GetValue(truth)!), predicted);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"pages: {result.Pages.Count}  precision: {result.Precision:F4}  recall: {result.Recall:F4}  F1: {result.F1:F4}  empty: {result.Pages.Count(p => string.IsNullOrWhiteSpace(predicted.GetValueOrDefault(p.Name)))}"));
                    foreach (var p in result.Pages.OrderBy(p => 2 * p.Precision * p.Recall / Math.Max(1e-9, p.Precision + p.Recall)).Take(n))
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p.Name}  P {p.Precision:F3}  R {p.Recall:F3}"));
                    }

                    break;
            }

            return 0;
        });
        return new Command("web", "Web pages: extraction and its benchmark") { extract, score };
    }

    private static string WcxbLine(string name, WcxbBench.Summary s) => string.Create(CultureInfo.InvariantCulture,
        $"{name,-14} pages: {s.Pages,5}  precision: {s.Precision:F4}  recall: {s.Recall:F4}  F1: {s.F1:F4}  empty: {s.Empty}");
}
