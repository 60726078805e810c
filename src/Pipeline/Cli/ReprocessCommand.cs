using System.CommandLine;
using Microsoft.Extensions.Logging;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Hosting;

namespace SciCurate.Pipeline.Cli;

/// <summary>`curate reprocess OUT --stage vlm [--retry-failed]`: redo one stage over an existing output.</summary>
public static class ReprocessCommand
{
    /// <summary>Stages that can be redone, by name; other stages (judge, rewrite…) add themselves here.</summary>
    public static readonly Dictionary<string, Func<Composition, string, bool, CancellationToken, Task<int>>> Stages = new(StringComparer.Ordinal)
    {
        ["vlm"] = ReprocessVlmAsync,
        ["judge"] = (c, dir, rejudge, ct) => ReprocessWebAsync(c, dir, Web.JudgeMode.Judge, rejudge, ct),
        ["rewrite"] = (c, dir, _, ct) => ReprocessWebAsync(c, dir, Web.JudgeMode.RewriteOnly, false, ct),
        ["dedup"] = (c, dir, redo, ct) => DedupStep.RunAsync(c, dir, redo, ct),
    };

    public static Command Create()
    {
        var output = new Argument<string>("out") { Description = "Output folder of an earlier run" };
        var stage = new Option<string>("--stage") { Description = $"Stage to redo: {string.Join(", ", Stages.Keys)}", Required = true };
        var retryFailed = new Option<bool>("--retry-failed") { Description = "Also redo pages that failed in that stage before (vlm_failed)" };
        var command = new Command("reprocess", "Redo one stage over an existing output and write a new generation of shards")
        {
            output, stage, retryFailed, CommonOptions.Rejudge, CommonOptions.Verbose,
        };
        command.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(stage)!;
            if (!Stages.TryGetValue(name, out var handler))
            {
                Console.Error.WriteLine($"curate: unknown stage '{name}' (available: {string.Join(", ", Stages.Keys)})");
                return 2;
            }

            try
            {
                var config = CurateConfig.Load(parse.GetValue(CommonOptions.Config));
                using var loggers = Composition.CreateLoggers(parse.GetValue(CommonOptions.Verbose) ? LogLevel.Debug : LogLevel.Warning);
                // The flag means "redo what was done before": --retry-failed for vlm, --rejudge for judge.
                var redo = parse.GetValue(retryFailed) || parse.GetValue(CommonOptions.Rejudge);
                var composition = new Composition(config, loggers);
                var outDir = parse.GetValue(output)!;
                var store = new Output.OutputStore(outDir);
                var before = File.Exists(store.ManifestPath) ? store.Read().Shards.Keys.ToHashSet(StringComparer.Ordinal) : null;
                _ = composition.Provenance; // shards written from here on carry it
                var code = await handler(composition, outDir, redo, ct);
                if (before is not null && !store.Read().Shards.Keys.ToHashSet(StringComparer.Ordinal).SetEquals(before))
                {
                    store.RecordRun(composition.Provenance);
                }

                return code;
            }
            catch (Exception e) when (e is ConfigException or FileNotFoundException)
            {
                // System.CommandLine would print a stack trace: a configuration problem gets one line and exit code 2.
                Console.Error.WriteLine($"curate: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static async Task<int> ReprocessVlmAsync(Composition composition, string outDir, bool retryFailed, CancellationToken ct)
    {
        using var stage = composition.CreateVlmStage(outDir);
        var reprocessor = new VlmReprocessor(stage, composition.Config.Run, composition.Loggers.CreateLogger<VlmReprocessor>()) { Finisher = new PdfDocumentFinisher(composition.TextStages, null) };
        var run = reprocessor.RunAsync(outDir, retryFailed, ct);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10), ct));
            if (!run.IsCompleted && reprocessor.PagesTotal > 0)
            {
                Console.WriteLine($"[{clock.Elapsed:hh\\:mm\\:ss}] {reprocessor.PagesDone}/{reprocessor.PagesTotal} pages");
            }
        }

        var s = await run;
        Print(s, retryFailed);
        if (composition.VlmCounters is { Calls: > 0 } vlm)
        {
            Console.WriteLine($"vlm client: {vlm}");
        }
        return 0;
    }

    /// <summary>judge: group web pages by domain and judge again (stored verdicts reused unless --rejudge); rewrite: rewrite pages left rewrite_pending.</summary>
    private static async Task<int> ReprocessWebAsync(Composition composition, string outDir, Web.JudgeMode mode, bool rejudge, CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(outDir, Output.OutputStore.ManifestFile)))
        {
            Console.Error.WriteLine($"curate: {outDir} has no {Output.OutputStore.ManifestFile}");
            return 2;
        }

        if (mode == Web.JudgeMode.RewriteOnly && !composition.Config.Llm.IsConfigured)
        {
            Console.Error.WriteLine("curate: --stage rewrite needs an LLM endpoint (CURATE__Llm__Endpoint, CURATE__Llm__Model)");
            return 2;
        }

        if (await JudgeStep.RunAsync(composition, outDir, mode, rejudge, ct) is null)
        {
            Console.WriteLine("nothing to do: no web_documents in this output");
        }

        return 0;
    }

    internal static void Print(ReprocessSummary s, bool retryFailed)
    {
        if (s.Candidates == 0)
        {
            Console.WriteLine($"nothing to do: no vlm_pending{(retryFailed ? " or vlm_failed" : "")} pages");
            return;
        }

        Console.WriteLine($"pages: {s.Candidates} to read; {s.Read} read by the VLM ({s.CacheHits} from the answer cache), {s.Failed} failed, in {s.Elapsed.TotalSeconds:F1} s");
        foreach (var (reason, count) in s.FailureReasons.OrderByDescending(r => r.Value))
        {
            Console.WriteLine($"  vlm_failed: {count} × {reason}");
        }

        Console.WriteLine($"tokens: {s.PromptTokens:N0} prompt, {s.CompletionTokens:N0} completion; estimated cost ${s.CostUsd:F4}");
        Console.WriteLine($"documents re-merged: {s.DocumentsMerged}; shards written: {s.ShardsWritten}, superseded: {s.ShardsSuperseded}");
        if (s.Failed > 0)
        {
            Console.WriteLine("failed pages keep their cheap text; `--retry-failed` sends them again");
        }
    }
}
