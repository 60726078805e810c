using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SciCurate.Parsers.Rendering;
using SciCurate.Parsers.Vlm;
using SciCurate.Pipeline.Ai;
using SciCurate.Detectors;
using SciCurate.Detectors.Image;
using SciCurate.DomainFilter.Web;
using SciCurate.DomainFilter.Web.Extraction;
using SciCurate.DomainFilter.Web.Quality;
using SciCurate.Parsers.Pdf;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Web;

namespace SciCurate.Pipeline.Hosting;

/// <summary>Builds the pipeline's parts from configuration: the one place where the libraries are composed.</summary>
public sealed class Composition(CurateConfig config, ILoggerFactory loggers)
{
    private IChatClient? _vlmClient;

    public CurateConfig Config => config;

    /// <summary>This process's provenance; building it makes every shard written from now on carry it.</summary>
    public Output.RunProvenance Provenance => _provenance ??= Output.RunProvenance.Current = Output.RunProvenance.Of(config);

    private Output.RunProvenance? _provenance;

    public ILoggerFactory Loggers => loggers;

    /// <summary>The configured detector; a missing or mismatched model is a configuration error naming what is wrong.</summary>
    public IHardPageDetector CreateDetector()
    {
        var options = config.Detector;
        if (options.Kind == HardPageDetectorOptions.NoneKind)
        {
            return new TextLayerOnlyDetector();
        }

        try
        {
            if (options.Kind == HardPageDetectorOptions.ImageKind)
            {
                return new YoloFormulaDetector(config.ResolveModelPath(options.Image.ModelPath), options.Image, config.PageRender.Pdftoppm);
            }

            return new OnnxHardPageDetector(config.ResolveModelPath(options.ModelPath), HardPagePolicy.Threshold) { RouteUnclearTables = options.RouteUnclearTables };
        }
        catch (DetectorModelException e)
        {
            throw new ConfigException(Remedy(e, options.Kind), e);
        }
    }

    /// <summary>The detector library says what is wrong with a model; what to run about it is the host's to say.</summary>
    public static string Remedy(DetectorModelException e, string kind) => kind == HardPageDetectorOptions.ImageKind
        ? $"{e.Message} (Detector:Image:ModelPath)"
        : $"{e.Message}; train one with `curate detector train`, or set Detector:Kind to none";

    /// <summary>Which pages go to the VLM (section Detector): the detector flags at its threshold, the runner applies the rest once per document.</summary>
    public HardPagePolicy HardPagePolicy => HardPagePolicy.From(config.Detector);

    public PageProcessor CreatePageProcessor() => new(new PdfPigPageParser(config.PdfParser), CreateDetector(), config.Pdf);

    /// <summary>A VLM stage when Vlm:Endpoint is set, else hard pages stay pending. <paramref name="outDir"/> places the answer cache.</summary>
    public IHardPageStage CreateHardPageStage(string? outDir = null) => config.Vlm.IsConfigured
        ? CreateVlmStage(outDir)
        : new PendingHardPageStage();

    /// <summary>The chat client for Vlm:*, built once so every page shares its concurrency bound and circuit breaker.</summary>
    public IChatClient VlmClient => _vlmClient ??= ChatClientFactory.Create(config.Vlm, loggers);

    /// <summary>What the VLM client's middleware saw (attempts, 429s, time-outs…), once a VLM was used.</summary>
    public ResilienceCounters? VlmCounters => (_vlmClient as ResilientChatClient)?.Counters;

    public VlmHardPageStage CreateVlmStage(string? outDir)
    {
        if (!config.Vlm.IsConfigured)
        {
            throw new ConfigException("no VLM endpoint configured: set Vlm:Endpoint and Vlm:Model (environment CURATE__Vlm__Endpoint, CURATE__Vlm__Model, CURATE__Vlm__ApiKey)");
        }

        var cacheDir = !string.IsNullOrWhiteSpace(config.VlmStage.CacheDir) ? config.VlmStage.CacheDir
            : outDir is not null ? Path.Combine(outDir, ".vlm-cache") : null;
        return new VlmHardPageStage(new PdftoppmPageRenderer(config.PageRender), new VlmPageParser(VlmClient, config.VlmParser),
            cacheDir is null ? null : new VlmAnswerCache(cacheDir), config.Vlm, config.VlmStage, loggers.CreateLogger<VlmHardPageStage>());
    }

