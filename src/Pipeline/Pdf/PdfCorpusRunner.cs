using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SciCurate.Detectors;
using SciCurate.DomainFilter.Web.Quality;
using SciCurate.DomainFilter.Web.Intake;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Pdf;

/// <summary>
/// Runs PDFs through the cheap path: split into page chunks, parse in worker processes on all cores, route pages,
/// merge each document in page order, and write pdf_pages / pdf_documents shards with resumable commits.
/// The same code serves `curate run` and the queued batch jobs.
/// </summary>
public sealed partial class PdfCorpusRunner(RunOptions options, IHardPageStage hardPages, ILogger<PdfCorpusRunner> logger, Func<ProcessStartInfo> workerStartInfo)
{
    public const string PagesTable = "pdf_pages";
    public const string DocumentsTable = "pdf_documents";

    /// <summary>PII masking and token counts applied to each finished document (none: columns stay 0).</summary>
    public Corpus.TextStages? TextStages { get; init; }

    /// <summary>Which pages go to the VLM (Detector:Threshold, MaxHardShare, MinTextChars), applied once per document.</summary>
    public HardPagePolicy Policy { get; init; } = new();

    /// <summary>
    /// Parse workers shared with other runs (the batch jobs of `curate serve`), so their start-up is paid once; null:
    /// this run starts its own and stops them at the end.
    /// </summary>
    public WorkerPool? Workers { get; init; }

    private RunOptions Options => options;

    private ILogger Logger => logger;

    /// <summary>Documents whose hard pages may be with the VLM at once; beyond this the runner waits.</summary>
    private const int MaxFinishingDocuments = 256;

    public async Task<RunSummary> RunAsync(RunRequest request, RunProgress? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var plan = Plan(request);
        progress ??= new RunProgress();
        progress.TotalDocuments = plan.Todo.Count;
        var batch = request.BatchKey ?? $"run{DateTime.UtcNow:yyyyMMddTHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        await using var sink = new PdfShardSink(plan.Store, options, batch, checkpointing: request.BatchKey is null);
        var own = Workers is null ? new WorkerPool(Math.Max(1, Math.Min(options.EffectiveWorkers, Math.Max(1, plan.Todo.Count * 64))), workerStartInfo) : null;
        try
        {
            var pool = Workers ?? own!;
            var (startedBefore, restartsBefore, retriesBefore) = (pool.Started, pool.Restarts, pool.Retries);
            using var run = new CorpusRun(this, pool, sink, plan, request.NamedInputs ?? request.Inputs, progress);
            await run.ExecuteAsync(ct);
            await sink.CommitAsync(ct);
            return run.Summary(clock.Elapsed, sink.ShardsCommitted) with
            {
                WorkerStarts = pool.Started - startedBefore,
                WorkerRestarts = pool.Restarts - restartsBefore,
                CrashRetries = pool.Retries - retriesBefore,
            };
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>What a run has to do: the output, the inputs not yet in its manifest, and the documents it already holds.</summary>
    private sealed record RunPlan(OutputStore Store, IReadOnlyList<(string Path, FileCheck Info)> Todo, int Skipped, Dictionary<string, string> KnownDocs);

    private RunPlan Plan(RunRequest request)
    {
        var store = new OutputStore(request.OutDir);
        var swept = store.Sweep();
        if (swept > 0)
        {
            logger.LogInformation("removed {Count} files left by an interrupted run", swept);
        }

        store.EnsureShardsIntact();
        var manifest = store.Read();
        var todo = new List<(string Path, FileCheck Info)>();
        var skipped = 0;
        foreach (var file in InputScanner.Expand(request.Inputs, InputScanner.IsPdf))
        {
            var info = RegularFile.Check(file);
            if (manifest.Inputs.TryGetValue(file, out var done) && done.Size == info.Length && done.ModifiedUtc == info.ModifiedUtc)
            {
                skipped++;
                continue;
            }

            todo.Add((file, info));
        }

        var knownDocs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, entry) in manifest.Inputs)
        {
            if (entry.Status != InputStatus.Duplicate)
            {
                knownDocs.TryAdd(entry.DocId, path);
            }
        }

        return new RunPlan(store, todo, skipped, knownDocs);
    }

    /// <summary>The reason without its details, for counting failures by kind ("encrypted", "corrupt PDF", …).</summary>
    internal static string ReasonKey(string reason)
    {
        var colon = reason.IndexOf(':', StringComparison.Ordinal);
        var key = colon > 0 ? reason[..colon] : reason;
        var paren = key.IndexOf(" (", StringComparison.Ordinal);
        return paren > 0 ? key[..paren] : key;
    }

    /// <summary>A PDF's doc_id: the SHA-256 of its bytes, lower-case hex.</summary>
    internal static async Task<string> HashAsync(string path, long length, CancellationToken ct)
    {
        await using var stream = RegularFile.OpenRead(path, length, 1 << 20);
        var hash = await SHA256.HashDataAsync(stream, ct);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// The document's language from the same identifier the web path uses (the parsers know no languages, the pipeline
    /// names them where pages become rows); a page gets its own only when it is confidently another language.
    /// </summary>
    internal static void SetLanguages(PdfDocumentRow document, IReadOnlyList<PdfPageRow> pages)
    {
        var guess = Languages.Identify(document.Markdown);
        document.Language = guess.Language;
        document.LanguageConfidence = guess.Confidence;
        foreach (var page in pages)
        {
            if (page.Markdown.Length < 200)
            {
                continue;
            }

            var own = Languages.Identify(page.Markdown);
            page.Language = own.Language != guess.Language && own.Language != "und" && own.Confidence >= 0.5 ? own.Language : null;
        }
    }

    private static readonly StopwordLanguageIdentifier Languages = new();
}
