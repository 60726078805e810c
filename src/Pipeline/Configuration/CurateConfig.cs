using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SciCurate.Configuration;
using SciCurate.Detectors;
using SciCurate.DomainFilter.Web.Extraction;
using SciCurate.Parsers.Pdf;
using SciCurate.Parsers.Rendering;
using SciCurate.Parsers.Vlm;
using SciCurate.Pipeline.Hosting;

namespace SciCurate.Pipeline.Configuration;

/// <summary>
/// Loads configs/curate.json (or the file named by --config or CURATE_CONFIG) and then environment variables
/// CURATE__Section__Key, which override the file. Keys (secrets) come only from the environment.
/// </summary>
public sealed class CurateConfig
{
    public const string EnvironmentPrefix = "CURATE__";

    private CurateConfig(IConfigurationRoot root, string? path, IServiceProvider services)
    {
        Root = root;
        SourcePath = path;
        Services = services;
        DataDir = root["DataDir"] is { Length: > 0 } dataDir ? dataDir : DefaultDataDir();
    }

    /// <summary>
    /// The job store's folder when "DataDir" is not set: one per user, the same from every working directory, so
    /// `curate enqueue` run anywhere feeds the `curate serve` started elsewhere ($XDG_STATE_HOME/scicurate, else
    /// ~/.local/state/scicurate; .curate in the working directory only when there is no home).
    /// </summary>
    private static string DefaultDataDir()
    {
        if (Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } state && Path.IsPathRooted(state))
        {
            return Path.Combine(state, "scicurate");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify);
        return home.Length > 0 ? Path.Combine(home, ".local", "state", "scicurate") : ".curate";
    }

    /// <summary>The bound and validated options (the libraries' and the host's), from <see cref="Hosting.CurateServices.AddCurate"/>.</summary>
    public IServiceProvider Services { get; }

    /// <summary>Any bound options class, for the parts that take a library's options as they are.</summary>
    public T Bound<T>()
        where T : class => Services.GetRequiredService<IOptions<T>>().Value;

    public IConfigurationRoot Root { get; }

    /// <summary>The JSON file the configuration came from, if any.</summary>
    public string? SourcePath { get; }

    public RunOptions Run => Bound<RunOptions>();

    public PdfOpenOptions Pdf => Bound<PdfOpenOptions>();

    public PdfPigPageParserOptions PdfParser => Bound<PdfPigPageParserOptions>();

    /// <summary>The vision model that reads hard PDF pages (section "Vlm"); no Endpoint: hard pages stay pending.</summary>
    public ChatEndpointOptions Vlm => Services.GetRequiredService<IOptionsMonitor<ChatEndpointOptions>>().Get("Vlm");

    /// <summary>The text model that judges and rewrites web domains (section "Llm").</summary>
    public ChatEndpointOptions Llm => Services.GetRequiredService<IOptionsMonitor<ChatEndpointOptions>>().Get("Llm");

    /// <summary>The per-domain judge and rewriter of web pages (section "Judge").</summary>
    public JudgeOptions Judge => Bound<JudgeOptions>();
    /// <summary>Which pages go to the VLM, and the answer cache (section "VlmStage").</summary>
    public VlmStageOptions VlmStage => Bound<VlmStageOptions>();

    /// <summary>How a page is asked of the VLM (section "VlmParser").</summary>
    public VlmPageParserOptions VlmParser => Bound<VlmPageParserOptions>();

    /// <summary>How hard pages are rendered (section "PageRender").</summary>
    public PageRenderOptions PageRender => Bound<PageRenderOptions>();
    public HardPageDetectorOptions Detector => Bound<HardPageDetectorOptions>();

    /// <summary>The folder of the configuration file: relative paths in it (the detector model) start here.</summary>
    public string? SourceDirectory => SourcePath is null ? null : Path.GetDirectoryName(Path.GetFullPath(SourcePath));
    /// <summary>`curate serve` and `curate enqueue` (section "Serve").</summary>
    public ServeOptions Serve => Bound<ServeOptions>();

    /// <summary>Where the service keeps its state (the SQLite job store); key "DataDir" (a relative value is taken from the working directory), default per user.</summary>
    public string DataDir { get; }
    public ContentExtractorOptions WebExtractor => Bound<ContentExtractorOptions>();

    public SciCurate.Pipeline.Web.WebRunOptions Web => Bound<SciCurate.Pipeline.Web.WebRunOptions>();

    /// <summary>Exact and near-duplicate detection (section "Dedup").</summary>
    public SciCurate.DomainFilter.Text.MinHashOptions Dedup => Bound<SciCurate.DomainFilter.Text.MinHashOptions>();

    /// <summary>PII masking (section "Pii").</summary>
    public SciCurate.DomainFilter.Text.PiiOptions Pii => Bound<SciCurate.DomainFilter.Text.PiiOptions>();

    /// <summary>Token counts (section "Tokens").</summary>
    public SciCurate.DomainFilter.Text.TokenizerOptions Tokens => Bound<SciCurate.DomainFilter.Text.TokenizerOptions>();

    /// <param name="path">The JSON file; null: CURATE_CONFIG, else configs/curate.json found from the working directory.</param>
    /// <param name="environment">The environment variables to read (null: the process's); tests pass their own.</param>
    public static CurateConfig Load(string? path = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = environment ?? Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal);
        path ??= variables.GetValueOrDefault("CURATE_CONFIG");
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

        // The environment provider's own rule: CURATE__Run__Workers is Run:Workers.
        builder.AddInMemoryCollection(variables
            .Where(v => v.Key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(v => KeyValuePair.Create(v.Key[EnvironmentPrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), (string?)v.Value)));
        IConfigurationRoot root;
        try
        {
            root = builder.Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            throw new ConfigException(JsonError(path, e));
        }

        var errors = KeysInFiles(root, "Vlm", "Llm").Concat(UnknownSections(root)).ToList();
        var services = new ServiceCollection().AddCurate(root).BuildServiceProvider();
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException e)
        {
            errors.AddRange(e.Failures);
        }
        catch (AggregateException e)
        {
            errors.AddRange(e.InnerExceptions.OfType<OptionsValidationException>().SelectMany(v => v.Failures));
            errors.AddRange(e.InnerExceptions.Where(i => i is not OptionsValidationException).Select(i => BadValue(i)));
        }
        catch (InvalidOperationException e)
        {
            errors.Add(BadValue(e));
        }

        foreach (var moved in new[] { "MinTextChars", "MaxHardShare" })
        {
            // Which pages go to the VLM is one policy in section Detector now: say where an old key went.
            if (root["VlmStage:" + moved] is not null)
            {
                errors.RemoveAll(e => e.StartsWith($"VlmStage:{moved} is not a setting", StringComparison.Ordinal));
                errors.Add($"VlmStage:{moved} has moved: set Detector:{moved} instead");
            }
        }

        if (errors.Count > 0)
        {
            throw new ConfigException("invalid configuration: " + string.Join("; ", errors.Distinct(StringComparer.Ordinal).Select(e => FromEnvironment(e, variables.Keys))));
        }

        var config = new CurateConfig(root, path, services);
        return config;
    }

    /// <summary>"config file F, line L, column C: what is wrong" from the JSON reader's exception (its positions count from 0).</summary>
    private static string JsonError(string? path, Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Text.Json.JsonException { LineNumber: { } line } json)
            {
                var what = json.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0].TrimEnd('.', ' ');
                return $"config file {path}, line {line + 1}, column {(json.BytePositionInLine ?? 0) + 1}: not valid JSON ({what})";
            }
        }

        return $"config file {path} is not valid JSON: {e.Message}";
    }

    /// <summary>An error about a key that came from an environment variable names the variable, since that is what the user typed.</summary>
    private static string FromEnvironment(string error, IEnumerable<string> variables)
    {
        var key = error.Split(' ', 2)[0];
        var variable = EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal);
        foreach (var name in variables)
        {
            if (string.Equals(name, variable, StringComparison.OrdinalIgnoreCase))
            {
                return $"{error} (environment variable {name})";
            }
        }

        return error;
    }

    /// <summary>The binder names the key whose value does not convert.</summary>
    private static string BadValue(Exception e) => $"bad configuration value: {e.Message}";

    /// <summary>Top-level keys that no section or value has: a misspelled section (CURATE__Rnu__Workers) would be ignored.</summary>
    private static IEnumerable<string> UnknownSections(IConfigurationRoot root)
    {
        foreach (var child in root.GetChildren())
        {
            if (!Hosting.CurateServices.KnownTopLevelKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                var closest = UnknownKeys.Closest(child.Key, Hosting.CurateServices.KnownTopLevelKeys);
                yield return closest is null ? $"{child.Key} is not a configuration section" : $"{child.Key} is not a configuration section; did you mean {closest}?";
            }
        }
    }

    /// <summary>
    /// A model file named in the configuration: an absolute path as given; a relative one from the configuration
    /// file's folder, else from the configs/ folder shipped beside the executable (so a config file elsewhere that
    /// keeps the default still finds the shipped model).
    /// </summary>
    public string ResolveModelPath(string modelPath)
    {
        if (Path.IsPathRooted(modelPath))
        {
            return modelPath;
        }

        var fromConfig = Path.GetFullPath(Path.Combine(SourceDirectory ?? Environment.CurrentDirectory, modelPath));
        var shipped = Path.Combine(AppContext.BaseDirectory, "configs", modelPath);
        return File.Exists(fromConfig) || !File.Exists(shipped) ? fromConfig : shipped;
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
