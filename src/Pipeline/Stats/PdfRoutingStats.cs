using System.Globalization;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Pdf;

namespace SciCurate.Pipeline.Stats;

/// <summary>Pages, tokens and cost of one route.</summary>
public sealed record RouteTotals(PageRoute Route, long Pages, long PromptTokens, long CompletionTokens, double CostUsd, long Cached);

/// <summary>
/// The PDF side in numbers: pages per route, tokens, estimated cost, and cost per 1,000 pages of this routing compared
/// with sending every page to the VLM. Cost is tokens × the configured Vlm prices when prices are set, else the cost
/// recorded with each page. The all-pages estimate is the mean cost of a page the VLM read, times all pages.
/// </summary>
public sealed class PdfRoutingStats : IStatsSection
{
    public string Name => "pdf";

    public sealed record Result(IReadOnlyList<RouteTotals> Routes, long Documents, long DocumentsFailed, long DocumentsWithPending,
        bool PricedFromConfig)
    {
        /// <summary>Pages routed off the cheap path, per hard-page reason (a page counts once for each of its reasons).</summary>
        public IReadOnlyDictionary<string, long> HardReasons { get; init; } = new Dictionary<string, long>();

        public long Pages => Routes.Sum(r => r.Pages);
        public double CostUsd => Routes.Sum(r => r.CostUsd);
        public long PromptTokens => Routes.Sum(r => r.PromptTokens);
        public long CompletionTokens => Routes.Sum(r => r.CompletionTokens);
        public RouteTotals? Vlm => Routes.FirstOrDefault(r => r.Route == PageRoute.Vlm);

        /// <summary>Mean cost of a page the VLM read (null before any was read).</summary>
        public double? MeanVlmPageCost => Vlm is { Pages: > 0 } v ? v.CostUsd / v.Pages : null;

        public double? CostPer1000Pages => Pages > 0 ? CostUsd / Pages * 1000 : null;

        public double? AllVlmCostPer1000Pages => MeanVlmPageCost * 1000;

        /// <summary>What reading the pending pages would add.</summary>
        public double? PendingCostEstimate => MeanVlmPageCost * (Routes.FirstOrDefault(r => r.Route == PageRoute.VlmPending)?.Pages ?? 0);
    }

    public async Task<Result?> ComputeResultAsync(OutputStore store, ChatEndpointOptions prices, CancellationToken ct)
    {
        var manifest = store.Read();
        if (!manifest.Shards.Values.Any(s => s.Table == PdfCorpusRunner.PagesTable))
        {
            return null;
        }

        var priced = prices.PromptPricePer1K > 0 || prices.CompletionPricePer1K > 0;
        var acc = new Dictionary<PageRoute, (long Pages, long Prompt, long Completion, double Cost, long Cached)>();
        var reasons = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await foreach (var (_, row) in TableReader.ReadAsync<PdfPageRow>(store, PdfCorpusRunner.PagesTable, ct))
        {
            var a = acc.GetValueOrDefault(row.Route);
            var cost = priced ? prices.EstimateCost(row.PromptTokens, row.CompletionTokens) : row.CostUsd;
            acc[row.Route] = (a.Pages + 1, a.Prompt + row.PromptTokens, a.Completion + row.CompletionTokens, a.Cost + cost,
                a.Cached + (row.VlmCached ? 1 : 0));
            if (row.Route != PageRoute.Cheap)
            {
                foreach (var reason in row.HardReasons)
                {
                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                }
            }
        }

        long docs = 0, failed = 0, pending = 0;
        await foreach (var (_, doc) in TableReader.ReadAsync<PdfDocumentRow>(store, PdfCorpusRunner.DocumentsTable, ct))
        {
            docs++;
            failed += doc.Status == PdfDocumentStatus.Failed ? 1 : 0;
            pending += doc.PendingPages > 0 ? 1 : 0;
        }

        // In the enum's order: cheap, vlm, vlm_pending, vlm_failed, failed.
        var routes = acc.OrderBy(kv => kv.Key)
            .Select(kv => new RouteTotals(kv.Key, kv.Value.Pages, kv.Value.Prompt, kv.Value.Completion, kv.Value.Cost, kv.Value.Cached))
            .ToList();
        return new Result(routes, docs, failed, pending, priced) { HardReasons = reasons };
    }

