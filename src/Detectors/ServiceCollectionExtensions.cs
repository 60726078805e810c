using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SciCurate.Configuration;

namespace SciCurate.Detectors;

public static class ServiceCollectionExtensions
{
    /// <summary>The configuration sections this library binds.</summary>
    public static IReadOnlyList<string> ConfigSections { get; } = ["Detector"];

    /// <summary>
    /// Registers the hard-page detector's options (section Detector, validated at start-up). The detector itself is
    /// built by the host, which knows where relative model paths start.
    /// </summary>
    public static IServiceCollection AddDetectors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSectionOptions<HardPageDetectorOptions>(configuration, "Detector", (o, s) => o.Validate(s));
        return services;
    }
}
