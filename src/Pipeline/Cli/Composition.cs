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

    public IHardPageDetector CreateDetector() => new CheapOnlyDetector();

    public PageProcessor CreatePageProcessor() => new(new PdfPigPageParser(config.PdfParser), CreateDetector(), config.Pdf);

    public IHardPageStage CreateHardPageStage() => new PendingHardPageStage();

    public Func<ProcessStartInfo> WorkerStartInfo() => () => WorkerPool.DefaultStartInfo(config.SourcePath);

    public PdfCorpusRunner CreatePdfRunner() =>
        new(config.Run, CreateHardPageStage(), loggers.CreateLogger<PdfCorpusRunner>(), WorkerStartInfo());

    /// <summary>The per-domain judge over an output folder (LLM when Llm:Endpoint is set, else offline), with its decision store.</summary>
    public Task<Web.JudgeStageHandle> CreateJudgeStageAsync(string outDir, CancellationToken ct) =>
        Web.JudgeStageFactory.CreateAsync(config, loggers, outDir, null, ct);

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
