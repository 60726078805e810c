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
/// The per-domain judge as a stage over an output folder, after web extraction, through the
/// <see cref="WebDocumentFinisher"/>: groups the output's web pages by registered domain, samples k pages per domain,
/// takes each domain's verdict from the decision store or from the judge, applies it to every page (keep, rewrite,
/// drop), and commits web_documents and domain_decisions in one commit.
/// </summary>
/// <remarks>
/// Two sources of rows. `curate run` hands it the rows its intake staged (<see cref="WebStaging"/>): they are written
/// to the output once, with their final status, in generation 1, and the inputs they finish are committed with them.
/// Rows already in shards (an earlier run's, or a served run's intake) are read back: (1) ids, URLs, domains and small
/// columns only, to group and sample; (2) the full rows of the sampled pages; (3) after the verdicts, the small
/// columns again to find the shards with a row that changes, whose full rows are then written as a new generation
/// that supersedes them. Shards added by a concurrent writer after the stage started are left alone and judged on its
/// next run.
/// </remarks>
public sealed class DomainJudgeStage(RunOptions run, WebDocumentFinisher finisher, ILogger logger)
{
    public const string DocumentsTable = "web_documents";
    public const string DecisionsTable = "domain_decisions";

    /// <summary>How the shards it writes are named: a served run names them after itself, so /runs still counts its pages.</summary>
    public string BatchPrefix { get; set; } = "judge";

    public IDomainJudge Judge => finisher.Judge;

    public Task<JudgeSummary> RunAsync(OutputStore output, JudgeMode mode, bool rejudge, CancellationToken ct) =>
        RunAsync(output, mode, rejudge, staged: null, ct);

