using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using SciCurate.DomainFilter.Text;
using SciCurate.DomainFilter.Web;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Web;

namespace SciCurate.Pipeline.Dedup;

/// <summary>What a near-duplicate pass did.</summary>
public sealed record DedupSummary
{
    public int SignaturesKnown { get; init; }
    public int NewDocuments { get; init; }
    public int ExactDuplicates { get; init; }
    public int NearDuplicates { get; init; }
    public int ShardsRewritten { get; init; }
    public TimeSpan Elapsed { get; init; }
}

/// <summary>
/// Exact and near-duplicate detection over PDF documents and web pages together, as a stage over an output folder
/// (after extraction and the domain judge). Documents not yet signed are signed (MinHash), clustered with all
/// signatures stored by earlier runs (LSH + connected components), and each new document that is not its cluster's
/// kept copy is marked <c>duplicate</c> (same words) or <c>near_duplicate</c> with <c>duplicate_of</c> naming the kept
/// doc_id. Nothing is deleted: the shards holding marked rows are rewritten as a new generation in one commit, and
/// the new signatures are appended to doc_signatures. See docs/dedup.md for the rule that picks the kept copy.
/// </summary>
public sealed class NearDuplicateStage(MinHashOptions options, RunOptions run, ILogger logger)
{
    public const string SignaturesTable = "doc_signatures";

    private readonly MinHashSigner _signer = new(options);

    /// <summary>
    /// Prefix of the batch the pass's shards are named after (default "dedup"): a served run's pass names them after
    /// the run, so what the run page counts by batch still finds the rows the pass rewrote.
    /// </summary>
    public string BatchPrefix { get; init; } = "dedup";

    private string Scheme => $"minhash-w{options.ShingleWords}-h{options.Hashes}-s{options.Seed}";

    /// <param name="signed">
    /// PDF documents the run signed as it wrote them (<see cref="Pdf.RunSummary.Signed"/>): their rows are not read back,
    /// and PDF documents not yet signed are found from the manifest instead of every row's status. Null: every
    /// pdf_documents shard is looked at.
    /// </param>
    public async Task<DedupSummary> RunAsync(OutputStore output, CancellationToken ct, IReadOnlyCollection<SignedDocument>? signed = null)
    {
        // A pass in another process (two runs on one output) may supersede the very shards this one reads.
        using var held = output.AcquireRewriteLock(TimeSpan.FromHours(1));
        return await RunHoldingLockAsync(output, signed, ct);
    }

    private async Task<DedupSummary> RunHoldingLockAsync(OutputStore output, IReadOnlyCollection<SignedDocument>? signed, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var manifest = output.Read();
        var set = new SignatureSet(options.Hashes);
        var ids = new List<string>();
        var kept = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var (_, row) in TableReader.ReadAsync<SignatureRow>(output, SignaturesTable, ct))
        {
            if (row.Scheme != Scheme)
            {
                throw new ConfigException($"{SignaturesTable} holds signatures made with {row.Scheme}; Dedup settings now give {Scheme}: restore them or start a new output folder");
            }

            if (known.Add(row.DocId))
            {
                set.Add(DocumentSignature.FromBytes(row.MinHash), (ulong)row.ExactHash);
                ids.Add(row.DocId);
                kept.Add(row.KeptDocId == row.DocId ? row.DocId : row.KeptDocId); // one string per kept document, not two
            }
        }

        var old = ids.Count;

