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
