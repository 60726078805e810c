using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SciCurate.Configuration;
using SciCurate.DomainFilter.Judge;
using SciCurate.DomainFilter.Text;
using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter;

public static class ServiceCollectionExtensions
{
    /// <summary>The configuration sections this library binds ("Judge" it shares with the host's run options for the judge).</summary>
    public static IReadOnlyList<string> ConfigSections { get; } = ["WebExtractor", "Dedup", "Pii", "Tokens", "Judge"];

    /// <summary>
    /// Registers the web extraction, dedup, PII, tokenizer and LLM judge/rewriter options, each bound to its section
    /// and validated at start-up. The judge's and rewriter's keys sit in the host's "Judge" section, which the host
    /// owns (it refuses unknown keys there, knowing these classes' keys too).
    /// </summary>
    public static IServiceCollection AddDomainFilter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSectionOptions<ContentExtractorOptions>(configuration, "WebExtractor", (o, s) => o.Validate(s));
        services.AddSectionOptions<MinHashOptions>(configuration, "Dedup", (o, s) => o.Validate(s));
        services.AddSectionOptions<PiiOptions>(configuration, "Pii");
        services.AddSectionOptions<TokenizerOptions>(configuration, "Tokens", (o, s) => o.Validate(s));
        services.AddSectionOptions<LlmDomainJudgeOptions>(configuration, "Judge", (o, s) => o.Validate(s), keys: SectionKeys.Shared);
        services.AddSectionOptions<LlmPageRewriterOptions>(configuration, "Judge", (o, s) => o.Validate(s), keys: SectionKeys.Shared);
        return services;
    }
}
