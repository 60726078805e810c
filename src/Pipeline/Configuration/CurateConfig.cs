using Microsoft.Extensions.Configuration;
using SciCurate.DomainFilter.Web.Extraction;
using SciCurate.Parsers.Pdf;

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
        root.GetSection("WebExtractor").Bind(WebExtractor);
        root.GetSection("Web").Bind(Web);
    }

    public IConfigurationRoot Root { get; }

    /// <summary>The JSON file the configuration came from, if any.</summary>
    public string? SourcePath { get; }

    public RunOptions Run { get; } = new();

    public PdfOpenOptions Pdf { get; } = new();

    public PdfPigPageParserOptions PdfParser { get; } = new();

    public ContentExtractorOptions WebExtractor { get; } = new();

    public SciCurate.Pipeline.Web.WebRunOptions Web { get; } = new();

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

        var errors = config.Run.Validate().ToList();
        if (config.Pdf.MaxPages < 1)
        {
            errors.Add("Pdf:MaxPages must be at least 1");
        }

        errors.AddRange(config.Web.Validate());
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
