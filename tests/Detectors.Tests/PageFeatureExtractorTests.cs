namespace SciCurate.Detectors.Tests;

public class PageFeatureExtractorTests
{
    [Fact]
    public void Extract_FindsMathGlyphsAndScripts_OnArxivProofPage()
    {
        var math = TestFiles.Features("math_2503_04086.pdf");
        var prose = TestFiles.Features("multi_column_miss.pdf");

        Assert.Equal(PageFeatureExtractor.Names.Count, math.Values.Length);
        Assert.True(math["math_font_share"] > 0.01, $"math_font_share {math["math_font_share"]}");
        Assert.True(math["log_math_glyphs"] > 3, $"log_math_glyphs {math["log_math_glyphs"]}");
        Assert.True(math["baseline_shift_share"] > prose["baseline_shift_share"]);
        Assert.True(math["math_single_share"] > 0.02, $"math_single_share {math["math_single_share"]}");
        Assert.True(math["math_single_share"] > 3 * prose["math_single_share"]);
        Assert.Equal(0, prose["math_font_share"]);
        Assert.False(math.NoTextLayer);
        Assert.False(prose.NoTextLayer);
    }

    [Theory]
    [InlineData('\u27E8')]
    [InlineData('\u27E9')]
    [InlineData('\u2329')]
    public void Classify_AngleBracket_IsADelimiterNotMath(char bracket)
    {
        // Manuals write ⟨meta⟩ arguments with math-font angle brackets; they must not read as formulas.
        Assert.Equal(PageFeatureExtractor.CharKind.Paren, PageFeatureExtractor.Classify(bracket));
        Assert.Equal(PageFeatureExtractor.CharKind.MathSymbol, PageFeatureExtractor.Classify('\u2264'));
    }

    [Theory]
    [InlineData("Les valeurs mesurées sur cette page sont dans la plage attendue du modèle, et nous avons fait le calcul pour les deux cas avec une méthode qui est plus simple que celle de la section précédente.")]
    [InlineData("Die gemessenen Werte auf dieser Seite liegen im erwarteten Bereich des Modells, und wir haben die Rechnung mit einer Methode gemacht, die einfacher ist als die der vorigen Sektion und auch der Modelle.")]
    [InlineData("The measured values on this page are within the expected range of the model, and we did the calculation for both cases with a method that is simpler than the one in the previous section.")]
    public void Extract_ReadsProseOfSeveralLanguagesAsLanguage(string sentence)
    {
        using var pdf = new SciCurate.TestSupport.SyntheticPdf();
        var page = pdf.AddPage();
        var words = sentence.Split(' ');
        for (var line = 0; line < 30; line++)
        {
            page.Text(string.Join(' ', words.Skip(line * 7 % words.Length).Take(10)), 72, 780 - line * 14, 10);
        }

        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf.Build());
        var p = document.GetPage(1);
        var features = PageFeatureExtractor.Extract(p, new SciCurate.Parsers.Pdf.PdfPigPageParser().Parse(p));

        Assert.True(features["stopword_share"] > 0.2, $"stopword_share {features["stopword_share"]}");
        Assert.True(features["nonword_share"] < 0.05, $"nonword_share {features["nonword_share"]}");
    }

    [Fact]
    public void Extract_ReadsProseAsLanguage_AndShiftedEncodingAsGarbage()
    {
        var prose = TestFiles.Features("multi_column_miss.pdf");
        var garbled = TestFiles.Features("dolma-page-1.pdf");

        Assert.True(prose["stopword_share"] > 0.15, $"prose stopword_share {prose["stopword_share"]}");
        Assert.True(garbled["stopword_share"] < 0.05, $"garbled stopword_share {garbled["stopword_share"]}");
        Assert.True(garbled["nonword_share"] > 5 * prose["nonword_share"]);
        Assert.Contains("garbled_text", HardPageReasons.Explain(garbled));
    }

    [Fact]
    public void Extract_MarksImageOnlyPage_AsNoTextLayer()
    {
        var scan = TestFiles.Features("edgar_image.pdf");

        Assert.True(scan["image_coverage"] > 0.9);
        Assert.True(scan["log_letters"] < 1);
        Assert.True(scan.NoTextLayer);
        Assert.Equal("no_text_layer", HardPageReasons.Explain(scan)[0]);
    }

    [Fact]
    public void Extract_BlankPage_IsNotNoTextLayer()
    {
        var blank = TestFiles.Features("blanktext.pdf");

        Assert.Equal(0, blank["image_coverage"]);
        Assert.False(blank.NoTextLayer);
    }

    [Fact]
    public void Extract_FindsTableAlignment_OnFinancialTable()
    {
        var table = TestFiles.Features("earnings.pdf");
        var prose = TestFiles.Features("multi_column_miss.pdf");

        Assert.True(table["gap_line_share"] > prose["gap_line_share"], $"table {table["gap_line_share"]} prose {prose["gap_line_share"]}");
        Assert.True(table["digit_share"] > prose["digit_share"]);
    }

    [Fact]
    public void IndexOf_UnknownFeature_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => PageFeatureExtractor.IndexOf("no_such_feature"));
        Assert.Contains("no_such_feature", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('∑', PageFeatureExtractor.CharKind.MathSymbol)]
    [InlineData('→', PageFeatureExtractor.CharKind.MathSymbol)]
    [InlineData('α', PageFeatureExtractor.CharKind.Greek)]
    [InlineData('\uFFFD', PageFeatureExtractor.CharKind.Unmapped)]
    [InlineData('\uE001', PageFeatureExtractor.CharKind.Unmapped)]
    [InlineData('e', PageFeatureExtractor.CharKind.Vowel)]
    [InlineData('=', PageFeatureExtractor.CharKind.MathAscii)]
    public void Classify_SortsCodePoints(char c, PageFeatureExtractor.CharKind kind) => Assert.Equal(kind, PageFeatureExtractor.Classify(c));

    [Theory]
    [InlineData("BSBBZI+CMMI10", true)]
    [InlineData("LMMathItalic10-Regular", true)]
    [InlineData("ABCDEF+MSBM10", true)]
    [InlineData("Times-Roman", false)]
    [InlineData("ABCDEF+CMR10", false)]
    public void IsMathFont_KnowsTeXMathFonts(string font, bool expected) => Assert.Equal(expected, PageFeatureExtractor.IsMathFont(font));
}