    /// <param name="staged">`curate run`'s staged rows (judged with the output's), committed to the output and then deleted.</param>
    public async Task<JudgeSummary> RunAsync(OutputStore output, JudgeMode mode, bool rejudge, WebStaging? staged, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var summary = await RunOnceAsync(output, mode, rejudge, staged, ct);
                staged?.Delete();
                return summary;
            }
            catch (Exception e) when (attempt < 3 && e is SupersededShardException or FileNotFoundException)
            {
                // Another writer (a duplicate pass) superseded shards this pass read: read the output again. Stored
                // verdicts make the second pass cheap.
                logger.LogWarning("judge stage: {Reason}; reading the output again", e.Message);
            }
        }
    }

    private async Task<JudgeSummary> RunOnceAsync(OutputStore output, JudgeMode mode, bool rejudge, WebStaging? staged, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var summary = new JudgeSummary();
        var manifest = output.Read();
        var inputShards = manifest.Shards.Where(s => s.Value.Table == DocumentsTable).Select(s => s.Key).ToList();
        staged = staged is { IsEmpty: false } ? staged : null;
        if (inputShards.Count == 0 && staged is null)
        {
            summary.Elapsed = clock.Elapsed;
            return summary;
        }

        var generation = manifest.Shards.Values.Where(s => s.Table is DocumentsTable or DecisionsTable)
            .Select(s => s.Generation).DefaultIfEmpty(0).Max() + 1;
        var oldDecisionShards = manifest.Shards.Where(s => s.Value.Table == DecisionsTable).Select(s => s.Key).ToList();

        DomainVerdicts? verdicts = null;
        if (mode == JudgeMode.Judge)
        {
            // Route: every judgeable page of the output and of the staging, by domain.
            var routes = new DomainRoutes();
            await foreach (var row in ReadAsync<WebDocumentRefRow>(output, inputShards, ct))
            {
                routes.Route(row.DocId, row.Url, row.Domain, row.Status, row.Decision, row.FailedRules?.Count ?? 0);
            }

            var stagedById = new Dictionary<string, StagedPage>(StringComparer.Ordinal);
            foreach (var page in staged?.Pages ?? [])
            {
                routes.Route(page.DocId, page.Url, page.Domain, page.Status, null, page.FailedRules);
                if (DomainVerdictRule.IsJudgeable(page.Status, null))
                {
                    // A URL is extracted once per output (later copies are duplicates): one staged page per id.
                    stagedById[page.DocId] = page;
                }
            }

            // Assemble and judge: the sampled pages' texts, staged ones by one seek each, the others from their shards.
            verdicts = await finisher.DecideAsync(routes, async (wanted, token) =>
            {
                var texts = new Dictionary<string, WebDocument>(StringComparer.Ordinal);
                foreach (var id in wanted)
                {
                    if (stagedById.TryGetValue(id, out var page))
                    {
                        texts[id] = WebDocumentFinisher.ToDocument(staged!.Read(page), WebDocumentFinisher.SampleChars);
                    }
                }

                if (texts.Count < wanted.Count)
                {
                    await foreach (var row in ReadAsync<WebDocumentRow>(output, inputShards, token))
                    {
                        // A URL duplicate shares its id with the sampled page and has no text: never shown in its place.
                        if (wanted.Contains(row.DocId) && DomainVerdictRule.IsJudgeable(row.Status, row.Decision) && !texts.ContainsKey(row.DocId))
                        {
                            texts[row.DocId] = WebDocumentFinisher.ToDocument(row, WebDocumentFinisher.SampleChars);
                        }
                    }
                }

                return texts;
            }, rejudge, summary, ct);
        }

        // Shards whose rows all stand are left alone when there are staged rows to write (a `curate run` adding to an
        // output); a pass over the output alone rewrites its shards as one generation, as it always has.
        var rewritten = inputShards;
        if (staged is not null && verdicts is not null)
        {
            var changing = new HashSet<string>(StringComparer.Ordinal);
            var standing = new Dictionary<string, Dictionary<WebPageStatus, long>>(StringComparer.Ordinal);
            await foreach (var row in ReadPerShardAsync(output, inputShards, ct))
            {
                if (changing.Contains(row.Shard))
                {
                    continue;
                }

                if (finisher.WouldChange(verdicts, row.Row))
                {
                    changing.Add(row.Shard);
                    standing.Remove(row.Shard);
                    continue;
                }

                // Pages of shards left alone are counted as they stand.
                if (!standing.TryGetValue(row.Shard, out var counts))
                {
                    standing[row.Shard] = counts = [];
                }

                counts[row.Row.Status] = counts.GetValueOrDefault(row.Row.Status) + 1;
            }

            rewritten = [.. inputShards.Where(changing.Contains)];
            foreach (var (status, count) in standing.Values.SelectMany(byStatus => byStatus))
            {
                summary.Pages += count;
                summary.PagesByStatus[status] = summary.PagesByStatus.GetValueOrDefault(status) + count;
            }
        }

        // Map to rows and write. The verdicts go first: their shard is named after the set's first sequence number.
        var batch = staged?.Batch ?? $"{BatchPrefix}{DateTime.UtcNow:yyyyMMddTHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        await using var writer = new ShardSet(output, run, batch, generation);
        var changed = 0L;
        try
        {
            if (verdicts is not null)
            {
                foreach (var row in verdicts.Rows())
                {
                    await writer.AddAsync(Tables.DomainDecisions, row, ct);
                }
            }

            var batchRows = Math.Max(64, finisher.Concurrency * 8);
            var pending = new List<WebDocumentRow>(batchRows);
            if (rewritten.Count > 0)
            {
                await foreach (var row in ReadAsync<WebDocumentRow>(output, rewritten, ct))
                {
                    pending.Add(row);
                    if (pending.Count >= batchRows)
                    {
                        changed += await WriteAsync(pending, verdicts, mode, summary, writer, ct);
                    }
                }

                changed += await WriteAsync(pending, verdicts, mode, summary, writer, ct);
            }

            if (staged is not null)
            {
                // This run's rows: read from the staging once, written once, in generation 1 (no row of theirs was
                // committed before).
                await writer.CloseShardsAsync(ct);
                writer.Generation = 1;
                foreach (var row in staged.ReadAll())
                {
                    pending.Add(row);
                    if (pending.Count >= batchRows)
                    {
                        changed += await WriteAsync(pending, verdicts, mode, summary, writer, ct);
                    }
                }

                changed += await WriteAsync(pending, verdicts, mode, summary, writer, ct);
            }

            var decisionsChanged = mode == JudgeMode.Judge && (summary.DomainsJudged > 0 || oldDecisionShards.Count == 0
                || await DecisionsDifferAsync(output, oldDecisionShards, verdicts!, ct));
            if (changed == 0 && !decisionsChanged && staged is null)
            {
                await writer.AbandonAsync();
                logger.LogInformation("judge stage: nothing changed, no new generation");
            }
            else
            {
                var superseded = new List<string>(rewritten);
                if (mode == JudgeMode.Judge)
                {
                    superseded.AddRange(oldDecisionShards);
                }

                // A short critical section under the rewrite lock: a duplicate pass holding it never has a shard
                // superseded under it; one that superseded ours since we read it makes this commit fail (nothing
                // written) and the stage run again from the successors. Staged inputs are finished by this commit.
                using (output.AcquireRewriteLock(TimeSpan.FromHours(1)))
                {
                    summary.ShardsWritten = await writer.CommitAsync(staged?.Inputs ?? new Dictionary<string, InputEntry>(), superseded, ct);
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

    /// <summary>Finishes a batch of rows and adds them to the set; returns how many changed, and empties the batch.</summary>
    private async Task<long> WriteAsync(List<WebDocumentRow> rows, DomainVerdicts? verdicts, JudgeMode mode,
        JudgeSummary summary, ShardSet writer, CancellationToken ct)
    {
        var changed = await finisher.ApplyAsync(rows, verdicts, mode, summary, ct);
        foreach (var row in rows)
        {
            await writer.AddAsync(Tables.WebDocuments, row, ct);
            if (writer.IsFull)
            {
                await writer.CloseShardsAsync(ct);
            }
        }

        rows.Clear();
        return changed.LongCount(c => c);
    }

    private static async Task<bool> DecisionsDifferAsync(OutputStore output, List<string> shards, DomainVerdicts verdicts, CancellationToken ct)
    {
        var seen = 0;
        await foreach (var row in ReadAsync<DomainDecisionRow>(output, shards, ct))
        {
            seen++;
            if (!verdicts.Verdicts.TryGetValue(row.Domain, out var v) || v.Decision != row.Decision || v.JudgeVersion != row.JudgeVersion
                || verdicts.Profiles[row.Domain].PagesSeen != row.PagesSeen)
            {
                return true;
            }
        }

        return seen != verdicts.Verdicts.Count;
    }

    private static async IAsyncEnumerable<(string Shard, WebDocumentRefRow Row)> ReadPerShardAsync(OutputStore output,
        List<string> shards, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var wanted = shards.ToHashSet(StringComparer.Ordinal);
        await foreach (var (shard, row) in TableReader.ReadAsync<WebDocumentRefRow>(output, DocumentsTable, ct))
        {
            if (wanted.Contains(shard))
            {
                yield return (shard, row);
            }
        }
    }

    /// <summary>Rows of the given shards only (the ones this run supersedes), one row group at a time.</summary>
    private static async IAsyncEnumerable<T> ReadAsync<T>(OutputStore output, List<string> shards,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        where T : class, new()
    {
        if (shards.Count == 0)
        {
            yield break;
        }

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
        [JsonPropertyName("decision_reason")] public string? DecisionReason { get; set; }
        [JsonPropertyName("judge")] public string? Judge { get; set; }
        [JsonPropertyName("error")] public string? Error { get; set; }
    }
}
