using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using SciCurate.DomainFilter.Judge;
using SciCurate.DomainFilter.Web;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Web;

/// <summary>What the judge stage does to an output folder.</summary>
public enum JudgeMode
{
    /// <summary>Group, sample, judge (or reuse stored verdicts), apply to every page, rewrite where an LLM is configured.</summary>
    Judge,

    /// <summary>Only rewrite pages left rewrite_pending (or failed rewrites), keeping every verdict (curate reprocess --stage rewrite).</summary>
    RewriteOnly,
}

/// <summary>Counts of one judge-stage run, for the terminal and the tests.</summary>
public sealed class JudgeSummary
{
    public int Domains { get; set; }

    public int DomainsJudged { get; set; }

    public int DomainsReused { get; set; }

    /// <summary>Domains the LLM judge handed to the offline judge (invalid answers, endpoint failures).</summary>
    public int OfflineFallbacks { get; set; }

    public long Pages { get; set; }

    public long JudgeCalls { get; set; }

    public long RewriteCalls { get; set; }

    public long PromptTokens { get; set; }

    public long CompletionTokens { get; set; }

    public Dictionary<WebPageStatus, long> PagesByStatus { get; } = [];

    public Dictionary<DomainDecision, int> DomainsByDecision { get; } = [];

    public int ShardsWritten { get; set; }

    /// <summary>False when nothing changed and no new generation was written.</summary>
    public bool Wrote { get; set; }

    public TimeSpan Elapsed { get; set; }
}

