using SciCurate.Parsers.Pdf;
using UglyToad.PdfPig.Content;

namespace SciCurate.Detectors;

/// <summary>
/// Features of a parsed page that tell whether its cheap text is trustworthy.
/// The order of <see cref="Values"/> is <see cref="PageFeatureExtractor.Names"/>, versioned by <see cref="PageFeatureExtractor.SchemaVersion"/>.
/// </summary>
public sealed record PageFeatures(float[] Values)
{
    public float this[string name] => Values[PageFeatureExtractor.IndexOf(name)];
}

/// <summary>Computes <see cref="PageFeatures"/> from a PdfPig page and its cheap parse.</summary>
public static class PageFeatureExtractor
{
    public const int SchemaVersion = 1;

    public static readonly IReadOnlyList<string> Names = ["chars", "text_coverage", "image_coverage"];

    public static int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"unknown feature '{name}'", nameof(name));
    }

    public static PageFeatures Extract(Page page, ParsedPage parsed)
    {
        var area = Math.Max(page.Width * page.Height, 1);
        double textArea = 0;
        foreach (var b in parsed.Blocks)
        {
            textArea += Math.Max(0, (b.Right - b.Left) * (b.Top - b.Bottom));
        }

        double imageArea = 0;
        foreach (var image in page.GetImages())
        {
            var r = image.BoundingBox;
            imageArea += Math.Max(0, r.Width * r.Height);
        }

        return new PageFeatures([parsed.CharCount, (float)Math.Min(1, textArea / area), (float)Math.Min(1, imageArea / area)]);
    }
}
