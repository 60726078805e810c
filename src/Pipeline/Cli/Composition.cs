using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SciCurate.Detectors;
using SciCurate.DomainFilter.Web;
using SciCurate.DomainFilter.Web.Extraction;
using SciCurate.DomainFilter.Web.Quality;
using SciCurate.Parsers.Pdf;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Web;

namespace SciCurate.Pipeline.Cli;

/// <summary>Builds the pipeline's parts from configuration: the one place where the libraries are composed.</summary>
public sealed class Composition(CurateConfig config, ILoggerFactory loggers)
{
    public CurateConfig Config => config;

    public ILoggerFactory Loggers => loggers;

    public IHardPageDetector CreateDetector() => new CheapOnlyDetector();

    public PageProcessor CreatePageProcessor() => new(new PdfPigPageParser(config.PdfParser), CreateDetector(), config.Pdf);

    public IHardPageStage CreateHardPageStage() => new PendingHardPageStage();

    public Func<ProcessStartInfo> WorkerStartInfo() => () => WorkerPool.DefaultStartInfo(config.SourcePath);

    public PdfCorpusRunner CreatePdfRunner() =>
        new(config.Run, CreateHardPageStage(), loggers.CreateLogger<PdfCorpusRunner>(), WorkerStartInfo());

    public WebDocumentBuilder CreateWebDocumentBuilder() =>
        new(new DensityContentExtractor(config.WebExtractor), new StopwordLanguageIdentifier());

    public WebCorpusRunner CreateWebRunner() =>
        new(config.Run, config.Web, CreateWebDocumentBuilder, loggers.CreateLogger<WebCorpusRunner>());

    public static ILoggerFactory CreateLoggers(LogLevel level) => LoggerFactory.Create(b => b
        .SetMinimumLevel(level)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        })
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("System", LogLevel.Warning));
}
