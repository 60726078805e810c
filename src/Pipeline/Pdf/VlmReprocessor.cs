using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SciCurate.Parsers.Pdf;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Pdf;

/// <summary>What a `curate reprocess --stage vlm` did.</summary>
public sealed record ReprocessSummary
{
    /// <summary>Pages that were vlm_pending (and vlm_failed with --retry-failed) when the reprocess began.</summary>
    public int Candidates { get; init; }
    public int Read { get; init; }
    public int Failed { get; init; }
    public int CacheHits { get; init; }
    public long PromptTokens { get; init; }
    public long CompletionTokens { get; init; }
    public double CostUsd { get; init; }
    public int DocumentsMerged { get; init; }
    public int ShardsWritten { get; init; }
    public int ShardsSuperseded { get; init; }
    public TimeSpan Elapsed { get; init; }
    public IReadOnlyDictionary<string, int> FailureReasons { get; init; } = new Dictionary<string, int>();
}

/// <summary>
/// `curate reprocess OUT --stage vlm`: sends every vlm_pending page (and vlm_failed with retryFailed) of an output to
/// the VLM, re-merges the documents they belong to, and writes a new generation of the pdf_pages and pdf_documents
/// shards holding them, superseding the old ones in one manifest commit per group of shards. Untouched rows of those
/// shards are copied as they are. A second run finds nothing to do; a killed run leaves whole groups done or untouched,
/// and the answer cache keeps it from paying twice for pages read before the kill.
/// </summary>
public sealed class VlmReprocessor(VlmHardPageStage stage, RunOptions run, ILogger logger)
{
    /// <summary>
    /// The run's document finisher, redoing the merge, token counts, languages (and PII masking, when Pii:Pdf) of the
    /// documents whose pages the VLM filled. (No signature: a document keeps the one of its cheap text, see docs/dedup.md.)
    /// </summary>
    public PdfDocumentFinisher Finisher { get; init; } = new(null, null);

    /// <summary>Prefix of the batch its shards are named after (default "vlm"; a served run's VLM job names them after the run).</summary>
    public string BatchPrefix { get; init; } = "vlm";

    /// <summary>Pages read so far, for a progress display.</summary>
    public int PagesDone => Volatile.Read(ref _done);

    /// <summary>Pages to read in total, known after the first scan.</summary>
    public int PagesTotal { get; private set; }

    private int _done;

    public static bool IsTarget(PdfPageRow row, bool retryFailed) =>
        row.Route == PageRoute.VlmPending || (retryFailed && row.Route == PageRoute.VlmFailed);

    public async Task<ReprocessSummary> RunAsync(string outDir, bool retryFailed, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var store = new OutputStore(outDir);
        if (!File.Exists(store.ManifestPath))
        {
            throw new FileNotFoundException($"{store.ManifestPath} not found: not a curate output folder");
        }

        store.Sweep();

        // Pass 1, ids only: which shards hold pages to read, and which shards each document's rows live in.
        var shardsOfDoc = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var targetShards = new HashSet<string>(StringComparer.Ordinal);
        var candidates = 0;
        await foreach (var (shard, row) in TableReader.ReadAsync<PdfPageRow>(store, PdfCorpusRunner.PagesTable, ct))
        {
            Add(shardsOfDoc, row.DocId, shard);
            if (IsTarget(row, retryFailed))
            {
                targetShards.Add(shard);
                candidates++;
            }
        }

        PagesTotal = candidates;
        if (candidates == 0)
        {
            return new ReprocessSummary { Elapsed = clock.Elapsed };
        }

        await foreach (var (shard, row) in TableReader.ReadAsync<PdfDocumentRow>(store, PdfCorpusRunner.DocumentsTable, ct))
        {
            Add(shardsOfDoc, row.DocId, shard);
        }

        // Shards that share a document must be rewritten together: group them (union-find over shard names).
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var shards in shardsOfDoc.Values)
        {
            var first = shards.First();
            foreach (var other in shards)
            {
                Union(parent, first, other);
            }
        }

        var groups = parent.Keys.ToList().GroupBy(s => Find(parent, s)).Select(g => g.OrderBy(s => s, StringComparer.Ordinal).ToList())
            .Where(g => g.Any(targetShards.Contains))
            .OrderBy(g => g[0], StringComparer.Ordinal)
            .ToList();

        var batch = $"{BatchPrefix}{DateTime.UtcNow:yyyyMMddTHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var totals = new Totals();
        // One shard set for the whole reprocess: each group is one commit, so its shards take the next sequence number.
        await using var writer = new ShardSet(store, run, batch);
        foreach (var group in groups)
        {
            await ProcessGroupAsync(store, group, writer, retryFailed, totals, ct);
        }

