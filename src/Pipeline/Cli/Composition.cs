using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SciCurate.Detectors;
using SciCurate.Parsers.Pdf;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Pdf;

namespace SciCurate.Pipeline.Cli;

/// <summary>Builds the pipeline's parts from configuration: the one place where the libraries are composed.</summary>
public sealed class Composition(CurateConfig config, ILoggerFactory loggers)
{
    public CurateConfig Config => config;

    public ILoggerFactory Loggers => loggers;

    /// <summary>The configured detector; a missing or mismatched model is a configuration error naming what is wrong.</summary>
    public IHardPageDetector CreateDetector()
    {
        var options = config.Detector;
        if (options.Kind == HardPageDetectorOptions.NoneKind)
        {
            return new TextLayerOnlyDetector();
        }

        try
        {
            return new OnnxHardPageDetector(options.ResolveModelPath(config.SourceDirectory), options.Threshold);
        }
        catch (DetectorModelException e)
        {
            throw new ConfigException(e.Message, e);
        }
    }

    public PageProcessor CreatePageProcessor() => new(new PdfPigPageParser(config.PdfParser), CreateDetector(), config.Pdf);

    public IHardPageStage CreateHardPageStage() => new PendingHardPageStage(config.Detector.MaxHardShare);

    public Func<ProcessStartInfo> WorkerStartInfo() => () => WorkerPool.DefaultStartInfo(config.SourcePath);

    public PdfCorpusRunner CreatePdfRunner() =>
        new(config.Run, CreateHardPageStage(), loggers.CreateLogger<PdfCorpusRunner>(), WorkerStartInfo());

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
