using System.Globalization;
using SciCurate.DomainFilter.Judge;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Web;
using SciCurate.Pipeline.Hosting;

namespace SciCurate.Pipeline.Cli;

/// <summary>The judge stage as a step of `curate run` and `curate reprocess`: runs it when the output has web pages, prints what it did.</summary>
public static class JudgeStep
{
    /// <param name="staged">`curate run`'s staged web rows: judged with the output's and written to it once.</param>
    public static async Task<JudgeSummary?> RunAsync(Composition composition, string outDir, JudgeMode mode, bool rejudge, CancellationToken ct,
        WebStaging? staged = null)
    {
        var output = new OutputStore(outDir);
        if (staged is not { IsEmpty: false } && !output.Read().Shards.Values.Any(s => s.Table == DomainJudgeStage.DocumentsTable))
        {
            staged?.Delete();
            return null;
        }

        await using var handle = await composition.CreateJudgeStageAsync(outDir, ct);
        var summary = await handle.Stage.RunAsync(output, mode, rejudge, staged, ct);
        Print(summary, mode, handle);
        return summary;
    }

    internal static void Print(JudgeSummary s, JudgeMode mode, JudgeStageHandle handle)
    {
        var inv = CultureInfo.InvariantCulture;
        if (mode == JudgeMode.Judge)
        {
            var judge = handle.Stage.Judge;
            Console.WriteLine(string.Create(inv,
                $"domains: {s.Domains} ({s.DomainsJudged} judged by {judge.Name}, {s.DomainsReused} reused from {handle.StoreDescription}, {s.OfflineFallbacks} offline fallbacks)"));
            Console.WriteLine("  decisions: " + string.Join(", ", s.DomainsByDecision.Select(d => $"{d.Key.ToWire()} {d.Value}").Order(StringComparer.Ordinal)));
        }

        var statuses = string.Join(", ", s.PagesByStatus.Select(d => $"{d.Key.ToWire()} {d.Value}").Order(StringComparer.Ordinal));
        Console.WriteLine(string.Create(inv, $"web pages: {s.Pages} — {statuses}"));
        var wrote = s.Wrote ? string.Create(inv, $"{s.ShardsWritten} shards written") : "nothing changed";
        Console.WriteLine(string.Create(inv,
            $"  LLM calls: {s.JudgeCalls} judge, {s.RewriteCalls} rewrite; tokens {s.PromptTokens} in, {s.CompletionTokens} out; {s.Elapsed.TotalSeconds:F1} s; {wrote}"));
    }
}
