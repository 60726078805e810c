using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SciCurate.Configuration;
using SciCurate.Parsers.Pdf;
using SciCurate.Parsers.Rendering;
using SciCurate.Parsers.Vlm;

namespace SciCurate.Parsers;

public static class ServiceCollectionExtensions
{
    /// <summary>The configuration sections this library binds.</summary>
    public static IReadOnlyList<string> ConfigSections { get; } = ["Pdf", "PdfParser", "PageRender", "VlmParser"];

    /// <summary>
    /// Registers the PDF opening, cheap parse, rendering and VLM-parse options (sections Pdf, PdfParser, PageRender,
    /// VlmParser; validated at start-up) and the cheap PDF parser.
    /// </summary>
    public static IServiceCollection AddParsers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSectionOptions<PdfOpenOptions>(configuration, "Pdf", (o, s) => o.Validate(s));
        services.AddSectionOptions<PdfPigPageParserOptions>(configuration, "PdfParser");
        services.AddSectionOptions<PageRenderOptions>(configuration, "PageRender", (o, s) => o.Validate(s));
        services.AddSectionOptions<VlmPageParserOptions>(configuration, "VlmParser", (o, s) => o.Validate(s));
        services.TryAddSingleton<IPageParser>(sp => new PdfPigPageParser(sp.GetRequiredService<IOptions<PdfPigPageParserOptions>>().Value));
        return services;
    }
}