        return new ReprocessSummary
        {
            Candidates = candidates,
            Read = totals.Read,
            Failed = totals.Failed,
            CacheHits = totals.CacheHits,
            PromptTokens = totals.PromptTokens,
            CompletionTokens = totals.CompletionTokens,
            CostUsd = totals.CostUsd,
            DocumentsMerged = totals.Documents,
            ShardsWritten = totals.ShardsWritten,
            ShardsSuperseded = totals.ShardsSuperseded,
            Elapsed = clock.Elapsed,
            FailureReasons = totals.Reasons,
        };
    }

    private sealed class Totals
    {
        public int Read;
        public int Failed;
        public int CacheHits;
        public long PromptTokens;
        public long CompletionTokens;
        public double CostUsd;
        public int Documents;
        public int ShardsWritten;
        public int ShardsSuperseded;
        public readonly Dictionary<string, int> Reasons = new(StringComparer.Ordinal);
    }

    private async Task ProcessGroupAsync(OutputStore store, List<string> group, ShardSet shards, bool retryFailed,
        Totals totals, CancellationToken ct)
    {
        var manifest = store.Read();
        var pages = new List<PdfPageRow>();
        var documents = new List<PdfDocumentRow>();
        var generation = 0;
        foreach (var shard in group)
        {
            if (!manifest.Shards.TryGetValue(shard, out var entry))
            {
                // Superseded meanwhile by another writer: leave this group to the next reprocess.
                logger.LogWarning("shard {Shard} is gone from the manifest; skipping its group", shard);
                await shards.CloseShardsAsync(ct); // the skipped group still uses up its sequence number
                return;
            }

            generation = Math.Max(generation, entry.Generation);
            try
            {
                if (entry.Table == PdfCorpusRunner.PagesTable)
                {
                    pages.AddRange(await TableReader.ReadShardAsync<PdfPageRow>(store, shard, ct));
                }
                else if (entry.Table == PdfCorpusRunner.DocumentsTable)
                {
                    documents.AddRange(await TableReader.ReadShardAsync<PdfDocumentRow>(store, shard, ct));
                }
            }
            catch (FileNotFoundException)
            {
                // Superseded (and removed) by another writer between the manifest read and this one.
                logger.LogWarning("shard {Shard} was superseded while being read; skipping its group", shard);
                await shards.CloseShardsAsync(ct);
                return;
            }
        }

        var docById = new Dictionary<string, PdfDocumentRow>(StringComparer.Ordinal);
        foreach (var d in documents)
        {
            docById.TryAdd(d.DocId, d);
        }

        var targets = pages.Where(p => IsTarget(p, retryFailed)).ToList();
        var results = new ConcurrentDictionary<PdfPageRow, RoutedPage>(ReferenceEqualityComparer.Instance);
        var sources = new ConcurrentDictionary<string, Lazy<Task<string?>>>(StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, stage.Endpoint.MaxConcurrency * 2), CancellationToken = ct };
        await Parallel.ForEachAsync(targets, parallel, async (row, token) =>
        {
            RoutedPage result;
            if (!docById.TryGetValue(row.DocId, out var doc))
            {
                result = new RoutedPage(PageRoute.VlmFailed, Error: "no pdf_documents row for this page");
            }
            else
            {
                var problem = await sources.GetOrAdd(doc.SourcePath, path => new Lazy<Task<string?>>(() => CheckSourceAsync(path, doc.Sha256, token))).Value;
                result = problem is not null
                    ? new RoutedPage(PageRoute.VlmFailed, Error: problem)
                    : await stage.ReadPageAsync(new HardPageJob(doc.SourcePath, row.PageNo, row.Width, row.Height,
                        row.CheapMarkdown.Length > 0 ? row.CheapMarkdown : row.Markdown), token);
            }

            results[row] = result;
            Interlocked.Increment(ref _done);
        });

        foreach (var row in targets)
        {
            var r = results[row];
            if (string.IsNullOrEmpty(row.CheapMarkdown))
            {
                row.CheapMarkdown = row.Markdown;
            }

            row.PromptTokens += r.PromptTokens;
            row.CompletionTokens += r.CompletionTokens;
            row.CostUsd += r.CostUsd;
            row.VlmMs = r.ElapsedMs;
            row.VlmModel = r.Model ?? row.VlmModel;
            row.VlmCached = r.Cached;
            totals.PromptTokens += r.PromptTokens;
            totals.CompletionTokens += r.CompletionTokens;
            totals.CostUsd += r.Cached ? 0 : r.CostUsd;
            totals.CacheHits += r.Cached ? 1 : 0;
            if (r.Route == PageRoute.Vlm)
            {
                row.Route = PageRoute.Vlm;
                row.Markdown = r.Markdown ?? "";
                row.Parser = r.Parser;
                row.Error = null;
                totals.Read++;
            }
            else if (r.Route == PageRoute.VlmPending)
            {
                // The endpoint's trouble (throttled, down): still pending for the next reprocess, not failed.
                row.Route = PageRoute.VlmPending;
                row.Error = r.Error;
                var key = PdfCorpusRunner.ReasonKey(r.Error ?? "unknown");
                totals.Reasons[key] = totals.Reasons.GetValueOrDefault(key) + 1;
            }
            else
            {
                // Keeps its cheap Markdown; the reason says why.
                row.Route = PageRoute.VlmFailed;
                row.Error = r.Error;
                totals.Failed++;
                var key = PdfCorpusRunner.ReasonKey(r.Error ?? "unknown");
                totals.Reasons[key] = totals.Reasons.GetValueOrDefault(key) + 1;
            }
        }

        var affected = targets.Select(t => t.DocId).ToHashSet(StringComparer.Ordinal);
        foreach (var docPages in pages.Where(p => affected.Contains(p.DocId)).GroupBy(p => p.DocId))
        {
            var ordered = docPages.OrderBy(p => p.PageNo).ToList();
            // Stored page Markdown is already cleaned (running headers and footers removed), so every page enters the
            // merge as finished Markdown; the merge then only joins pages (hyphenation, sentences across page turns).
            var text = Finisher.FinishStored(ordered);
            var known = docById.TryGetValue(docPages.Key, out var doc);
            PdfDocumentFinisher.Apply(text, doc ?? new PdfDocumentRow(), ordered);
            if (known)
            {
                doc!.PendingPages = ordered.Count(p => p.Route == PageRoute.VlmPending);
                doc.FailedPages = ordered.Count(p => p.Route is PageRoute.VlmFailed or PageRoute.Failed);
                doc.ProcessedAt = DateTime.UtcNow;
                totals.Documents++;
            }
        }

        // A group's rows stay together in one shard per table, however many: the group is what a commit swaps.
        var name = Tables.PdfDocuments.ShardName(shards.Batch, shards.Sequence);
        shards.Generation = generation + 1;
        foreach (var document in documents)
        {
            await shards.AddAsync(Tables.PdfDocuments, document, ct);
        }

        foreach (var page in pages)
        {
            await shards.AddAsync(Tables.PdfPages, page, ct);
        }

        // Inputs whose rows moved now point at the new batch.
        var docIds = documents.Select(d => d.DocId).ToHashSet(StringComparer.Ordinal);
        var inputs = new Dictionary<string, InputEntry>(StringComparer.Ordinal);
        foreach (var (path, entry) in manifest.Inputs)
        {
            if (entry.Status != InputStatus.Duplicate && docIds.Contains(entry.DocId))
            {
                entry.Batch = shards.Batch;
                inputs[path] = entry;
            }
        }

        // The commit is a short critical section under the output's rewrite lock, not the hours of VLM calls before
        // it: a duplicate pass (which holds the lock for its whole pass) never sees a shard vanish while it reads, and
        // a group a duplicate pass superseded since it was read is left to the next reprocess (its answers are cached).
        try
        {
            using (store.AcquireRewriteLock(TimeSpan.FromHours(1)))
            {
                totals.ShardsWritten += await shards.CommitAsync(inputs, group, ct);
            }
        }
        catch (SupersededShardException e)
        {
            await shards.AbandonAsync();
            logger.LogWarning("{Reason}; its group is left to the next reprocess", e.Message);
            return;
        }

        totals.ShardsSuperseded += group.Count;
        logger.LogInformation("reprocessed {Pages} pages of {Docs} documents into {Shard} (generation {Generation})",
            targets.Count, affected.Count, name, generation + 1);
    }

    /// <summary>The source PDF must still be there with the same bytes, or the page images would not match its rows.</summary>
    private static async Task<string?> CheckSourceAsync(string path, string sha256, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            return $"source PDF not found: {path}";
        }

        var check = SciCurate.DomainFilter.Web.Intake.RegularFile.Check(path);
        if (!check.Ok)
        {
            return $"source PDF unreadable: {check.Problem}";
        }

        try
        {
            var hash = await PdfCorpusRunner.HashAsync(path, check.Length, ct);
            return sha256.Length == 0 || hash == sha256 ? null : $"source PDF changed since the run: {path}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"source PDF unreadable: {e.Message}";
        }
    }

    private static void Add(Dictionary<string, HashSet<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var set))
        {
            map[key] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(value);
    }

    private static string Find(Dictionary<string, string> parent, string x)
    {
        if (!parent.TryAdd(x, x) && parent[x] == x)
        {
            return x;
        }

        var root = x;
        while (parent[root] != root)
        {
            root = parent[root];
        }

        while (parent[x] != root)
        {
            var next = parent[x];
            parent[x] = root;
            x = next;
        }

        return root;
    }

    private static void Union(Dictionary<string, string> parent, string a, string b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra != rb)
        {
            parent[rb] = ra;
        }
    }
}