        // Documents signed as the run wrote them, whose rows are committed where the run said: nothing to read.
        var candidates = new List<SignedDocument>();
        var handed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var doc in signed ?? [])
        {
            if (manifest.Shards.ContainsKey(doc.Shard) && handed.Add(doc.DocId) && !known.Contains(doc.DocId) && doc.Signature is not null && known.Add(doc.DocId))
            {
                candidates.Add(doc);
            }
        }

        // Pass 1, ids and statuses only: which shards hold documents not yet signed.
        var pdfShards = new HashSet<string>(StringComparer.Ordinal);
        if (signed is null)
        {
            await foreach (var (shard, row) in TableReader.ReadAsync<PdfStatusRow>(output, PdfCorpusRunner.DocumentsTable, ct))
            {
                if (IsCandidate(row.Status) && !known.Contains(row.DocId))
                {
                    pdfShards.Add(shard);
                }
            }
        }
        else
        {
            // Only an earlier run stopped before its duplicate pass leaves finished PDFs unsigned: the manifest names
            // them (finished inputs) and the batch whose shards hold their rows.
            var batches = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in manifest.Inputs.Values)
            {
                if (entry.Status == InputStatus.Ok && !handed.Contains(entry.DocId) && !known.Contains(entry.DocId))
                {
                    batches.Add(entry.Batch);
                }
            }

            foreach (var (name, shard) in manifest.Shards)
            {
                if (shard.Table == PdfCorpusRunner.DocumentsTable && batches.Contains(shard.Batch))
                {
                    pdfShards.Add(name);
                }
            }
        }

        var webShards = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var (shard, row) in TableReader.ReadAsync<WebStatusRow>(output, WebCorpusRunner.DocumentsTable, ct))
        {
            if (IsCandidate(row.Status) && !known.Contains(row.DocId))
            {
                webShards.Add(shard);
            }
        }

        // Pass 2: sign the new documents.
        foreach (var shard in pdfShards.Order(StringComparer.Ordinal))
        {
            foreach (var row in await TableReader.ReadShardAsync<PdfDocumentRow>(output, shard, ct))
            {
                if (IsCandidate(row.Status) && !known.Contains(row.DocId) && _signer.Sign(row.Markdown) is { } signature && known.Add(row.DocId))
                {
                    candidates.Add(new SignedDocument(row.DocId, "pdf", shard, RankOf(row), signature));
                }
            }
        }

        foreach (var shard in webShards.Order(StringComparer.Ordinal))
        {
            foreach (var row in await TableReader.ReadShardAsync<WebDocumentRow>(output, shard, ct))
            {
                if (IsCandidate(row.Status) && !known.Contains(row.DocId) && _signer.Sign(row.Text) is { } signature && known.Add(row.DocId))
                {
                    candidates.Add(new SignedDocument(row.DocId, "web", shard, RankOf(row), signature));
                }
            }
        }

        if (candidates.Count == 0)
        {
            return new DedupSummary { SignaturesKnown = old, Elapsed = clock.Elapsed };
        }

        foreach (var c in candidates)
        {
            set.Add(c.Signature!);
            ids.Add(c.DocId);
            kept.Add(c.DocId);
        }

        var roots = new MinHashLshClusterer(options).Cluster(set, ct);
        var members = new Dictionary<int, List<int>>();
        for (var i = 0; i < roots.Length; i++)
        {
            if (roots[i] != i)
            {
                if (!members.TryGetValue(roots[i], out var list))
                {
                    members[roots[i]] = list = [roots[i]];
                }

                list.Add(i);
            }
        }

        // Decide each cluster that has new documents.
        var marks = new Dictionary<string, (DuplicateMark Mark, string KeptId, double Similarity)>(StringComparer.Ordinal);
        int exact = 0, near = 0;
        foreach (var (_, group) in members)
        {
            if (group.All(i => i < old))
            {
                continue;
            }

            var keeper = ChooseKept(group, old, candidates, ids, kept);
            var keeperIndex = group.FirstOrDefault(i => ids[i] == keeper, -1);
            if (keeperIndex < 0)
            {
                keeperIndex = ids.IndexOf(keeper);
            }

            foreach (var i in group.Where(i => i >= old))
            {
                if (ids[i] == keeper)
                {
                    continue;
                }

                kept[i] = keeper;
                var same = set.ExactHash(i) == set.ExactHash(keeperIndex);
                marks[ids[i]] = (same ? DuplicateMark.Exact : DuplicateMark.Near, keeper, set.Similarity(i, keeperIndex));
                if (same)
                {
                    exact++;
                }
                else
                {
                    near++;
                }
            }
        }

        // Pass 3: rewrite the shards that hold marked rows as a new generation; append the new signatures.
        var batch = $"{BatchPrefix}{DateTime.UtcNow:yyyyMMddTHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var generation = manifest.Shards.Values.Select(s => s.Generation).DefaultIfEmpty(0).Max() + 1;
        await using var writer = new ShardSet(output, run, batch, generation);
        var superseded = new List<string>();
        var marked = candidates.Where(c => marks.ContainsKey(c.DocId)).Select(c => c.Shard).ToHashSet(StringComparer.Ordinal);
        foreach (var shard in marked.Order(StringComparer.Ordinal))
        {
            // Each rewritten shard becomes one new shard, so a superseded shard and its successor hold the same documents.
            if (manifest.Shards[shard].Table == PdfCorpusRunner.DocumentsTable)
            {
                await RewriteShardAsync(output, shard, writer, Tables.PdfDocuments, r => IsCandidate(r.Status), marks, ct);
            }
            else
            {
                await RewriteShardAsync(output, shard, writer, Tables.WebDocuments, r => IsCandidate(r.Status), marks, ct);
            }

            await writer.CloseShardsAsync(ct);
            superseded.Add(shard);
        }

        for (var i = old; i < ids.Count; i++)
        {
            var c = candidates[i - old];
            await writer.AddAsync(Tables.DocSignatures, new SignatureRow
            {
                DocId = c.DocId,
                Kind = c.Kind,
                MinHash = c.Signature!.ToBytes(),
                ExactHash = (long)c.Signature.ExactHash,
                Words = c.Words,
                KeptDocId = kept[i],
                Scheme = Scheme,
            }, ct);
        }

        await writer.CommitAsync(new Dictionary<string, InputEntry>(), superseded, ct);

        logger.LogInformation("dedup: {New} new documents, {Exact} exact and {Near} near duplicates", candidates.Count, exact, near);
        return new DedupSummary
        {
            SignaturesKnown = old,
            NewDocuments = candidates.Count,
            ExactDuplicates = exact,
            NearDuplicates = near,
            ShardsRewritten = superseded.Count,
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>
    /// The copy a cluster keeps. A copy kept by an earlier run stays kept (its rows are already exported and
    /// referenced); otherwise the best new copy: complete text first (no VLM page pending, no rewrite pending), then a
    /// PDF whose hard pages the VLM read, then fewer failed quality rules, then more words, then the smallest doc_id
    /// (so every machine picks the same one).
    /// </summary>
    private static string ChooseKept(List<int> group, int old, List<SignedDocument> candidates, List<string> ids, List<string> kept)
    {
        var earlier = group.Where(i => i < old).ToList();
        if (earlier.Count > 0)
        {
            foreach (var i in earlier)
            {
                if (kept[i] == ids[i])
                {
                    return ids[i];
                }
            }

            return kept[earlier[0]];
        }

        return group.Select(i => candidates[i - old])
            .OrderByDescending(c => c.Rank)
            .ThenByDescending(c => c.Words)
            .ThenBy(c => c.DocId, StringComparer.Ordinal)
            .First().DocId;
    }

    /// <summary>Higher is better: complete text (4), VLM-read hard pages (2), quality rules passed (minus failures).</summary>
    internal static int RankOf(PdfDocumentRow row) =>
        (row.PendingPages == 0 ? 4 : 0) + (row.HardPages > 0 && row.PendingPages == 0 ? 2 : 0) - row.FailedPages;

    private static int RankOf(WebDocumentRow row) =>
        (row.Status is WebPageStatus.Kept or WebPageStatus.Rewritten ? 4 : 0) - Math.Min(3, row.FailedRules.Count);

    /// <summary>Documents that would be exported: dropped, failed and URL-duplicate rows are not compared.</summary>
    internal static bool IsCandidate(PdfDocumentStatus status) => status == PdfDocumentStatus.Ok;

    internal static bool IsCandidate(WebPageStatus status) =>
        status is WebPageStatus.Ok or WebPageStatus.Kept or WebPageStatus.Rewritten or WebPageStatus.RewritePending;

    /// <summary>Copies one shard into <paramref name="writer"/>'s open shard of <paramref name="table"/>, marking the rows that take part and were found to be copies.</summary>
    private static async Task RewriteShardAsync<TRow>(OutputStore output, string shard, ShardSet writer, ShardTable<TRow> table,
        Func<TRow, bool> takesPart, Dictionary<string, (DuplicateMark Mark, string KeptId, double Similarity)> marks, CancellationToken ct)
        where TRow : class, IMarkableDocumentRow, new()
    {
        foreach (var row in await TableReader.ReadShardAsync<TRow>(output, shard, ct))
        {
            // By status too: a revisited URL's Duplicate row shares its doc_id and stays as it is.
            if (takesPart(row) && marks.TryGetValue(row.DocId, out var mark))
            {
                row.MarkDuplicate(mark.Mark, mark.KeptId, Reason(mark));
            }

            await writer.AddAsync(table, row, ct);
        }
    }

    private static string Reason((DuplicateMark Mark, string KeptId, double Similarity) mark) => mark.Mark == DuplicateMark.Exact
        ? $"duplicate: same words as {mark.KeptId} (kept)"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"near duplicate: MinHash similarity {mark.Similarity:F2} to {mark.KeptId} (kept)");

    private sealed class PdfStatusRow
    {
        [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
        [JsonPropertyName("status")] public string StatusWire { get => Status.ToWire(); set => Status = Output.StatusWire.ParsePdfDocumentStatus(value); }
        [JsonIgnore] public PdfDocumentStatus Status { get; set; }
    }

    private sealed class WebStatusRow
    {
        [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
        [JsonPropertyName("status")] public string StatusWire { get => Status.ToWire(); set => Status = Output.StatusWire.ParseWebPageStatus(value); }
        [JsonIgnore] public WebPageStatus Status { get; set; }
    }
}
