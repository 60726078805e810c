using System.Text;
using SciCurate.Parsers.Rendering;
using SciCurate.TestSupport;

namespace SciCurate.Parsers.Tests.Rendering;

public class RgbImageTests
{
    private static byte[] Ppm(string header, params byte[] raster) => [.. Encoding.ASCII.GetBytes(header), .. raster];

    [Fact]
    public void ParsePpm_ReadsHeaderWithComments_AndTheRaster()
    {
        var image = RgbImage.ParsePpm(Ppm("P6\n# made by hand\n2 1\n255\n", 255, 0, 0, 0, 0, 255));

        Assert.Equal((2, 1), (image.Width, image.Height));
        Assert.Equal([255, 0, 0, 0, 0, 255], image.Pixels);
    }

    [Fact]
    public void ParsePpm_ScalesOtherMaximaTo8Bits()
    {
        var sixteen = RgbImage.ParsePpm(Ppm("P6 1 1 65535\n", 0xFF, 0xFF, 0x80, 0x00, 0x00, 0x00));
        var fifteen = RgbImage.ParsePpm(Ppm("P6 1 1 15\n", 15, 0, 7));

        Assert.Equal([255, 128, 0], sixteen.Pixels);
        Assert.Equal([255, 0, 119], fifteen.Pixels);
    }

    [Theory]
    [InlineData("P5\n1 1\n255\n")]
    [InlineData("P6\n2 2\n255\n")]
    [InlineData("P6\n1\n")]
    [InlineData("")]
    public void ParsePpm_RejectsWhatIsNotACompleteP6Image(string header) =>
        Assert.Throws<FormatException>(() => RgbImage.ParsePpm(Ppm(header, 1, 2, 3)));

    [Trait("Category", "Slow")]
    [Fact]
    public void PdftoppmRgbRenderer_ReportsMissingProgramAndBadPage_WithoutThrowing()
    {
        var pdf = TestData.Pdf("base.pdf");

        var missing = new PdftoppmRgbRenderer("/nonexistent/pdftoppm").Render(pdf, 1, 128, TimeSpan.FromSeconds(10));
        var badPage = new PdftoppmRgbRenderer().Render(pdf, 999, 128, TimeSpan.FromSeconds(10));
        var good = new PdftoppmRgbRenderer().Render(pdf, 1, 128, TimeSpan.FromSeconds(10));

        Assert.StartsWith("render failed: cannot start /nonexistent/pdftoppm", missing.Error, StringComparison.Ordinal);
        Assert.StartsWith("render failed: pdftoppm exit code", badPage.Error, StringComparison.Ordinal);
        Assert.Null(good.Error);
        Assert.Equal(128, Math.Max(good.Image!.Width, good.Image.Height));
    }
}
