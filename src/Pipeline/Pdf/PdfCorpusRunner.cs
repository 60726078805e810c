using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SciCurate.Detectors;
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

    /// <summary>
    /// Finishes each document's text (merge, PII, tokens, languages, signature). The parse workers run their own copy
    /// (built from the same configuration); this one serves when a worker cannot (its finish request failed).
    /// </summary>
    public PdfDocumentFinisher Finisher { get; init; } = new(null, null);

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
        // From the interrupt on, the process waits for this run to commit what it finished (the signal handler's
        // grace would otherwise end it half-way on a busy machine).
        using var interrupted = new Cli.InterruptHold(request.BatchKey is null ? ct : CancellationToken.None);
        var own = Workers is null ? new WorkerPool(Math.Max(1, Math.Min(options.EffectiveWorkers, Math.Max(1, plan.Todo.Count * 64))), workerStartInfo) : null;
        try
        {
            var pool = Workers ?? own!;
            var (startedBefore, restartsBefore, retriesBefore) = (pool.Started, pool.Restarts, pool.Retries);
            using var run = new CorpusRun(this, pool, sink, plan, request.NamedInputs ?? request.Inputs, progress);
            try
            {
                await run.ExecuteAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested && request.BatchKey is null)
            {
                // Ctrl-C or SIGTERM in `curate run`: documents already finished are committed, not thrown away with
                // everything since the last checkpoint; documents still parsing or with the VLM are redone next time.
                await run.DrainAsync();
                await sink.CommitAsync(CancellationToken.None);

                throw new Cli.RunInterruptedException(sink.InputsCommitted, plan.Todo.Count - sink.InputsCommitted);
            }

            await sink.CommitAsync(ct);
            return run.Summary(clock.Elapsed, sink.ShardsCommitted) with
            {
                WorkerStarts = pool.Started - startedBefore,
                WorkerRestarts = pool.Restarts - restartsBefore,
                CrashRetries = pool.Retries - retriesBefore,
                Signed = Finisher.Signs ? sink.Signed : null,
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
}
