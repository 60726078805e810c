using System.Collections.Concurrent;
using SciCurate.DomainFilter.Judge;
using SciCurate.DomainFilter.Web;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Web;

/// <summary>The verdicts of one judge pass: one per domain, whether it came from the store, and the domain's profile.</summary>
public sealed class DomainVerdicts
{
    public Dictionary<string, DomainVerdict> Verdicts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, bool> Reused { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DomainProfile> Profiles { get; } = new(StringComparer.Ordinal);

    /// <summary>The domain_decisions rows, ordered by domain.</summary>
    public IEnumerable<DomainDecisionRow> Rows() =>
        Verdicts.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => WebDocumentFinisher.ToRow(v.Value, Profiles[v.Key], Reused[v.Key]));
}

/// <summary>Route: the judgeable pages of a judge pass grouped by registered domain (a few hundred bytes a page, no text).</summary>
public sealed class DomainRoutes
{
    public Dictionary<string, List<PageRef>> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>A page joins its domain's group when the judge looks at it (<see cref="DomainVerdictRule.IsJudgeable"/>).</summary>
    public void Route(string docId, string url, string domain, WebPageStatus status, DomainDecision? decision, int failedRules)
    {
        if (!DomainVerdictRule.IsJudgeable(status, decision))
        {
            return;
        }

        domain = WebDocumentFinisher.DomainOf(domain, url);
        if (!Groups.TryGetValue(domain, out var list))
        {
            Groups[domain] = list = [];
        }

        list.Add(new PageRef(docId, url, domain, PageRef.QualityOf(failedRules)));
    }
}

