using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SciCurate.Configuration;
using SciCurate.Detectors;
using SciCurate.DomainFilter;
using SciCurate.DomainFilter.Judge;
using SciCurate.Parsers;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Web;

namespace SciCurate.Pipeline.Hosting;

/// <summary>The one place where the libraries' registrations and the host's own options sections are put together.</summary>
public static class CurateServices
{
    /// <summary>Top-level keys that are values, not sections.</summary>
    public static IReadOnlyList<string> ConfigValues { get; } = ["DataDir"];

    /// <summary>The host's own sections.</summary>
    public static IReadOnlyList<string> HostSections { get; } = ["Run", "Vlm", "Llm", "Judge", "VlmStage", "Serve", "Web"];

    /// <summary>Every top-level key a configuration may have.</summary>
    public static IReadOnlyList<string> KnownTopLevelKeys { get; } =
        [.. HostSections, .. ConfigValues, .. ServiceCollectionExtensionsOf.Parsers, .. ServiceCollectionExtensionsOf.Detectors, .. ServiceCollectionExtensionsOf.DomainFilter];

    /// <summary>Each section's options classes, to name a setting a user reached for (`--workers` is Run:Workers).</summary>
    public static IReadOnlyList<KeyValuePair<string, Type>> SectionTypes { get; } =
    [
        new("Run", typeof(RunOptions)),
        new("Pdf", typeof(SciCurate.Parsers.Pdf.PdfOpenOptions)),
        new("PdfParser", typeof(SciCurate.Parsers.Pdf.PdfPigPageParserOptions)),
        new("Detector", typeof(HardPageDetectorOptions)),
        new("Vlm", typeof(ChatEndpointOptions)),
        new("VlmStage", typeof(VlmStageOptions)),
        new("VlmParser", typeof(SciCurate.Parsers.Vlm.VlmPageParserOptions)),
        new("PageRender", typeof(SciCurate.Parsers.Rendering.PageRenderOptions)),
        new("Llm", typeof(ChatEndpointOptions)),
        new("Judge", typeof(JudgeOptions)),
        new("Judge", typeof(LlmDomainJudgeOptions)),
        new("Judge", typeof(LlmPageRewriterOptions)),
        new("Web", typeof(WebRunOptions)),
        new("WebExtractor", typeof(SciCurate.DomainFilter.Web.Extraction.ContentExtractorOptions)),
        new("Dedup", typeof(SciCurate.DomainFilter.Text.MinHashOptions)),
        new("Pii", typeof(SciCurate.DomainFilter.Text.PiiOptions)),
        new("Tokens", typeof(SciCurate.DomainFilter.Text.TokenizerOptions)),
        new("Serve", typeof(ServeOptions)),
    ];

    /// <summary>The settings (Section:Key) whose key is <paramref name="name"/>, ignoring case, '-' and '_'.</summary>
    public static IEnumerable<string> SettingsNamed(string name)
    {
        static string Plain(string s) => s.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();
        var wanted = Plain(name);
        foreach (var (section, type) in SectionTypes)
        {
            foreach (var p in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
            {
                if (p.SetMethod is { IsPublic: true } && Plain(p.GetCustomAttributes(typeof(ConfigurationKeyNameAttribute), false)
                    .OfType<ConfigurationKeyNameAttribute>().FirstOrDefault()?.Name ?? p.Name) == wanted)
                {
                    yield return $"{section}:{p.Name}";
                }
            }
        }
    }

    /// <summary>The libraries (AddParsers, AddDetectors, AddDomainFilter) and the host's options, all validated at start-up.</summary>
    public static IServiceCollection AddCurate(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddParsers(configuration).AddDetectors(configuration).AddDomainFilter(configuration);
        services.AddSectionOptions<RunOptions>(configuration, "Run", (o, s) => o.Validate(s));
        services.AddSectionOptions<ChatEndpointOptions>(configuration, "Vlm", (o, s) => o.Validate(s), name: "Vlm");
        services.AddSectionOptions<ChatEndpointOptions>(configuration, "Llm", (o, s) => o.Validate(s), name: "Llm");
        services.AddSectionOptions<JudgeOptions>(configuration, "Judge", (o, s) => o.Validate(s), keys: SectionKeys.Shared);
        services.AddSectionOptions<VlmStageOptions>(configuration, "VlmStage", (o, s) => o.Validate(s));
        services.AddSectionOptions<ServeOptions>(configuration, "Serve", (o, s) => o.Validate(s));
        services.AddSectionOptions<WebRunOptions>(configuration, "Web", (o, s) => o.Validate(s));

        // The judge's section is bound by three classes (the host's and DomainFilter's two); its keys are checked once, against all three.
        services.AddSingleton<IValidateOptions<JudgeOptions>>(new JudgeSectionKeys(configuration.GetSection("Judge")));

        // The LLM judge and rewriter name the model configured under Llm.
        services.PostConfigure<LlmDomainJudgeOptions>(o => o.Model = configuration["Llm:Model"] ?? "");
        services.PostConfigure<LlmPageRewriterOptions>(o => o.Model = configuration["Llm:Model"] ?? "");
        return services;
    }

    private sealed class JudgeSectionKeys(IConfigurationSection section) : IValidateOptions<JudgeOptions>
    {
        public ValidateOptionsResult Validate(string? name, JudgeOptions options)
        {
            var errors = UnknownKeys.Find(section, "Judge", typeof(JudgeOptions), typeof(LlmDomainJudgeOptions), typeof(LlmPageRewriterOptions)).ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }

    /// <summary>The libraries' section lists under short names (their extension classes share one name).</summary>
    private static class ServiceCollectionExtensionsOf
    {
        public static IReadOnlyList<string> Parsers => SciCurate.Parsers.ServiceCollectionExtensions.ConfigSections;

        public static IReadOnlyList<string> Detectors => SciCurate.Detectors.ServiceCollectionExtensions.ConfigSections;

        public static IReadOnlyList<string> DomainFilter => SciCurate.DomainFilter.ServiceCollectionExtensions.ConfigSections;
    }
}
