using System.Globalization;
using System.Text;
using SciCurate.DomainFilter.Judge;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Pdf;
using static System.Net.WebUtility;

namespace SciCurate.Pipeline.Serve;

/// <summary>
/// The pipeline page (/runs): server-rendered HTML with inline SVG charts, no scripts from anywhere, refreshed by the
/// browser every few seconds. Numbers carry data-* attributes so tests and scrapers can read them.
/// </summary>
public static class PipelinePage
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly (string Route, string Color)[] RouteColors =
    [
        (PageRoute.Cheap.ToWire(), "#4c9f70"), (PageRoute.Vlm.ToWire(), "#3b6fb6"), (PageRoute.VlmPending.ToWire(), "#e0a43a"),
        (PageRoute.VlmFailed.ToWire(), "#c8553d"), (PageRoute.Failed.ToWire(), "#8b1e3f"),
    ];

    /// <summary>Failed documents shown per page of a run's list.</summary>
    public const int FailedPerPage = 20;

    /// <param name="s">What to show.</param>
    /// <param name="refreshSeconds">The browser reloads the page (with its query) this often.</param>
    /// <param name="pagedRun">The run whose failed documents are paged to <paramref name="failedPage"/> (others show their first page).</param>
    /// <param name="failedPage">1-based page of that run's failed documents.</param>
    public static string Render(PipelineSnapshot s, int refreshSeconds, string? pagedRun = null, int failedPage = 1)
    {
        var h = new StringBuilder(16 * 1024);
        h.Append(Inv, $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="{{refreshSeconds}}">
            <title>SciCurate pipeline</title>
            <style>
            body{font:14px/1.4 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
            header{background:#1d2330;color:#fff;padding:10px 20px;display:flex;gap:24px;align-items:baseline}
            header a{color:#9cc3ff} h1{font-size:18px;margin:0} h2{font-size:16px;margin:0 0 8px} h3{font-size:13px;margin:10px 0 4px;color:#555}
            main{padding:16px 20px;display:grid;gap:16px} .card{background:#fff;border-radius:8px;padding:14px 16px;box-shadow:0 1px 3px #0002}
            .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px}
            table{border-collapse:collapse} td,th{padding:2px 10px 2px 0;text-align:left} td.n{text-align:right;font-variant-numeric:tabular-nums}
            .muted{color:#667} .k{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
            .big{font-size:22px;font-weight:600;margin-right:18px}
            </style></head><body>
            <header><h1>SciCurate pipeline</h1><span>jobs: <b data-stat="succeeded">{{s.Succeeded}}</b> succeeded · <b data-stat="failed">{{s.Failed}}</b> failed · <b data-stat="processing">{{s.Processing}}</b> processing · <b data-stat="enqueued">{{s.Enqueued}}</b> enqueued · <b>{{s.Scheduled}}</b> waiting to retry</span>
            <a href="hangfire">Hangfire dashboard</a><a href="hangfire/jobs/failed">failures</a><span class="muted">updated {{s.At:HH:mm:ss}} UTC</span></header>
            <main>
            """);
        RenderQueues(h, s);
        if (s.Runs.Count == 0)
        {
            h.Append("<section class=\"card\">No runs yet: <code>curate enqueue &lt;inputs…&gt; --out DIR</code> or a recurring run in configs/curate.json.</section>");
        }

        foreach (var run in s.Runs.Where(r => !r.IsEmpty))
        {
            RenderRun(h, run, run.Run.Id == pagedRun ? Math.Max(1, failedPage) : 1);
        }

        // Runs that found every input already done say so in one line instead of a card each.
        var empty = s.Runs.Where(r => r.IsEmpty).ToList();
        if (empty.Count > 0)
        {
            h.Append(Inv, $"<section class=\"card muted\" data-empty-runs=\"{empty.Count}\">{empty.Count} run{(empty.Count == 1 ? "" : "s")} found nothing to do (every input already done): ");
            h.Append(string.Join(", ", empty.Take(10).Select(r => $"{HtmlEncode(r.Run.Id)} → {HtmlEncode(r.Run.OutDir)}")));
            h.Append(empty.Count > 10 ? ", …</section>" : "</section>");
        }

        h.Append("</main></body></html>");
        return h.ToString();
    }

    private static void RenderQueues(StringBuilder h, PipelineSnapshot s)
    {
        h.Append("<section class=\"card grid\"><div><h2>Queues</h2>");
        var max = Math.Max(1, s.Queues.Max(q => q.Enqueued + q.Fetched));
        const int width = 260, row = 22;
        h.Append(Inv, $"<svg width=\"{width + 260}\" height=\"{(s.Queues.Count * row) + 4}\" role=\"img\" aria-label=\"queue depths\">");
        for (var i = 0; i < s.Queues.Count; i++)
        {
            var q = s.Queues[i];
            var y = i * row;
            var wq = width * q.Enqueued / (double)max;
            var wf = width * q.Fetched / (double)max;
            h.Append(Inv, $"<text x=\"0\" y=\"{y + 15}\">{HtmlEncode(q.Name)}</text>");
            h.Append(Inv, $"<rect x=\"60\" y=\"{y + 4}\" width=\"{wf:F1}\" height=\"14\" fill=\"#3b6fb6\"><title>{q.Fetched} running</title></rect>");
            h.Append(Inv, $"<rect x=\"{60 + wf:F1}\" y=\"{y + 4}\" width=\"{wq:F1}\" height=\"14\" fill=\"#9cc3ff\"><title>{q.Enqueued} waiting</title></rect>");
            h.Append(Inv, $"<text x=\"{66 + wf + wq:F1}\" y=\"{y + 15}\" data-queue=\"{HtmlEncode(q.Name)}\">{q.Enqueued} waiting, {q.Fetched} running</text>");
        }

        h.Append("</svg></div><div><h2>Machines</h2><table><tr><th>process</th><th>workers</th><th>queue workers</th><th>heartbeat</th></tr>");
        foreach (var server in s.Servers)
        {
            h.Append(Inv, $"<tr data-machine=\"{HtmlEncode(server.Name)}\"><td>{HtmlEncode(server.Name)}</td><td class=\"n\">{server.Workers}</td><td>{HtmlEncode(string.Join(", ", server.Queues))}</td><td>{server.Heartbeat:HH:mm:ss}</td></tr>");
        }

        h.Append("</table></div></section>");
    }

    private static string Duration(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(Inv, $"{(int)t.TotalHours} h {t.Minutes:D2} min")
        : t.TotalMinutes >= 1 ? string.Create(Inv, $"{(int)t.TotalMinutes} min {t.Seconds:D2} s") : string.Create(Inv, $"{t.Seconds} s");

    private static void RenderRun(StringBuilder h, RunStats r, int failedPage)
    {
        var id = HtmlEncode(r.Run.Id);
        var total = Math.Max(1, r.Done + r.Failed + r.Duplicates + r.Pending);
        var eta = r.Finished ? "finished" : r.Eta is { } e ? "ETA " + Duration(e) : "ETA unknown (nothing committed in the last minutes)";
        h.Append(Inv, $$"""
            <section class="card" data-run="{{id}}"><h2>Run {{id}} <span class="muted">{{HtmlEncode(r.Run.Source)}} · {{r.Run.Created:yyyy-MM-dd HH:mm}} UTC · {{r.Run.Batches}} jobs → {{HtmlEncode(r.Run.OutDir)}}</span></h2>
            <div><span class="big"><span data-run-stat="done">{{r.Done}}</span> done</span><span class="big"><span data-run-stat="failed">{{r.Failed}}</span> failed</span><span class="big"><span data-run-stat="pending">{{r.Pending}}</span> pending</span><span class="big"><span data-run-stat="duplicates">{{r.Duplicates}}</span> duplicate</span><span class="muted">of <span data-run-stat="documents">{{r.Run.Documents}}</span> documents</span></div>
            <div>elapsed <b data-run-stat="elapsed">{{Duration(r.Elapsed)}}</b> · <b data-run-stat="rate">{{r.PagesPerMinute:F0}}</b> pages/min {{(r.Finished ? "over the run" : "over the last 5 min")}} · <b data-run-stat="eta">{{eta}}</b> · VLM spend so far <b data-run-stat="vlm-spend">${{r.CostUsd:F4}}</b></div>
            """);
        // Progress bar: done, failed, duplicate, pending.
        h.Append("<svg width=\"100%\" height=\"16\" viewBox=\"0 0 1000 16\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"progress\">");
        var x = 0.0;
        foreach (var (count, color, label) in new[] { (r.Done, "#4c9f70", "done"), (r.Failed, "#c8553d", InputStatus.Failed.ToWire()), (r.Duplicates, "#8a8fa3", InputStatus.Duplicate.ToWire()), (r.Pending, "#dde2ea", "pending") })
        {
            var w = 1000.0 * count / total;
            h.Append(Inv, $"<rect x=\"{x:F1}\" y=\"0\" width=\"{w:F1}\" height=\"16\" fill=\"{color}\"><title>{count} {label}</title></rect>");
            x += w;
        }

        h.Append("</svg><div class=\"grid\">");

        h.Append("<div><h3>Pages by route</h3>");
        BarList(h, RouteColors.Select(rc => (rc.Route, r.PagesByRoute.GetValueOrDefault(rc.Route), rc.Color))
            .Concat(r.PagesByRoute.Where(p => RouteColors.All(rc => rc.Route != p.Key)).Select(p => (p.Key, p.Value, "#777"))), "route");
        h.Append(Inv, $"<p>VLM pages pending: <b data-run-stat=\"vlm-pending\">{r.VlmPending}</b><br>tokens: <b data-run-stat=\"tokens\">{r.PromptTokens + r.CompletionTokens}</b> ({r.PromptTokens} prompt, {r.CompletionTokens} completion) · estimated cost <b data-run-stat=\"cost\">${r.CostUsd:F4}</b><br>science tokens kept: <b data-run-stat=\"science-tokens\">{r.ScienceTokensKept}</b></p></div>");

        h.Append("<div><h3>Stages</h3>");
        StageTable(h, r.Stages);
        h.Append("</div><div><h3>Committed over time</h3>");
        Throughput(h, r.Throughput);
        h.Append("</div><div><h3>Jobs</h3><table>");
        foreach (var (state, count) in r.JobStates)
        {
            h.Append(Inv, $"<tr><td>{HtmlEncode(state)}</td><td class=\"n\" data-job-state=\"{HtmlEncode(state)}\">{count}</td></tr>");
        }

        h.Append("</table>");
        if (r.FailureReasons.Count > 0)
        {
            h.Append("<h3>Failed documents by reason</h3><table>");
            foreach (var (reason, count) in r.FailureReasons.OrderByDescending(f => f.Value))
            {
                h.Append(Inv, $"<tr><td>{HtmlEncode(reason)}</td><td class=\"n\">{count}</td></tr>");
            }

            h.Append("</table>");
        }

        h.Append("</div>");
        if (r.DomainsByDecision.Count > 0)
        {
            h.Append("<div><h3>Domains by decision</h3>");
            var colors = new Dictionary<string, string>
            {
                [DomainDecision.Keep.ToWire()] = "#4c9f70", [DomainDecision.Rewrite.ToWire()] = "#e0a43a", [DomainDecision.Drop.ToWire()] = "#c8553d",
            };
            BarList(h, r.DomainsByDecision.Select(d => (d.Key, d.Value, colors.GetValueOrDefault(d.Key, "#777"))), "decision");
            h.Append("</div>");
        }

        // Full width below the grid: file names and reasons need the room.
        h.Append("</div>");
        FailedList(h, r, failedPage);
        h.Append("</section>");
    }

    private static void BarList(StringBuilder h, IEnumerable<(string Label, long Count, string Color)> items, string kind)
    {
        var list = items.ToList();
        var max = Math.Max(1, list.Max(i => i.Count));
        const int row = 20, width = 180;
        h.Append(Inv, $"<svg width=\"{width + 180}\" height=\"{(list.Count * row) + 4}\" role=\"img\" aria-label=\"{kind}\">");
        for (var i = 0; i < list.Count; i++)
        {
            var (label, count, color) = list[i];
            var w = width * count / (double)max;
            h.Append(Inv, $"<text x=\"0\" y=\"{(i * row) + 14}\">{HtmlEncode(label)}</text><rect x=\"90\" y=\"{(i * row) + 3}\" width=\"{w:F1}\" height=\"14\" fill=\"{color}\"/>");
            h.Append(Inv, $"<text x=\"{96 + w:F1}\" y=\"{(i * row) + 14}\" data-{kind}=\"{HtmlEncode(label)}\">{count}</text>");
        }

        h.Append("</svg>");
    }

    private static void StageTable(StringBuilder h, IReadOnlyList<StageProgress> stages)
    {
        h.Append("<table>");
        foreach (var st in stages)
        {
            var share = st.Total > 0 ? (double)st.Done / st.Total : 0;
            var bar = st.Total > 0
                ? string.Create(Inv, $"<svg width=\"120\" height=\"12\" role=\"img\" aria-label=\"{HtmlEncode(st.Stage)} progress\"><rect width=\"120\" height=\"12\" fill=\"#dde2ea\"/><rect width=\"{120 * share:F1}\" height=\"12\" fill=\"#4c9f70\"/></svg>")
                : "<span class=\"muted\">nothing in this run</span>";
            var count = st.Total > 0 ? string.Create(Inv, $"{st.Done} of {st.Total} {st.Unit}") : "";
            h.Append(Inv, $"<tr data-stage=\"{HtmlEncode(st.Stage)}\"><td>{HtmlEncode(st.Stage)}</td><td style=\"white-space:nowrap\">{bar}</td><td data-stage-done=\"{st.Done}\" data-stage-total=\"{st.Total}\">{HtmlEncode(count)}</td><td class=\"muted\">{HtmlEncode(st.Note)}</td></tr>");
        }

        h.Append("</table>");
    }

    private static void FailedList(StringBuilder h, RunStats r, int page)
    {
        if (r.FailedDocuments.Count == 0)
        {
            return;
        }

        var pages = (r.FailedDocuments.Count + FailedPerPage - 1) / FailedPerPage;
        page = Math.Min(page, pages);
        var id = HtmlEncode(r.Run.Id);
        h.Append(Inv, $"<div id=\"failed-{id}\" data-failed-list=\"{id}\"><h3>Failed documents ({r.FailedDocuments.Count}) · page {page} of {pages}</h3><table><tr><th>file</th><th>reason</th></tr>");
        foreach (var f in r.FailedDocuments.Skip((page - 1) * FailedPerPage).Take(FailedPerPage))
        {
            h.Append(Inv, $"<tr data-failed-file=\"{HtmlEncode(Path.GetFileName(f.File))}\"><td title=\"{HtmlEncode(f.File)}\" style=\"white-space:nowrap\">{HtmlEncode(Path.GetFileName(f.File))}</td><td>{HtmlEncode(f.Reason.Length > 200 ? f.Reason[..200] + "…" : f.Reason)}</td></tr>");
        }

        h.Append("</table>");
        var link = (int p, string label) => string.Create(Inv, $"<a href=\"?run={UrlEncode(r.Run.Id)}&amp;failed={p}#failed-{id}\" data-failed-page=\"{p}\">{label}</a>");
        if (page > 1)
        {
            h.Append(link(page - 1, "← previous")).Append(' ');
        }

        if (page < pages)
        {
            h.Append(link(page + 1, "next →"));
        }

        h.Append("</div>");
    }

    /// <summary>Cumulative pages and documents committed against time, one point per slice of the run (60 slices).</summary>
    private static void Throughput(StringBuilder h, IReadOnlyList<ThroughputPoint> points)
    {
        if (points.Count == 0 || points[^1].Pages + points[^1].Documents == 0)
        {
            h.Append("<p class=\"muted\">nothing committed yet</p>");
            return;
        }

        const int width = 300, height = 130, left = 44, bottom = 18;
        var max = Math.Max(1, points.Max(p => Math.Max(p.Documents, p.Pages)));
        var n = points.Count;
        double X(int i) => left + (n == 1 ? (width - left) / 2.0 : i * (width - left - 6) / (double)(n - 1));
        double Y(long v) => height - bottom - ((height - bottom - 6) * v / (double)max);
        string Line(Func<ThroughputPoint, long> pick) => string.Join(' ', points.Select((p, i) => $"{X(i).ToString("F1", Inv)},{Y(pick(p)).ToString("F1", Inv)}"));
        h.Append(Inv, $"<svg width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"throughput\" data-points=\"{n}\">");
        h.Append(Inv, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width}\" y2=\"{height - bottom}\" stroke=\"#999\"/><line x1=\"{left}\" y1=\"4\" x2=\"{left}\" y2=\"{height - bottom}\" stroke=\"#999\"/>");
        h.Append(Inv, $"<text x=\"0\" y=\"12\" font-size=\"10\">{max}</text><text x=\"0\" y=\"{height - bottom}\" font-size=\"10\">0</text>");
        h.Append(Inv, $"<text x=\"{left}\" y=\"{height - 4}\" font-size=\"10\">{points[0].At:HH:mm:ss}</text><text x=\"{width - 50}\" y=\"{height - 4}\" font-size=\"10\">{points[^1].At:HH:mm:ss}</text>");
        h.Append(Inv, $"<polyline fill=\"none\" stroke=\"#3b6fb6\" stroke-width=\"2\" points=\"{Line(p => p.Pages)}\"/><polyline fill=\"none\" stroke=\"#4c9f70\" stroke-width=\"2\" points=\"{Line(p => p.Documents)}\"/>");
        for (var i = 0; i < n; i += Math.Max(1, n / 20))
        {
            h.Append(Inv, $"<circle cx=\"{X(i):F1}\" cy=\"{Y(points[i].Pages):F1}\" r=\"2\" fill=\"#3b6fb6\"><title>{points[i].At:HH:mm:ss}: {points[i].Pages} pages, {points[i].Documents} documents</title></circle>");
        }

        h.Append("</svg><div><span class=\"k\" style=\"background:#3b6fb6\"></span>pages <span class=\"k\" style=\"background:#4c9f70\"></span>documents (committed so far)</div>");
    }
}
