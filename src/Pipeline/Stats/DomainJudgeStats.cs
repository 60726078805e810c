using System.Globalization;
using SciCurate.DomainFilter.Judge;
using SciCurate.DomainFilter.Web;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Web;

namespace SciCurate.Pipeline.Stats;

/// <summary>
/// The per-domain judge in numbers: domains and pages per decision, pages per status, and the LLM calls the judge
/// spent per 1,000 pages against judging every page with one call each. Calls count every verdict's conversation
/// (retries included) when it was made, also for verdicts reused from the decision store, so the ratio is what the
/// judging of this corpus cost, not what this run happened to pay.
/// </summary>
public sealed class DomainJudgeStats : IStatsSection
{
    private static readonly DomainDecision[] DecisionOrder = [DomainDecision.Keep, DomainDecision.Rewrite, DomainDecision.Drop];

    public string Name => "judge";

    public sealed record DecisionTotals(DomainDecision Decision, long Domains, long Pages);

    public sealed record Result(
        IReadOnlyList<DecisionTotals> Decisions,
        IReadOnlyDictionary<WebPageStatus, long> PagesByStatus,
        IReadOnlyDictionary<string, long> DomainsByJudge,
        long Domains,
        long PagesJudged,
        long JudgeCalls,
        long SampledPages,
        long Reused,
        long PromptTokens,
        long CompletionTokens)
    {
        public double? CallsPer1000Pages => PagesJudged > 0 ? JudgeCalls * 1000.0 / PagesJudged : null;
    }

    public async Task<Result?> ComputeResultAsync(OutputStore store, CancellationToken ct)
    {
        var manifest = store.Read();
        if (!manifest.Shards.Values.Any(s => s.Table == DomainJudgeStage.DecisionsTable))
        {
            return null;
        }

        var domains = new Dictionary<DomainDecision, long>();
        var byJudge = new Dictionary<string, long>(StringComparer.Ordinal);
        long count = 0, pagesJudged = 0, calls = 0, sampled = 0, reused = 0, prompt = 0, completion = 0;
        await foreach (var (_, row) in TableReader.ReadAsync<DomainDecisionRow>(store, DomainJudgeStage.DecisionsTable, ct))
        {
            count++;
            domains[row.Decision] = domains.GetValueOrDefault(row.Decision) + 1;
            byJudge[row.Judge] = byJudge.GetValueOrDefault(row.Judge) + 1;
            pagesJudged += row.PagesSeen;
            calls += row.LlmCalls;
            sampled += row.SampleSize;
            reused += row.Reused ? 1 : 0;
            prompt += row.PromptTokens;
            completion += row.CompletionTokens;
        }

        var pages = new Dictionary<DomainDecision, long>();
        var statuses = new Dictionary<WebPageStatus, long>();
        await foreach (var (_, row) in TableReader.ReadAsync<DomainJudgeStage.WebDocumentRefRow>(store, DomainJudgeStage.DocumentsTable, ct))
        {
            statuses[row.Status] = statuses.GetValueOrDefault(row.Status) + 1;
            if (row.Decision is { } d)
            {
                pages[d] = pages.GetValueOrDefault(d) + 1;
            }
        }

        var decisions = DecisionOrder
            .Select(d => new DecisionTotals(d, domains.GetValueOrDefault(d), pages.GetValueOrDefault(d)))
            .ToList();
        return new Result(decisions, statuses, byJudge, count, pagesJudged, calls, sampled, reused, prompt, completion);
    }

    public async Task<IReadOnlyList<StatsTable>> ComputeAsync(OutputStore store, CurateConfig config, CancellationToken ct)
    {
        if (await ComputeResultAsync(store, ct) is not { } r)
        {
            return [];
        }

        var inv = CultureInfo.InvariantCulture;
        var totalPages = r.Decisions.Sum(d => d.Pages);
        var decisionRows = r.Decisions
            .Select(d => (IReadOnlyList<string>)[d.Decision.ToWire(), d.Domains.ToString("N0", inv), d.Pages.ToString("N0", inv),
                totalPages > 0 ? (d.Pages / (double)totalPages).ToString("P1", inv) : "-"])
            .Append(["all", r.Domains.ToString("N0", inv), totalPages.ToString("N0", inv), totalPages > 0 ? "100.0 %" : "-"])
            .ToList();
        var judges = string.Join(", ", r.DomainsByJudge.OrderBy(j => j.Key, StringComparer.Ordinal).Select(j => $"{j.Key} {j.Value}"));
        var decisionsTable = new StatsTable("Web domains by decision", ["decision", "domains", "pages", "share of pages"], decisionRows,
            [$"judged by: {judges}; {r.Reused} verdicts reused from the decision store"],
            new Dictionary<string, double>
            {
                ["domains"] = r.Domains,
                ["domains_keep"] = r.Decisions[0].Domains,
                ["domains_rewrite"] = r.Decisions[1].Domains,
                ["domains_drop"] = r.Decisions[2].Domains,
                ["pages_keep"] = r.Decisions[0].Pages,
                ["pages_rewrite"] = r.Decisions[1].Pages,
                ["pages_drop"] = r.Decisions[2].Pages,
                ["reused"] = r.Reused,
            });

        var statusRows = r.PagesByStatus.Select(s => (Name: s.Key.ToWire(), s.Value)).OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => (IReadOnlyList<string>)[s.Name, s.Value.ToString("N0", inv)]).ToList();
        var statusTable = new StatsTable("Web pages by status", ["status", "pages"], statusRows,
            r.PagesByStatus.GetValueOrDefault(WebPageStatus.RewritePending) > 0
                ? ["rewrite_pending pages wait for an LLM endpoint: set CURATE__Llm__Endpoint and CURATE__Llm__Model, then `curate reprocess <out> --stage rewrite`"]
                : [],
            r.PagesByStatus.ToDictionary(s => "pages_" + s.Key.ToWire(), s => (double)s.Value));

        var per1000 = r.CallsPer1000Pages;
        IReadOnlyList<IReadOnlyList<string>> callRows =
        [
            ["per-domain judge (this corpus)", r.JudgeCalls.ToString("N0", inv), per1000?.ToString("F2", inv) ?? "-"],
            ["judging every page (one call each)", r.PagesJudged.ToString("N0", inv), r.PagesJudged > 0 ? "1,000.00" : "-"],
        ];
        var notes = new List<string>
        {
            string.Create(inv, $"{r.Domains:N0} domains, {r.PagesJudged:N0} pages, {r.SampledPages:N0} pages shown to the judge; tokens {r.PromptTokens:N0} in, {r.CompletionTokens:N0} out"),
        };
        if (r.JudgeCalls == 0)
        {
            notes.Add("no LLM calls: every verdict came from the offline judge (no Llm endpoint configured)");
        }
        else if (per1000 is { } p && p > 0)
        {
            notes.Add(string.Create(inv, $"{1000 / p:F0}× fewer judge calls than judging every page"));
        }

        var callsTable = new StatsTable("LLM judge calls per 1,000 web pages", ["approach", "calls", "per 1,000 pages"], callRows, notes,
            new Dictionary<string, double>
            {
                ["judge_calls"] = r.JudgeCalls,
                ["pages_judged"] = r.PagesJudged,
                ["calls_per_1000_pages"] = per1000 ?? 0,
                ["every_page_calls_per_1000_pages"] = r.PagesJudged > 0 ? 1000 : 0,
                ["sampled_pages"] = r.SampledPages,
                ["prompt_tokens"] = r.PromptTokens,
                ["completion_tokens"] = r.CompletionTokens,
            });
        return [decisionsTable, statusTable, callsTable];
    }
}