    public async Task<IReadOnlyList<StatsTable>> ComputeAsync(OutputStore store, CurateConfig config, CancellationToken ct)
    {
        var r = await ComputeResultAsync(store, config.Vlm, ct);
        if (r is null)
        {
            return [];
        }

        var rows = r.Routes.Select(t => (IReadOnlyList<string>)
        [
            t.Route.ToWire(), N(t.Pages), Pct(t.Pages, r.Pages), N(t.PromptTokens), N(t.CompletionTokens), Usd(t.CostUsd), N(t.Cached),
        ]).ToList();
        rows.Add(["total", N(r.Pages), Pct(r.Pages, r.Pages), N(r.PromptTokens), N(r.CompletionTokens), Usd(r.CostUsd),
            N(r.Routes.Sum(t => t.Cached))]);
        var notes = new List<string>
        {
            $"documents: {N(r.Documents)} ({N(r.DocumentsFailed)} failed, {N(r.DocumentsWithPending)} with pending pages)",
            r.PricedFromConfig ? "cost: tokens × the configured Vlm prices per 1k tokens" : "cost: as recorded with each page (no Vlm prices configured)",
        };
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["pages"] = r.Pages,
            ["documents"] = r.Documents,
            ["prompt_tokens"] = r.PromptTokens,
            ["completion_tokens"] = r.CompletionTokens,
            ["cost_usd"] = r.CostUsd,
        };
        foreach (var t in r.Routes)
        {
            values[$"pages_{t.Route.ToWire()}"] = t.Pages;
        }

        if (r.HardReasons.Count > 0)
        {
            // Why pages left the cheap path, e.g. "table" for tables whose cells did not line up.
            notes.Add("hard pages by reason: " + string.Join(", ", r.HardReasons.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {N(kv.Value)}")));
            foreach (var (reason, count) in r.HardReasons)
            {
                values[$"hard_reason_{reason}"] = count;
            }
        }

        var costRows = new List<IReadOnlyList<string>>();
        if (r.CostPer1000Pages is { } routed)
        {
            values["cost_per_1000_pages"] = routed;
            costRows.Add(["this routing", Usd(routed), Pct(r.Pages - (r.Routes.FirstOrDefault(t => t.Route == PageRoute.Cheap)?.Pages ?? 0), r.Pages)]);
        }

        if (r.AllVlmCostPer1000Pages is { } all)
        {
            values["all_vlm_cost_per_1000_pages"] = all;
            costRows.Add(["every page to the VLM", Usd(all), "100%"]);
            if (r.CostPer1000Pages is { } mine && all > 0)
            {
                values["cost_share_of_all_vlm"] = mine / all;
                notes.Add($"this routing costs {mine / all:P1} of sending every page to the VLM (mean VLM page: {Usd(r.MeanVlmPageCost!.Value)})");
            }

            if (r.PendingCostEstimate is > 0 and { } pendingCost)
            {
                values["pending_cost_estimate"] = pendingCost;
                notes.Add($"reading the pending pages would cost about {Usd(pendingCost)}");
            }
        }
        else
        {
            notes.Add("no page has been read by a VLM yet: the all-pages comparison needs at least one (run `curate reprocess OUT --stage vlm`)");
        }

        return
        [
            new StatsTable("PDF pages per route", ["route", "pages", "share", "prompt tokens", "completion tokens", "est. cost", "cached"], rows, notes, values),
            new StatsTable("Cost per 1,000 pages", ["routing", "USD per 1,000 pages", "pages to VLM"], costRows, [], new Dictionary<string, double>()),
        ];
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Pct(long part, long whole) => whole > 0 ? ((double)part / whole).ToString("P1", CultureInfo.InvariantCulture) : "-";

    private static string Usd(double usd) => usd.ToString(usd is > 0 and < 0.01 ? "$0.000000" : "$#,##0.0000", CultureInfo.InvariantCulture);
}