    public Func<ProcessStartInfo> WorkerStartInfo() => () => WorkerPool.DefaultStartInfo(config.SourcePath, config.Run.WorkerMemoryMegabytes);

    /// <summary>
    /// Every PDF run of this composition shares one set of parse workers, so a long-lived host (`curate serve`, one
    /// batch job after another) pays their start-up once; idle workers exit after a minute. Off: each run starts its own.
    /// </summary>
    public bool ShareWorkers { get; init; }

    private WorkerPool SharedWorkers => LazyInitializer.EnsureInitialized(ref _workers, () => new WorkerPool(config.Run.EffectiveWorkers, WorkerStartInfo()));

    private WorkerPool? _workers;

    /// <param name="deferVlm">Hard pages stay pending even with a VLM configured (`curate serve`: a vlm job fills them).</param>
    public PdfCorpusRunner CreatePdfRunner(string? outDir = null, bool deferVlm = false) =>
        new(config.Run, deferVlm ? new PendingHardPageStage() : CreateHardPageStage(outDir), loggers.CreateLogger<PdfCorpusRunner>(), WorkerStartInfo())
        {
            Finisher = CreatePdfFinisher(),
            Policy = HardPagePolicy,
            Workers = ShareWorkers ? SharedWorkers : null,
        };

    private Corpus.TextStages? _textStages;

    /// <summary>PII masking and token counts (Pii:*, Tokens:*), built once: the tokenizer's vocabulary loads in about a second.</summary>
    public Corpus.TextStages TextStages => _textStages ??= new(new SciCurate.DomainFilter.Text.TiktokenCounter(config.Tokens),
        new SciCurate.DomainFilter.Text.RegexPiiMasker(config.Pii), config.Pii);

    /// <summary>
    /// The PDF document finisher (merge, Pii:Pdf, Tokens:*, languages; a MinHash signature per document when
    /// Dedup:Enabled), the same in the parse workers and in this process.
    /// </summary>
    public PdfDocumentFinisher CreatePdfFinisher() =>
        new(TextStages, config.Dedup.Enabled ? new SciCurate.DomainFilter.Text.MinHashSigner(config.Dedup) : null);

    /// <summary>Exact and near-duplicate marking over an output folder (Dedup:*).</summary>
    public Dedup.NearDuplicateStage CreateDedupStage(string batchPrefix = "dedup") =>
        new(config.Dedup, config.Run, loggers.CreateLogger<Dedup.NearDuplicateStage>()) { BatchPrefix = batchPrefix };

    /// <summary>The per-domain judge over an output folder (LLM when Llm:Endpoint is set, else offline), with its decision store.</summary>
    /// <param name="rewrite">False: rewrite verdicts leave pages rewrite_pending for a later rewrite pass.</param>
    public Task<Web.JudgeStageHandle> CreateJudgeStageAsync(string outDir, bool rewrite, CancellationToken ct) =>
        Web.JudgeStageFactory.CreateAsync(config, loggers, outDir, null, rewrite, ct);

    public Task<Web.JudgeStageHandle> CreateJudgeStageAsync(string outDir, CancellationToken ct) => CreateJudgeStageAsync(outDir, true, ct);

    public WebDocumentBuilder CreateWebDocumentBuilder() =>
        new(new DensityContentExtractor(config.WebExtractor), new StopwordLanguageIdentifier());

    public WebCorpusRunner CreateWebRunner() =>
        new(config.Run, config.Web, CreateWebDocumentBuilder, loggers.CreateLogger<WebCorpusRunner>()) { TextStages = TextStages };

    public static ILoggerFactory CreateLoggers(LogLevel level) => LoggerFactory.Create(b => b
        .SetMinimumLevel(level)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        })
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("System", LogLevel.Warning));
}