/// <summary>
/// The one web document finisher, as <see cref="Pdf.PdfDocumentFinisher"/> is for PDFs, used by `curate run` (over its
/// staged rows), `curate reprocess --stage judge|rewrite` and the served <c>JudgeJob</c>/<c>RewriteJob</c> (over
/// shards): route (group judgeable pages by registered domain and sample k per domain), assemble (each domain's sample
/// with its texts, judged or its stored verdict reused), and map to rows (the verdict applied to each page by
/// <see cref="DomainVerdictRule"/>, rewrites where a rewriter is configured, the domain_decisions rows).
/// Where the rows come from and go to is the caller's business.
/// </summary>
public sealed class WebDocumentFinisher(
    JudgeOptions options,
    IDomainJudge judge,
    IDomainDecisionStore store,
    IPageRewriter? rewriter,
    int concurrency)
{
    /// <summary>Characters of a sampled page's text and Markdown the judge is shown.</summary>
    public const int SampleChars = 20_000;

    private readonly DomainSampler _sampler = new(new DomainSamplerOptions { SampleSize = options.SampleSize, Seed = options.Seed });

    public IDomainJudge Judge => judge;

    /// <summary>Judge and rewrite calls at once (Llm:MaxConcurrency; the cores for the offline judge).</summary>
    public int Concurrency => concurrency;

    /// <summary>
    /// Assemble and judge: each routed domain's profile; its stored verdict unless <paramref name="rejudge"/>, else its
    /// sample (texts from <paramref name="loadTexts"/>, cut to <see cref="SampleChars"/>) judged and stored.
    /// </summary>
    public async Task<DomainVerdicts> DecideAsync(DomainRoutes routes,
        Func<IReadOnlySet<string>, CancellationToken, Task<Dictionary<string, WebDocument>>> loadTexts,
        bool rejudge, JudgeSummary summary, CancellationToken ct)
    {
        var result = new DomainVerdicts();
        summary.Domains = routes.Groups.Count;
        var samples = new Dictionary<string, IReadOnlyList<PageRef>>(StringComparer.Ordinal);
        foreach (var (domain, pages) in routes.Groups)
        {
            result.Profiles[domain] = DomainProfile.Of(domain, pages);
            if (!rejudge && await store.GetAsync(domain, judge.Version, ct) is { } stored)
            {
                result.Verdicts[domain] = stored;
                result.Reused[domain] = true;
            }
            else
            {
                samples[domain] = _sampler.Sample(pages);
            }
        }

        var wanted = samples.Values.SelectMany(s => s).Select(p => p.DocId).ToHashSet(StringComparer.Ordinal);
        Dictionary<string, WebDocument> texts = wanted.Count > 0 ? await loadTexts(wanted, ct) : new(StringComparer.Ordinal);
        var judged = new ConcurrentDictionary<string, DomainVerdict>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(samples, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
            async (entry, token) =>
            {
                var pages = entry.Value.Where(p => texts.ContainsKey(p.DocId)).Select(p => texts[p.DocId]).ToList();
                var verdict = await judge.JudgeAsync(new DomainSample(result.Profiles[entry.Key], pages), token);
                await store.PutAsync(verdict, token);
                judged[entry.Key] = verdict;
            });
        foreach (var (domain, verdict) in judged)
        {
            result.Verdicts[domain] = verdict;
            result.Reused[domain] = false;
            summary.DomainsJudged++;
            summary.JudgeCalls += verdict.Calls;
            summary.PromptTokens += verdict.PromptTokens;
            summary.CompletionTokens += verdict.CompletionTokens;
            if (verdict.JudgeVersion != judge.Version)
            {
                summary.OfflineFallbacks++;
            }
        }

        summary.DomainsReused = result.Reused.Count(r => r.Value);
        foreach (var v in result.Verdicts.Values)
        {
            summary.DomainsByDecision[v.Decision] = summary.DomainsByDecision.GetValueOrDefault(v.Decision) + 1;
        }

        return result;
    }

    /// <summary>
    /// Whether <see cref="ApplyAsync"/> would change a row, from its small columns (no text read): the judge pass leaves
    /// an earlier shard whose rows all stand as it is. Errs towards true.
    /// </summary>
    public bool WouldChange(DomainVerdicts verdicts, DomainJudgeStage.WebDocumentRefRow row)
    {
        var (status, decision) = (row.Status, row.Decision);
        if (DomainVerdictRule.IsJudgeable(status, decision) && verdicts.Verdicts.TryGetValue(DomainOf(row.Domain, row.Url), out var verdict))
        {
            var next = DomainVerdictRule.Apply(verdict.Decision, decision, status);
            if (next.Status != status || decision != verdict.Decision || row.DecisionReason != verdict.Reason || row.Judge != verdict.Judge
                || string.IsNullOrEmpty(row.Domain) || (next.StartsAfresh && (row.Error is not null || status == WebPageStatus.Rewritten)))
            {
                return true;
            }

            (status, decision) = (next.Status, verdict.Decision);
        }

        return rewriter is not null && DomainVerdictRule.NeedsRewrite(decision, status);
    }

    /// <summary>
    /// Map to rows: applies each row's domain verdict (in <see cref="JudgeMode.Judge"/>) and rewrites the pages that
    /// need it, in place; counts pages by status into <paramref name="summary"/>. Returns which rows changed.
    /// </summary>
    public async Task<bool[]> ApplyAsync(IReadOnlyList<WebDocumentRow> rows, DomainVerdicts? verdicts, JudgeMode mode,
        JudgeSummary summary, CancellationToken ct)
    {
        var changed = new bool[rows.Count];
        var rewrites = new List<Task>();
        using var gate = new SemaphoreSlim(concurrency);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var before = (row.Status, row.Decision, row.DecisionReason, row.Judge, row.RewrittenText is null);
            if (mode == JudgeMode.Judge)
            {
                if (!DomainVerdictRule.IsJudgeable(row.Status, row.Decision))
                {
                    continue;
                }

                var domain = DomainOf(row.Domain, row.Url);
                if (verdicts is null || !verdicts.Verdicts.TryGetValue(domain, out var verdict))
                {
                    continue;
                }

                row.Domain = domain;
                var next = DomainVerdictRule.Apply(verdict.Decision, row.Decision, row.Status);
                row.Decision = verdict.Decision;
                row.DecisionReason = verdict.Reason;
                row.Judge = verdict.Judge;
                row.Status = next.Status;
                if (next.StartsAfresh)
                {
                    row.RewrittenText = null;
                    row.Error = null;
                }
            }

            changed[i] = before != (row.Status, row.Decision, row.DecisionReason, row.Judge, row.RewrittenText is null);
            if (rewriter is not null && DomainVerdictRule.NeedsRewrite(row.Decision, row.Status))
            {
                var index = i;
                rewrites.Add(RewriteAsync(row, gate, summary, () => changed[index] = true, ct));
            }
        }

        await Task.WhenAll(rewrites);
        foreach (var row in rows)
        {
            summary.Pages++;
            summary.PagesByStatus[row.Status] = summary.PagesByStatus.GetValueOrDefault(row.Status) + 1;
        }

        return changed;
    }

    private async Task RewriteAsync(WebDocumentRow row, SemaphoreSlim gate, JudgeSummary summary, Action markChanged, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            var result = await rewriter!.RewriteAsync(ToDocument(row, maxChars: int.MaxValue), ct);
            lock (summary)
            {
                summary.RewriteCalls += result.Calls;
                summary.PromptTokens += result.PromptTokens;
                summary.CompletionTokens += result.CompletionTokens;
            }

            row.Status = DomainVerdictRule.AfterRewrite(result);
            row.RewrittenText = result.Ok ? result.Text : null;
            row.Error = row.Status switch
            {
                WebPageStatus.Rewritten => null,
                // The LLM is down or throttling: the page waits for `curate reprocess --stage rewrite`.
                WebPageStatus.RewritePending => "endpoint trouble, rewrite kept pending: " + result.Error,
                _ => result.Error,
            };

            markChanged();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A page's registered domain: the row's, or from its URL for rows written before the column was filled.</summary>
    public static string DomainOf(string domain, string url) =>
        !string.IsNullOrEmpty(domain) ? domain : RegisteredDomain.OfUrl(url);

    internal static DomainDecisionRow ToRow(DomainVerdict v, DomainProfile profile, bool reused) => new()
    {
        Domain = v.Domain,
        Decision = v.Decision,
        Judge = v.Judge,
        JudgeVersion = v.JudgeVersion,
        PagesSeen = profile.PagesSeen,
        SampleSize = v.SampleSize,
        SampleUrls = [.. v.SampleUrls],
        ScienceScore = v.ScienceScore,
        QualityScore = v.QualityScore,
        Reason = v.Reason,
        Reused = reused,
        LlmCalls = v.Calls,
        PromptTokens = v.PromptTokens,
        CompletionTokens = v.CompletionTokens,
        JudgedAt = v.JudgedAt.UtcDateTime,
    };

    internal static WebDocument ToDocument(WebDocumentRow row, int maxChars) => new()
    {
        DocId = row.DocId,
        Url = row.Url,
        Domain = row.Domain,
        Source = row.Source,
        Status = row.Status,
        Error = row.Error,
        FetchTime = row.FetchTime is { } f ? new DateTimeOffset(DateTime.SpecifyKind(f, DateTimeKind.Utc)) : null,
        Title = row.Title,
        Language = row.Language,
        LanguageConfidence = row.LanguageConfidence,
        Text = row.Text.Length > maxChars ? row.Text[..maxChars] : row.Text,
        Markdown = row.Markdown.Length > maxChars ? row.Markdown[..maxChars] : row.Markdown,
        Signals = row.Signals,
        FailedRules = row.FailedRules,
    };
}
