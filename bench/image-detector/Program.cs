using System.Diagnostics;
using System.Globalization;
using SciCurate.Detectors;
using SciCurate.Detectors.Image;
using SciCurate.Parsers.Rendering;
using SciCurate.TestSupport;
using UglyToad.PdfPig;

// Pages per second of Detector:Kind=image on one core, split into render (pdftoppm → PPM → RgbImage) and
// letterbox + inference + decode. The model is a tiny YOLOv8-shaped graph (output constant + 0 × sum(input)), so the
// inference column is the floor set by preprocessing and one ORT call on a 3×S×S tensor; a real MFD network adds its
// own compute on top. Usage: run.sh [pdf] [pages] [input-size]
var pdf = args.Length > 0 ? args[0] : "/usr/share/doc/texlive-doc/latex/amsmath/amsldoc.pdf";
var maxPages = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
var size = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1024;

var dir = Directory.CreateTempSubdirectory("image-bench-").FullName;
try
{
    const int anchors = 8400;
    var data = new float[6 * anchors];
    for (var i = 0; i < anchors; i++)
    {
        data[i] = 100 + (i % 800);
        data[anchors + i] = 100 + (i % 900);
        data[(2 * anchors) + i] = 60;
        data[(3 * anchors) + i] = 20;
        data[(4 * anchors) + i] = i % 50 == 0 ? 0.9f : 0.01f; // 168 candidates, as a busy page might give
    }

    var model = OnnxGraph.ConstantDetections([1, 6, anchors], data, size, names: "{0: 'inline', 1: 'isolated'}").Save(Path.Combine(dir, "tiny.onnx"));
    // Features (for the no-text-layer rule) come from the cheap parse, which is not what is measured here.
    var features = new List<PageFeatures>();
    using (var doc = PdfDocument.Open(pdf))
    {
        var parser = new SciCurate.Parsers.Pdf.PdfPigPageParser();
        for (var p = 1; p <= Math.Min(maxPages, doc.NumberOfPages); p++)
        {
            var page = doc.GetPage(p);
            features.Add(PageFeatureExtractor.Extract(page, parser.Parse(page)));
        }
    }

    var pageCount = features.Count;
    foreach (var batch in new[] { 1, 16 })
    {
        var options = new ImageDetectorOptions { ModelPath = model, InputSize = size, RenderBatchPages = batch };
        using var detector = new YoloFormulaDetector(model, options);
        detector.Find(new PdftoppmRgbRenderer().Render(pdf, 1, size, TimeSpan.FromSeconds(60)).Image!); // warm-up: JIT, ORT's first run

        var hard = 0;
        var total = Stopwatch.StartNew();
        for (var p = 1; p <= pageCount; p++)
        {
            // Chunks of 16 pages, as curate run hands them to a parse worker.
            var last = Math.Min(pageCount, (((p - 1) / 16) + 1) * 16);
            hard += detector.Detect(features[p - 1], new PageSource(pdf, p, 0, 0, last)).Hard ? 1 : 0;
        }

        var seconds = total.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(pdf)}: {pageCount} pages at {size} px, RenderBatchPages {batch}: {seconds:0.00} s = {pageCount / seconds:0.0} pages/s ({hard} hard)"));
    }

    // Where the time goes, page by page: rendering one page per call, and letterbox + ORT call + decode.
    {
        using var detector = new YoloFormulaDetector(model, new ImageDetectorOptions { ModelPath = model, InputSize = size });
        var renderer = new PdftoppmRgbRenderer();
        double renderMs = 0, inferMs = 0;
        for (var p = 1; p <= pageCount; p++)
        {
            var clock = Stopwatch.StartNew();
            var image = renderer.Render(pdf, p, size, TimeSpan.FromSeconds(60)).Image!;
            renderMs += clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            detector.Verdict(detector.Find(image));
            inferMs += clock.Elapsed.TotalMilliseconds;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  per page: render alone {renderMs / pageCount:0.0} ms, letterbox + inference + decode {inferMs / pageCount:0.0} ms"));
    }
}
finally
{
    Directory.Delete(dir, recursive: true);
}
