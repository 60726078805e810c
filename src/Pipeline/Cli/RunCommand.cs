using System.CommandLine;
using Microsoft.Extensions.Logging;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Pdf;
using Spectre.Console;
using SciCurate.Pipeline.Hosting;

namespace SciCurate.Pipeline.Cli;

/// <summary>`curate run <inputs…> --out DIR`.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "PDF files, web inputs (.warc, .warc.gz, .jsonl, .jsonl.gz, .html, .html.gz) or folders of them (searched recursively)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Output folder (Parquet tables and manifest.json)", Required = true };
        var kind = new Option<string>("--kind") { Description = "What to take from folders: all (PDFs and web files), pdf or web", DefaultValueFactory = _ => "all" };
        kind.AcceptOnlyFromAmong("all", "pdf", "web");
        var command = new Command("run", "Process a corpus on this machine: parse, route hard pages, write Parquet shards. Re-running resumes.")
        {
            inputs,
            output,
            kind,
            CommonOptions.Verbose,
            CommonOptions.Rejudge,
        };
        command.SetAction(async (parse, ct) =>
        {
            var missing = parse.GetValue(inputs)!.Where(i => !File.Exists(i) && !Directory.Exists(i)).ToList();
            if (missing.Count > 0)
            {
                await Console.Error.WriteLineAsync($"curate: input not found: {string.Join(", ", missing)}");
                return 2;
            }

            var (pdfInputs, webInputs) = SplitInputs(parse.GetValue(inputs)!, parse.GetValue(kind)!);
            var wrongKind = parse.GetValue(kind) switch
            {
                "pdf" => webInputs,
                "web" => pdfInputs.Where(File.Exists).ToList(),
                _ => [],
            };
            if (wrongKind.Count > 0)
            {
                await Console.Error.WriteLineAsync($"curate: not a {parse.GetValue(kind)} input (--kind {parse.GetValue(kind)}): {string.Join(", ", wrongKind)}");
                return 2;
            }

            var config = CurateConfig.Load(parse.GetValue(CommonOptions.Config));
            if (parse.GetValue(kind) == "all" && pdfInputs.Count > 0 && webInputs.Count > 0)
            {
                // Stray web files in a PDF folder (or PDFs in a crawl folder) would otherwise be taken silently.
                Console.WriteLine(KindCounts(parse.GetValue(inputs)!));
            }

            using var loggers = Composition.CreateLoggers(parse.GetValue(CommonOptions.Verbose) ? LogLevel.Debug : LogLevel.Warning);
            var composition = new Composition(config, loggers);
            var outDir = parse.GetValue(output)!;
            _ = composition.Provenance; // from here on every shard carries it
            // One run per output folder: a second one waits here, then finds the first one's inputs done.
            using var writer = await RunWriterLock.AcquireAsync(new Output.OutputStore(outDir), Console.Error, ct);
            var shardsBefore = new Output.OutputStore(outDir).Read().Shards.Keys.ToHashSet(StringComparer.Ordinal);
            var committed = 0;
            IReadOnlyCollection<Dedup.SignedDocument>? signed = null;
            try
            {
                if (pdfInputs.Count > 0)
                {
                    var summary = await RunWithProgressAsync(composition, new RunRequest(pdfInputs, outDir), ct);
                    signed = summary.Signed;
                    committed += summary.DocumentsOk + summary.DocumentsFailed + summary.Duplicates;
                    Print(summary, outDir);
                    if (composition.VlmCounters is { Calls: > 0 } vlm)
                    {
                        Console.WriteLine($"vlm client: {vlm}");
                    }
                }

                // Web rows wait in the output's staging for their domain's verdict and are written once, by the judge
                // (an interrupted run's staging is taken up again, even by a run without web inputs).
                using var staging = webInputs.Count > 0 || Web.WebStaging.Exists(outDir)
                    ? Web.WebStaging.Open(new Output.OutputStore(outDir), Web.WebCorpusRunner.NewBatch()) : null;
                if (webInputs.Count > 0)
                {
                    var web = await composition.CreateWebRunner().StageAsync(new RunRequest(webInputs, outDir), staging!, ct: ct);
                    committed += web.DocumentsOk + web.DocumentsFailed + web.Duplicates;
                    PrintWeb(web, outDir);
                }

                // After extraction: the per-domain judge over all web pages of the output (no-op without web_documents).
                // An interrupt from here on waits for the step to stop (its commits are whole) and for the report.
                using var interrupted = new InterruptHold(ct);
                await JudgeStep.RunAsync(composition, outDir, Web.JudgeMode.Judge, parse.GetValue(CommonOptions.Rejudge), ct, staging);

                // Last: exact and near duplicates across PDFs and web pages, new documents against everything signed before.
                if (composition.Config.Dedup.Enabled)
                {
                    await DedupStep.RunAsync(composition, outDir, false, ct, signed);
                }
            }
            catch (OperationCanceledException e) when (ct.IsCancellationRequested)
            {
                // One line for the whole run, whichever step was stopped: what this run committed, and the inputs
                // (PDF and web) the next run still has to do; an interrupted judge or duplicate pass is redone then.
                var done = committed + ((e as RunInterruptedException)?.DocumentsCommitted ?? 0);
                var interrupted = new Output.OutputStore(outDir);
                if (!interrupted.Read().Shards.Keys.ToHashSet(StringComparer.Ordinal).SetEquals(shardsBefore))
                {
                    interrupted.RecordRun(composition.Provenance);
                }

                throw new RunInterruptedException(done, InputsLeft(outDir, pdfInputs, webInputs));
            }

            // A run that wrote shards says so in manifest.json; one that found nothing to do leaves it untouched.
            var store = new Output.OutputStore(outDir);
            if (!store.Read().Shards.Keys.ToHashSet(StringComparer.Ordinal).SetEquals(shardsBefore))
            {
                store.RecordRun(composition.Provenance);
            }

            return 0;
        });
        return command;
    }

    /// <summary>Inputs the output does not hold as finished (same path, size and modification time; a partial web input counts).</summary>
    private static int InputsLeft(string outDir, List<string> pdfInputs, List<string> webInputs)
    {
        var manifest = new Output.OutputStore(outDir).Read();
        return InputScanner.Expand(pdfInputs, InputScanner.IsPdf).Concat(InputScanner.Expand(webInputs, DomainFilter.Web.Intake.WebInputs.IsWeb))
            .Distinct(StringComparer.Ordinal)
            .Count(f =>
            {
                var info = DomainFilter.Web.Intake.RegularFile.Check(f);
                return !(manifest.Inputs.TryGetValue(f, out var e) && e.Status != Output.InputStatus.Partial && e.Size == info.Length && e.ModifiedUtc == info.ModifiedUtc);
            });
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
                        await Task.WhenAny(run, Task.Delay(200, CancellationToken.None));
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
                await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10), CancellationToken.None));
                if (!run.IsCompleted)
                {
                    Console.WriteLine($"[{clock.Elapsed:hh\\:mm\\:ss}] {progress.Done}/{progress.TotalDocuments} documents ({progress.Failed} failed), {progress.Pages} pages");
                }
            }
        }

        return await run;
    }

    /// <summary>
    /// Web inputs by extension (a folder goes to each side that finds files in it, limited to <paramref name="kind"/>
    /// pdf or web); any other file named explicitly goes to the PDF runner, which reports a non-PDF as a failed row.
    /// Files named explicitly are returned on their side whatever the kind, so the caller can refuse a mismatch.
    /// </summary>
    internal static (List<string> Pdf, List<string> Web) SplitInputs(IEnumerable<string> inputs, string kind = "all")
    {
        var pdf = new List<string>();
        var web = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                var files = Directory.EnumerateFiles(input, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).ToList();
                if (kind != "web" && files.Exists(InputScanner.IsPdf))
                {
                    pdf.Add(input);
                }

                if (kind != "pdf" && files.Exists(DomainFilter.Web.Intake.WebInputs.IsWeb))
                {
                    web.Add(input);
                }
            }
            else if (DomainFilter.Web.Intake.WebInputs.IsWeb(input))
            {
                web.Add(input);
            }
            else
            {
                pdf.Add(input);
            }
        }

        return (pdf, web);
    }

    /// <summary>"taking 4 PDF files and 1 web file (.html 1); --kind pdf or --kind web takes one kind": what --kind all found.</summary>
    internal static string KindCounts(IEnumerable<string> inputs)
    {
        var pdf = 0;
        var web = new List<string>();
        foreach (var input in inputs)
        {
            // Named files are taken whatever their extension (a non-PDF fails as a row); folders give what the kinds accept.
            var isDir = Directory.Exists(input);
            var files = isDir ? Directory.EnumerateFiles(input, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }) : [input];
            foreach (var file in files)
            {
                if (DomainFilter.Web.Intake.WebInputs.IsWeb(file))
                {
                    web.Add(file);
                }
                else if (!isDir || InputScanner.IsPdf(file))
                {
                    pdf++;
                }
            }
        }

        var kinds = web.GroupBy(WebExtension, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        return $"taking {pdf} PDF file{(pdf == 1 ? "" : "s")} and {web.Count} web file{(web.Count == 1 ? "" : "s")} ({string.Join(", ", kinds)}); --kind pdf or --kind web takes one kind";
    }

    private static string WebExtension(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        var ext = Path.GetExtension(name);
        return ext == ".gz" ? Path.GetExtension(name[..^3]) + ".gz" : ext;
    }

    internal static void PrintWeb(Web.WebRunSummary s, string outDir)
    {
        Console.WriteLine($"web inputs: {s.Inputs - s.InputsSkipped} processed, {s.InputsSkipped} already done");
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"web documents: {s.DocumentsOk} ok, {s.DocumentsFailed} failed, {s.Duplicates} duplicate URL in {s.Elapsed.TotalSeconds:F1} s ({s.DocumentsPerSecond:F1} documents/s); records skipped: {s.NonHtmlSkipped} non-HTML, {s.OtherRecordsSkipped} other types"));
        foreach (var (reason, count) in s.FailureReasons.OrderByDescending(r => r.Value))
        {
            Console.WriteLine($"  failed: {count} × {reason}");
        }

        foreach (var (rule, count) in s.FailedRules.OrderByDescending(r => r.Value))
        {
            Console.WriteLine($"  quality rule {rule}: {count} documents");
        }

        Console.WriteLine(s.Staged ? $"output: {Path.GetFullPath(outDir)} (web pages staged; written once their domains are judged)"
            : $"output: {Path.GetFullPath(outDir)} ({s.Shards} new web shards)");
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

    public static readonly Option<bool> Rejudge = new("--rejudge") { Description = "Judge every web domain again instead of reusing stored verdicts" };
}
