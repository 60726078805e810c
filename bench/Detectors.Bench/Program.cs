using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using SciCurate.Detectors;
using SciCurate.Parsers.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

BenchmarkRunner.Run<SciCurate.Detectors.Bench.FeatureAndInferenceBench>(args: args);

namespace SciCurate.Detectors.Bench
{

/// <summary>
/// Feature extraction plus ONNX inference per page, the cheap parse excluded: pages are opened and parsed in setup.
/// One page per operation (OperationsPerInvoke), one thread: pages/s on one core = 1 / mean.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet calls GlobalCleanup")]
public class FeatureAndInferenceBench
{
    private readonly List<PdfDocument> _documents = [];
    private readonly List<(Page Page, ParsedPage Parsed)> _pages = [];
    private OnnxHardPageDetector _detector = null!;
    private PageFeatures[] _features = [];

    public const int Pages = 77;

    [GlobalSetup]
    public void Setup()
    {
        var root = FindRoot();
        string[] candidates =
        [
            "/usr/share/doc/texlive-doc/latex/amsmath/amsldoc.pdf",
            "/usr/share/doc/texlive-doc/latex/base/clsguide.pdf",
        ];
        var files = candidates.Where(File.Exists).ToList();
        if (files.Count == 0)
        {
            files = Directory.GetFiles(Path.Combine(root, "tests", "Detectors.Tests", "data"), "*.pdf").ToList();
        }

        var parser = new PdfPigPageParser();
        while (_pages.Count < Pages)
        {
            foreach (var file in files)
            {
                var doc = PdfDocument.Open(file);
                _documents.Add(doc);
                for (var n = 1; n <= doc.NumberOfPages && _pages.Count < Pages; n++)
                {
                    var page = doc.GetPage(n);
                    _pages.Add((page, parser.Parse(page)));
                }
            }
        }

        var model = Path.Combine(root, "configs", "models", "hard_page_detector.onnx");
        _detector = new OnnxHardPageDetector(model, DetectorModelInfo.Load(model)!.SuggestedThreshold);
        _features = [.. _pages.Select(p => PageFeatureExtractor.Extract(p.Page, p.Parsed))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _detector.Dispose();
        foreach (var d in _documents)
        {
            d.Dispose();
        }
    }

    [Benchmark(OperationsPerInvoke = Pages, Description = "features only")]
    public float FeaturesOnly()
    {
        float sum = 0;
        foreach (var (page, parsed) in _pages)
        {
            sum += PageFeatureExtractor.Extract(page, parsed).Values[0];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Pages, Description = "inference only, one page per call")]
    public double InferenceOnly()
    {
        double sum = 0;
        foreach (var f in _features)
        {
            sum += _detector.Detect(f).Score;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Pages, Baseline = true, Description = "features + inference, one page per call (as in curate run)")]
    public double FeaturesAndInference()
    {
        double sum = 0;
        foreach (var (page, parsed) in _pages)
        {
            sum += _detector.Detect(PageFeatureExtractor.Extract(page, parsed)).Score;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Pages, Description = "features + inference, one ONNX call per document chunk")]
    public double FeaturesAndBatchedInference()
    {
        var features = new PageFeatures[_pages.Count];
        for (var i = 0; i < _pages.Count; i++)
        {
            features[i] = PageFeatureExtractor.Extract(_pages[i].Page, _pages[i].Parsed);
        }

        return _detector.Score(features).Sum();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
            {
                return dir.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
}
