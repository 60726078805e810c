using Microsoft.Extensions.Configuration;
using SciCurate.Detectors;
using SciCurate.DomainFilter.Web.Extraction;
using SciCurate.Parsers.Pdf;
using SciCurate.Parsers.Rendering;
using SciCurate.Parsers.Vlm;

namespace SciCurate.Pipeline.Configuration;

/// <summary>
/// Loads configs/curate.json (or the file named by --config or CURATE_CONFIG) and then environment variables
/// CURATE__Section__Key, which override the file. Keys (secrets) come only from the environment.
/// </summary>
public sealed class CurateConfig
{
    public const string EnvironmentPrefix = "CURATE__";

    private CurateConfig(IConfigurationRoot root, string? path)
    {
        Root = root;
        SourcePath = path;
        root.GetSection("Run").Bind(Run);
        root.GetSection("Pdf").Bind(Pdf);
        root.GetSection("PdfParser").Bind(PdfParser);
        root.GetSection("Vlm").Bind(Vlm);
        root.GetSection("Llm").Bind(Llm);
        root.GetSection("Judge").Bind(Judge);
        root.GetSection("VlmStage").Bind(VlmStage);
        root.GetSection("VlmParser").Bind(VlmParser);
        root.GetSection("PageRender").Bind(PageRender);
        root.GetSection("Detector").Bind(Detector);
        root.GetSection("Serve").Bind(Serve);
        DataDir = root["DataDir"] is { Length: > 0 } dataDir ? dataDir : ".curate";
        root.GetSection("WebExtractor").Bind(WebExtractor);
        root.GetSection("Web").Bind(Web);
        root.GetSection("Dedup").Bind(Dedup);
        root.GetSection("Pii").Bind(Pii);
        root.GetSection("Tokens").Bind(Tokens);
    }

    public IConfigurationRoot Root { get; }

    /// <summary>The JSON file the configuration came from, if any.</summary>
    public string? SourcePath { get; }

    public RunOptions Run { get; } = new();

    public PdfOpenOptions Pdf { get; } = new();

    public PdfPigPageParserOptions PdfParser { get; } = new();

    /// <summary>The vision model that reads hard PDF pages (section "Vlm"); no Endpoint: hard pages stay pending.</summary>
    public ChatEndpointOptions Vlm { get; } = new();

    /// <summary>The text model that judges and rewrites web domains (section "Llm").</summary>
    public ChatEndpointOptions Llm { get; } = new();

    /// <summary>The per-domain judge and rewriter of web pages (section "Judge").</summary>
    public JudgeOptions Judge { get; } = new();
    /// <summary>Which pages go to the VLM, and the answer cache (section "VlmStage").</summary>
    public VlmStageOptions VlmStage { get; } = new();

    /// <summary>How a page is asked of the VLM (section "VlmParser").</summary>
    public VlmPageParserOptions VlmParser { get; } = new();

    /// <summary>How hard pages are rendered (section "PageRender").</summary>
    public PageRenderOptions PageRender { get; } = new();
    public HardPageDetectorOptions Detector { get; } = new();

    /// <summary>The folder of the configuration file: relative paths in it (the detector model) start here.</summary>
    public string? SourceDirectory => SourcePath is null ? null : Path.GetDirectoryName(Path.GetFullPath(SourcePath));
    /// <summary>`curate serve` and `curate enqueue` (section "Serve").</summary>
    public ServeOptions Serve { get; } = new();

    /// <summary>Where the service keeps its state (the SQLite job store); key "DataDir", relative to the working directory.</summary>
    public string DataDir { get; }
    public ContentExtractorOptions WebExtractor { get; } = new();

    public SciCurate.Pipeline.Web.WebRunOptions Web { get; } = new();

    /// <summary>Exact and near-duplicate detection (section "Dedup").</summary>
    public SciCurate.DomainFilter.Text.MinHashOptions Dedup { get; } = new();

    /// <summary>PII masking (section "Pii").</summary>
    public SciCurate.DomainFilter.Text.PiiOptions Pii { get; } = new();

    /// <summary>Token counts (section "Tokens").</summary>
    public SciCurate.DomainFilter.Text.TokenizerOptions Tokens { get; } = new();

    public static CurateConfig Load(string? path = null)
    {
        path ??= Environment.GetEnvironmentVariable("CURATE_CONFIG");
        if (path is not null && !File.Exists(path))
        {
            throw new ConfigException($"config file not found: {path}");
        }

        path ??= FindDefault();
        var builder = new ConfigurationBuilder();
        if (path is not null)
        {
            builder.AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables("CURATE__");
        IConfigurationRoot root;
        try
        {
            root = builder.Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            throw new ConfigException($"config file {path} is not valid JSON: {e.Message}");
        }

        CurateConfig config;
        try
        {
            config = new CurateConfig(root, path);
        }
        catch (InvalidOperationException e)
        {
            // The binder names the key whose value does not convert.
            throw new ConfigException($"bad configuration value: {e.Message}");
        }

        var errors = config.Run.Validate().Concat(config.Detector.Validate()).ToList();
        errors.AddRange(config.Serve.Validate());
        if (config.Pdf.MaxPages < 1)
        {
            errors.Add("Pdf:MaxPages must be at least 1");
        }

        errors.AddRange(config.Vlm.Validate("Vlm"));
        errors.AddRange(config.Llm.Validate("Llm"));
        errors.AddRange(config.Judge.Validate());
        errors.AddRange(KeysInFiles(root, "Vlm", "Llm"));
        errors.AddRange(config.VlmStage.Validate("VlmStage"));
        foreach (var moved in new[] { "MinTextChars", "MaxHardShare" })
        {
            // Which pages go to the VLM is one policy in section Detector now; an old key must not be silently ignored.
            if (root["VlmStage:" + moved] is not null)
            {
                errors.Add($"VlmStage:{moved} has moved: set Detector:{moved} instead");
            }
        }

        errors.AddRange(config.VlmParser.Validate("VlmParser"));
        errors.AddRange(config.PageRender.Validate("PageRender"));
        errors.AddRange(config.Web.Validate());
        errors.AddRange(config.Dedup.Validate());
        errors.AddRange(config.Tokens.Validate());
        try
        {
            config.WebExtractor.Validate("WebExtractor");
        }
        catch (ArgumentOutOfRangeException e)
        {
            errors.Add(e.Message);
        }

        if (errors.Count > 0)
        {
            throw new ConfigException("invalid configuration: " + string.Join("; ", errors));
        }

        return config;
    }

    /// <summary>An API key written into a config file is refused: keys come only from the environment.</summary>
    private static IEnumerable<string> KeysInFiles(IConfigurationRoot root, params string[] sections)
    {
        foreach (var provider in root.Providers.OfType<Microsoft.Extensions.Configuration.Json.JsonConfigurationProvider>())
        {
            foreach (var section in sections)
            {
                if (provider.TryGet($"{section}:ApiKey", out var key) && !string.IsNullOrEmpty(key))
                {
                    yield return $"{section}:ApiKey must come from the environment ({EnvironmentPrefix}{section}__ApiKey), not from a config file";
                }
            }
        }
    }

    /// <summary>configs/curate.json in the working directory or one of its parents, else the copy beside the executable.</summary>
    private static string? FindDefault()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "configs", "curate.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "configs", "curate.json");
        return File.Exists(beside) ? beside : null;
    }
}

/// <summary>A configuration problem, reported to the user without a stack trace.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message) : base(message) { }

    public ConfigException() { }

    public ConfigException(string message, Exception inner) : base(message, inner) { }
}
