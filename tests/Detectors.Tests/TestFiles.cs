using SciCurate.Detectors;
using SciCurate.Parsers.Pdf;
using UglyToad.PdfPig;

namespace SciCurate.Detectors.Tests;

/// <summary>The one way tests reach committed files: PDFs in data/ and the repository's shipped model.</summary>
internal static class TestFiles
{
    public static string Pdf(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    /// <summary>The repository root (one helper for every test project: <see cref="SciCurate.TestSupport.TestData"/>).</summary>
    public static string RepoRoot => SciCurate.TestSupport.TestData.RepoRoot;

    public static string ShippedModel => Path.Combine(RepoRoot, "configs", "models", "hard_page_detector.onnx");

    public static PageFeatures Features(string name, int page = 1)
    {
        using var doc = PdfDocument.Open(Pdf(name));
        var p = doc.GetPage(page);
        return PageFeatureExtractor.Extract(p, new PdfPigPageParser().Parse(p));
    }
}