/// <summary>
/// The per-domain judge as a stage over an output folder, after web extraction: reads the web_documents table,
/// groups its pages by registered domain, samples k pages per domain, takes each domain's verdict from the decision
/// store or from the judge, applies it to every page of the domain (keep, rewrite, drop), and writes web_documents
/// and domain_decisions as a new generation of shards that supersedes the shards it read, in one commit. Shards
/// added by a concurrent writer after the stage started are left alone and judged on its next run.
/// </summary>
/// <remarks>
/// Three passes over the table keep memory small at crawl scale: (1) ids, URLs, domains and failed-rule counts only,
/// to group and sample; (2) the full rows of the sampled pages of the domains to judge; (3) every row, rewritten
/// to the output a row group at a time.
/// </remarks>
public sealed class DomainJudgeStage(
    JudgeOptions options,
    RunOptions run,
    IDomainJudge judge,
    IDomainDecisionStore store,
    IPageRewriter? rewriter,
    int concurrency,
    ILogger logger)
{
    public const string DocumentsTable = "web_documents";
    public const string DecisionsTable = "domain_decisions";

    /// <summary>How the shards it writes are named: a served run names them after itself, so /runs still counts its pages.</summary>
    public string BatchPrefix { get; set; } = "judge";

    private readonly DomainSampler _sampler = new(new DomainSamplerOptions { SampleSize = options.SampleSize, Seed = options.Seed });

    public IDomainJudge Judge => judge;

    public async Task<JudgeSummary> RunAsync(OutputStore output, JudgeMode mode, bool rejudge, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunOnceAsync(output, mode, rejudge, ct);
            }
            catch (Exception e) when (attempt < 3 && e is SupersededShardException or FileNotFoundException)
            {
                // Another writer (a duplicate pass) superseded shards this pass read: read the output again. Stored
                // verdicts make the second pass cheap.
                logger.LogWarning("judge stage: {Reason}; reading the output again", e.Message);
            }
        }
    }

    private async Task<JudgeSummary> RunOnceAsync(OutputStore output, JudgeMode mode, bool rejudge, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var summary = new JudgeSummary();
        var manifest = output.Read();
        var inputShards = manifest.Shards.Where(s => s.Value.Table == DocumentsTable).Select(s => s.Key).ToList();
        if (inputShards.Count == 0)
        {
            summary.Elapsed = clock.Elapsed;
            return summary;
        }

        var generation = manifest.Shards.Values.Where(s => s.Table is DocumentsTable or DecisionsTable)
            .Select(s => s.Generation).DefaultIfEmpty(0).Max() + 1;
        var oldDecisionShards = manifest.Shards.Where(s => s.Value.Table == DecisionsTable).Select(s => s.Key).ToList();

        Dictionary<string, DomainVerdict> verdicts = [];
        Dictionary<string, bool> reused = [];
        Dictionary<string, DomainProfile> profiles = [];
        if (mode == JudgeMode.Judge)
        {
            // Pass 1: group and sample.
            var groups = new Dictionary<string, List<PageRef>>(StringComparer.Ordinal);
            await foreach (var row in ReadAsync<WebDocumentRefRow>(output, inputShards, ct))
            {
                if (!DomainVerdictRule.IsJudgeable(row.Status, row.Decision))
                {
                    continue;
                }

                var domain = DomainOf(row.Domain, row.Url);
                if (!groups.TryGetValue(domain, out var list))
                {
                    groups[domain] = list = [];
                }

                list.Add(new PageRef(row.DocId, row.Url, domain, PageRef.QualityOf(row.FailedRules?.Count ?? 0)));
            }

            summary.Domains = groups.Count;
            var samples = new Dictionary<string, IReadOnlyList<PageRef>>(StringComparer.Ordinal);
            foreach (var (domain, pages) in groups)
            {
                profiles[domain] = DomainProfile.Of(domain, pages);
                if (!rejudge && await store.GetAsync(domain, judge.Version, ct) is { } stored)
                {
                    verdicts[domain] = stored;
                    reused[domain] = true;
                }
                else
                {
                    samples[domain] = _sampler.Sample(pages);
                }
            }

            groups.Clear();

            // Pass 2: the sampled pages' texts, then one judgement per domain.
            var wanted = samples.Values.SelectMany(s => s).Select(p => p.DocId).ToHashSet(StringComparer.Ordinal);
            var texts = new Dictionary<string, WebDocument>(StringComparer.Ordinal);
            if (wanted.Count > 0)
            {
                await foreach (var row in ReadAsync<WebDocumentRow>(output, inputShards, ct))
                {
                    if (wanted.Contains(row.DocId))
                    {
                        texts[row.DocId] = ToDocument(row, maxChars: 20_000);
                    }
                }
            }

            var judged = new ConcurrentDictionary<string, DomainVerdict>(StringComparer.Ordinal);
            await Parallel.ForEachAsync(samples, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
                async (entry, token) =>
                {
                    var pages = entry.Value.Where(p => texts.ContainsKey(p.DocId)).Select(p => texts[p.DocId]).ToList();
                    var verdict = await judge.JudgeAsync(new DomainSample(profiles[entry.Key], pages), token);
                    await store.PutAsync(verdict, token);
                    judged[entry.Key] = verdict;
                });
            foreach (var (domain, verdict) in judged)
            {
                verdicts[domain] = verdict;
                reused[domain] = false;
                summary.DomainsJudged++;
                summary.JudgeCalls += verdict.Calls;
                summary.PromptTokens += verdict.PromptTokens;
                summary.CompletionTokens += verdict.CompletionTokens;
                if (verdict.JudgeVersion != judge.Version)
                {
                    summary.OfflineFallbacks++;
                }
            }

            summary.DomainsReused = reused.Count(r => r.Value);
            foreach (var v in verdicts.Values)
            {
                summary.DomainsByDecision[v.Decision] = summary.DomainsByDecision.GetValueOrDefault(v.Decision) + 1;
            }
        }

        // Pass 3: apply to every row. The verdicts go first: their shard is named after the set's first sequence number.
        var batch = $"{BatchPrefix}{DateTime.UtcNow:yyyyMMddTHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        await using var writer = new ShardSet(output, run, batch, generation);
        var changed = 0L;
        try
        {
            if (mode == JudgeMode.Judge)
            {
                foreach (var (domain, verdict) in verdicts.OrderBy(v => v.Key, StringComparer.Ordinal))
                {
                    await writer.AddAsync(Tables.DomainDecisions, ToRow(verdict, profiles[domain], reused[domain]), ct);
                }
            }

            var pending = new List<WebDocumentRow>(run.RowGroupRows);
            await foreach (var row in ReadAsync<WebDocumentRow>(output, inputShards, ct))
            {
                pending.Add(row);
                if (pending.Count >= Math.Max(64, concurrency * 8))
                {
                    changed += await ApplyBatchAsync(pending, verdicts, mode, summary, writer, ct);
                    pending.Clear();
                }
            }

            changed += await ApplyBatchAsync(pending, verdicts, mode, summary, writer, ct);
            var decisionsChanged = mode == JudgeMode.Judge && (summary.DomainsJudged > 0 || oldDecisionShards.Count == 0
                || await DecisionsDifferAsync(output, oldDecisionShards, verdicts, profiles, ct));
            if (changed == 0 && !decisionsChanged)
            {
                await writer.AbandonAsync();
                logger.LogInformation("judge stage: nothing changed, no new generation");
            }
            else
            {
                var superseded = new List<string>(inputShards);
                if (mode == JudgeMode.Judge)
                {
                    superseded.AddRange(oldDecisionShards);
                }

                // A short critical section under the rewrite lock: a duplicate pass holding it never has a shard
                // superseded under it; one that superseded ours since we read it makes this commit fail (nothing
                // written) and the stage run again from the successors.
                using (output.AcquireRewriteLock(TimeSpan.FromHours(1)))
                {
                    summary.ShardsWritten = await writer.CommitAsync(new Dictionary<string, InputEntry>(), superseded, ct);
                }

                summary.Wrote = true;
            }
        }
        catch
        {
            await writer.AbandonAsync();
            throw;
        }

        summary.Elapsed = clock.Elapsed;
        return summary;
    }

    private static string DomainOf(string domain, string url) =>
        !string.IsNullOrEmpty(domain) ? domain : RegisteredDomain.OfUrl(url);

    private async Task<long> ApplyBatchAsync(List<WebDocumentRow> rows, Dictionary<string, DomainVerdict> verdicts, JudgeMode mode,
        JudgeSummary summary, ShardSet writer, CancellationToken ct)
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
                if (!verdicts.TryGetValue(domain, out var verdict))
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
        long count = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var status = rows[i].Status;
            lock (summary)
            {
                summary.Pages++;
                summary.PagesByStatus[status] = summary.PagesByStatus.GetValueOrDefault(status) + 1;
            }

            if (changed[i])
            {
                count++;
            }

            await writer.AddAsync(Tables.WebDocuments, rows[i], ct);
            if (writer.IsFull)
            {
                await writer.CloseShardsAsync(ct);
            }
        }

        return count;
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

    private static async Task<bool> DecisionsDifferAsync(OutputStore output, List<string> shards, Dictionary<string, DomainVerdict> verdicts,
        Dictionary<string, DomainProfile> profiles, CancellationToken ct)
    {
        var seen = 0;
        await foreach (var row in ReadAsync<DomainDecisionRow>(output, shards, ct))
        {
            seen++;
            if (!verdicts.TryGetValue(row.Domain, out var v) || v.Decision != row.Decision || v.JudgeVersion != row.JudgeVersion
                || profiles[row.Domain].PagesSeen != row.PagesSeen)
            {
                return true;
            }
        }

        return seen != verdicts.Count;
    }

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

    /// <summary>Rows of the given shards only (the ones this run supersedes), one row group at a time.</summary>
    private static async IAsyncEnumerable<T> ReadAsync<T>(OutputStore output, IReadOnlyCollection<string> shards,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        where T : class, new()
    {
        var wanted = shards.ToHashSet(StringComparer.Ordinal);
        var table = typeof(T) == typeof(DomainDecisionRow) ? DecisionsTable : DocumentsTable;
        await foreach (var (shard, row) in TableReader.ReadAsync<T>(output, table, ct))
        {
            if (wanted.Contains(shard))
            {
                yield return row;
            }
        }
    }

    /// <summary>The columns pass 1 needs: Parquet reads only these, not the texts.</summary>
    public sealed class WebDocumentRefRow
    {
        [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
        [JsonPropertyName("url")] public string Url { get; set; } = "";
        [JsonPropertyName("domain")] public string Domain { get; set; } = "";
        [JsonPropertyName("status")] public string StatusWire { get => Status.ToWire(); set => Status = Output.StatusWire.ParseWebPageStatus(value); }
        [JsonIgnore] public WebPageStatus Status { get; set; }
        [JsonPropertyName("failed_rules")] public List<string>? FailedRules { get; set; }
        [JsonPropertyName("decision")] public string? DecisionWire { get => Decision.ToWire(); set => Decision = Output.StatusWire.ParseDecision(value); }
        [JsonIgnore] public DomainDecision? Decision { get; set; }
    }
}
