using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SciCurate.Parsers.Pdf;

namespace SciCurate.Parsers;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the cheap PDF parser and its options.</summary>
    public static IServiceCollection AddParsers(this IServiceCollection services)
    {
        services.TryAddSingleton(new PdfPigPageParserOptions());
        services.TryAddSingleton<IPageParser, PdfPigPageParser>();
        return services;
    }
}
