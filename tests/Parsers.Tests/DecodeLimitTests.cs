using SciCurate.Parsers.Pdf;
using SciCurate.TestSupport;
using UglyToad.PdfPig;

namespace SciCurate.Parsers.Tests;

/// <summary>Pdf:MaxDecodedMegabytes: every decoded stream, fonts included, is held to the limit (issue 15).</summary>
public class DecodeLimitTests
{
    private static readonly PdfOpenOptions FourMegabytes = new() { MaxDecodedMegabytes = 4 };

    /// <summary>Opens the file and reads every page as the parse worker does; returns the document's decode verdict.</summary>
    private static string? ParseAll(string path, PdfOpenOptions options)
    {
        using var doc = PdfOpener.Open(path, options);
        for (var n = 1; n <= doc.NumberOfPages; n++)
        {
            try
            {
                _ = new PdfPigPageParser().Parse(doc.GetPage(n));
            }
            catch (PdfDecodeLimitException)
            {
                // The worker records a page that throws as failed and then asks the document, as here.
            }
        }

        return PdfOpener.DecodeLimitExceeded(doc);
    }

    [Theory]
    [InlineData(BombPdf.Where.Content)]
    [InlineData(BombPdf.Where.Font)]
    public void Bomb_FailsItsDocument_NamingTheLimit(BombPdf.Where where)
    {
        using var dir = TestData.NewTempDir();
        var path = dir.File($"bomb-{where}.pdf");
        File.WriteAllBytes(path, BombPdf.Build(64L << 20, where));

        var reason = ParseAll(path, FourMegabytes);

        Assert.Equal("too large when decoded: a FlateDecode stream decodes to more than 4 MB (Pdf:MaxDecodedMegabytes)", reason);
    }

    [Fact]
    public void FontBomb_WithoutTheLimit_IsSkippedSilentlyByTheLibrary()
    {
        // Why the verdict is kept beside the document: PdfPig swallows a font that fails to decode, so the page
        // parses "ok". The limit must still see it.
        using var dir = TestData.NewTempDir();
        var path = dir.File("bomb-font.pdf");
        File.WriteAllBytes(path, BombPdf.Build(64L << 20, BombPdf.Where.Font));
        using var doc = PdfOpener.Open(path, FourMegabytes);

        var text = doc.GetPage(1).Text;

        Assert.Equal("Hello bomb", text);
        Assert.NotNull(PdfOpener.DecodeLimitExceeded(doc));
    }

    [Fact]
    public void StreamJustUnderTheLimit_Parses()
    {
        using var dir = TestData.NewTempDir();
        var path = dir.File("big.pdf");
        File.WriteAllBytes(path, BombPdf.Build(3L << 20, BombPdf.Where.Content));

        Assert.Null(ParseAll(path, FourMegabytes));
    }

    [Fact]
    public void RealDocuments_ReadExactlyAsTheLibraryReadsThem()
    {
        // The bounded inflater replaces PdfPig's FlateDecode: its output must be the library's, byte for byte.
        var files = Directory.GetFiles(System.IO.Path.Combine(TestData.Dir, "pdf"), "*.pdf").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var compared = 0;
        foreach (var file in files)
        {
            string plain;
            try
            {
                using var reference = PdfDocument.Open(file, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
                plain = string.Join("\f", reference.GetPages().Select(p => p.Text));
            }
            catch (Exception)
            {
                continue; // encrypted or broken on purpose
            }

            using var bounded = PdfOpener.Open(file, new PdfOpenOptions());
            Assert.Equal(plain, string.Join("\f", bounded.GetPages().Select(p => p.Text)));
            Assert.Null(PdfOpener.DecodeLimitExceeded(bounded));
            compared++;
        }

        Assert.True(compared >= 3, $"only {compared} documents compared");
    }
}
