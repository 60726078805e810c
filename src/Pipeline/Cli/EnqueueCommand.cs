using System.CommandLine;
using Hangfire;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Serve;
using SciCurate.Pipeline.Serve.Jobs;

namespace SciCurate.Pipeline.Cli;

/// <summary>`curate enqueue <inputs…> --out DIR [--kind all|pdf|web]`: split a corpus into jobs for `curate serve` workers.</summary>
public static class EnqueueCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "PDF files, web inputs (.warc, .warc.gz, .jsonl, .jsonl.gz, .html, .html.gz) or folders of them (under Serve:Roots)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Output folder (under Serve:Roots)", Required = true };
        var batch = new Option<int?>("--batch") { Description = "PDFs (or HTML files) per job (default Serve:BatchDocuments); a WARC or JSONL file is one job" };
        var kind = new Option<string>("--kind") { Description = "What to take from folders: all (PDFs and web files), pdf or web", DefaultValueFactory = _ => "all" };
        kind.AcceptOnlyFromAmong("all", "pdf", "web");
        var command = new Command("enqueue", "Queue a corpus as jobs (PDF batches, web inputs; then VLM pages, judge, rewrite and duplicates) in the job storage `curate serve` workers process")
        {
            inputs,
            output,
            batch,
            kind,
            ServeCommand.Storage,
        };
        command.SetAction(parse =>
        {
            try
            {
                var named = parse.GetValue(inputs)!;
                var missing = named.Where(i => !File.Exists(i) && !Directory.Exists(i)).ToList();
                if (missing.Count > 0)
                {
                    Console.Error.WriteLine($"curate: input not found: {string.Join(", ", missing)}");
                    return 2;
                }

                // Paths outside Serve:Roots are refused before any folder is walked (a link out of a root could lead
                // anywhere, the whole file system included).
                var config = ServeCommand.Load(parse);
                var roots = new ServeRoots(config.Serve);
                roots.Check(parse.GetValue(output)!);
                foreach (var input in named)
                {
                    roots.Check(input);
                }

                // The same split and the same refusals as `curate run`.
                var k = parse.GetValue(kind)!;
                var (pdf, web) = RunCommand.SplitInputs(named, k);
                var wrongKind = k switch
                {
                    "pdf" => web,
                    "web" => pdf.Where(File.Exists).ToList(),
                    _ => [],
                };
                if (wrongKind.Count > 0)
                {
                    Console.Error.WriteLine($"curate: not a {k} input (--kind {k}): {string.Join(", ", wrongKind)}");
                    return 2;
                }

                if (k == "all" && pdf.Count > 0 && web.Count > 0)
                {
                    Console.WriteLine(RunCommand.KindCounts(named));
                }

                var storage = JobStorageFactory.Create(config);
                JobStorageFactory.Configure(GlobalConfiguration.Configuration, storage, config.Serve);
                var enqueuer = new Enqueuer(storage, roots, config.Serve, new RunTracker(storage, config));
                var result = enqueuer.Enqueue(pdf, web, parse.GetValue(output)!, "enqueue", parse.GetValue(batch));
                Console.WriteLine($"run {result.RunId}: {result.Documents} documents in {result.JobIds.Count} jobs ({result.AlreadyDone} already done, {result.AlreadyQueued} queued by an unfinished run)");
                if (result.WebFiles > 0)
                {
                    Console.WriteLine($"  {result.PdfFiles} PDF files on the pdf queue, {result.WebFiles} web files on the web queue; judge{(config.Llm.IsConfigured ? ", rewrite" : "")}{(config.Dedup.Enabled ? " and duplicates" : "")} follow once they are in");
                }

                return 0;
            }
            catch (Exception e) when (e is OutsideRootsException or ConfigException or FileNotFoundException)
            {
                Console.Error.WriteLine($"curate: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
