using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SciCurate.DomainFilter.Judge;
using SciCurate.DomainFilter.Judge.Science;
using SciCurate.Pipeline.Ai;
using SciCurate.Pipeline.Configuration;

namespace SciCurate.Pipeline.Web;

/// <summary>A judge stage with the decision store and chat client it owns.</summary>
public sealed class JudgeStageHandle(DomainJudgeStage stage, IDomainDecisionStore store, IChatClient? client, string storeDescription) : IAsyncDisposable
{
    public DomainJudgeStage Stage => stage;

    public IDomainDecisionStore Store => store;

    /// <summary>For the terminal: which store (never the connection string).</summary>
    public string StoreDescription => storeDescription;

    public async ValueTask DisposeAsync()
    {
        await store.DisposeAsync();
        client?.Dispose();
    }
}

/// <summary>The offline judge's science classifier, loaded once per process and model file (serve workers judge many outputs).</summary>
public static class ScienceClassifiers
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<OnnxScienceClassifier>> Loaded = new(StringComparer.Ordinal);

    /// <summary>The classifier Judge:Offline asks for, or null for the lexical scorer; a bad model is a configuration error.</summary>
    public static OnnxScienceClassifier? For(OfflineDomainJudgeOptions options, CurateConfig config)
    {
        if (options.Scorer != OfflineDomainJudgeOptions.ModelScorer)
        {
            return null;
        }

        var path = config.ResolveModelPath(options.ModelPath);
        var lazy = Loaded.GetOrAdd(path, p => new Lazy<OnnxScienceClassifier>(() => new OnnxScienceClassifier(p)));
        try
        {
            return lazy.Value;
        }
        catch (ScienceModelException e)
        {
            Loaded.TryRemove(path, out _);
            throw new ConfigException($"Judge:Offline:ModelPath: {e.Message}; train one with `curate judge train`, or set Judge:Offline:Scorer to lexical");
        }
    }
}

/// <summary>Composes the judge stage from configuration: LLM judge and rewriter when Llm:Endpoint is set, else the offline judge.</summary>
public static class JudgeStageFactory
{
    public const string DefaultSqliteFile = "domain_decisions.sqlite";

    /// <param name="rewrite">False: pages under a rewrite verdict stay rewrite_pending (`curate serve` rewrites them in a job of its own).</param>
    public static async Task<JudgeStageHandle> CreateAsync(CurateConfig config, ILoggerFactory loggers, string outDir,
        IChatClient? client = null, bool rewrite = true, CancellationToken ct = default)
    {
        var options = config.Judge;
        var offline = new OfflineDomainJudge(options.Offline, ScienceClassifiers.For(options.Offline, config));
        if (client is null && config.Llm.IsConfigured)
        {
            client = ChatClientFactory.Create(config.Llm, loggers);
        }

        IDomainJudge judge = offline;
        IPageRewriter? rewriter = null;
        if (client is not null)
        {
            // Bound from Judge:* by DomainFilter, with the model from Llm:Model.
            judge = new LlmDomainJudge(client, config.Bound<LlmDomainJudgeOptions>(), offline, loggers.CreateLogger<LlmDomainJudge>());
            rewriter = rewrite ? new LlmPageRewriter(client, config.Bound<LlmPageRewriterOptions>()) : null;
        }

        var (store, description) = await OpenStoreAsync(config, outDir, ct);
        var concurrency = client is not null ? config.Llm.MaxConcurrency : Environment.ProcessorCount;
        var finisher = new WebDocumentFinisher(options, judge, store, rewriter, concurrency);
        var stage = new DomainJudgeStage(config.Run, finisher, loggers.CreateLogger<DomainJudgeStage>());
        return new JudgeStageHandle(stage, store, client, description);
    }

    /// <summary>Judge:Store, else Serve:Storage, else sqlite; PostgreSQL takes Judge:PostgresConnection, else Serve:PostgresConnection.</summary>
    public static async Task<(IDomainDecisionStore Store, string Description)> OpenStoreAsync(CurateConfig config, string outDir, CancellationToken ct)
    {
        var kind = config.Judge.Store;
        if (string.IsNullOrEmpty(kind))
        {
            kind = string.IsNullOrEmpty(config.Root["Serve:Storage"]) ? "sqlite" : config.Root["Serve:Storage"]!;
        }

        if (kind == "postgres")
        {
            var connection = config.Judge.PostgresConnection;
            if (string.IsNullOrEmpty(connection))
            {
                connection = config.Root["Serve:PostgresConnection"];
            }

            if (string.IsNullOrEmpty(connection))
            {
                throw new ConfigException("Judge:Store is postgres but neither CURATE__Judge__PostgresConnection nor CURATE__Serve__PostgresConnection is set");
            }

            return (await PostgresDomainDecisionStore.OpenAsync(connection, ct), "postgres (scicurate.domain_decisions)");
        }

        var path = string.IsNullOrEmpty(config.Judge.SqlitePath) ? Path.Combine(outDir, DefaultSqliteFile) : config.Judge.SqlitePath;
        return (await SqliteDomainDecisionStore.OpenAsync(path, ct), $"sqlite {Path.GetFullPath(path)}");
    }
}
