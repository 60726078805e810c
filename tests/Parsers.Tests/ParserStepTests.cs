using SciCurate.Parsers.Pdf;
using SciCurate.TestSupport;
using UglyToad.PdfPig;

namespace SciCurate.Parsers.Tests;

/// <summary>The cheap parser's steps on their own: rotated pages, drawn spaces, contact lines.</summary>
public class ParserStepTests
{
    private static byte[] Prose(int rotate)
    {
        using var pdf = new SyntheticPdf();
        var page = pdf.AddPage().Rotate(rotate);
        page.Text("Edgar was King of the English", 72, 780, 16, bold: true);
        for (var i = 0; i < 30; i++)
        {
            page.Text($"Body line {i + 1} tells of the reign in ordinary running prose words.", 72, 740 - i * 14, 10);
        }

        return pdf.Build();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public void Parse_ReadsEveryLineInOrder_WhenThePageIsRotated(int rotate)
    {
        using var doc = PdfDocument.Open(Prose(rotate));
        var page = new PdfPigPageParser().Parse(doc.GetPage(1));
        var text = string.Join("\n", page.Blocks.Where(b => !MarkdownComposer.IsMargin(b.Kind)).Select(b => b.Text));
        var at = -1;
        foreach (var part in new[] { "Edgar was King of the English", "Body line 1 tells", "Body line 15 tells", "Body line 30 tells of the reign" })
        {
            var next = text.IndexOf(part, StringComparison.Ordinal);
            Assert.True(next > at, $"missing or out of order at /Rotate {rotate}: {part}");
            at = next;
        }
    }

    private static Glyph Letter(string value, double left, double width = 5, bool spaceBefore = false) =>
        new(value, left, left + width, 0, 10, 0, 10, false, false) { SpaceBefore = spaceBefore };

    [Fact]
    public void Extract_StartsAWord_WhereASpaceWasDrawn_EvenIfTheGapIsTight()
    {
        // "a, b": the gap after the comma is 0.1 em, below the gap rule's 0.16 em; only the drawn space tells.
        var drawn = new GlyphGapWordExtractor(new PdfPigPageParserOptions()).Extract([Letter("a", 0), Letter(",", 5, 2), Letter("b", 8, spaceBefore: true)]);
        Assert.Equal(["a,", "b"], drawn.Select(w => w.Text));
        var undrawn = new GlyphGapWordExtractor(new PdfPigPageParserOptions()).Extract([Letter("a", 0), Letter(",", 5, 2), Letter("b", 8)]);
        Assert.Equal(["a,b"], undrawn.Select(w => w.Text));
    }

    [Fact]
    public void Extract_StartsAWord_AfterACommaBeforeALetter_WhereATightLineShrankTheSpace()
    {
        // pdfTeX draws no spaces; a justified line shrank the one after the comma to 0.13 em, below the 0.16 em rule.
        var tight = new GlyphGapWordExtractor(new PdfPigPageParserOptions()).Extract([Letter("m", 0), Letter(",", 5, 2), Letter("t", 8.3), Letter("h", 13.3), Letter("e", 18.3, 4)]);
        Assert.Equal(["m,", "the"], tight.Select(w => w.Text));
        // The same gap between letters is inside a word, and a comma set without a gap (a math "i,j") joins.
        var letters = new GlyphGapWordExtractor(new PdfPigPageParserOptions()).Extract([Letter("a", 0), Letter("b", 6.3)]);
        Assert.Equal(["ab"], letters.Select(w => w.Text));
        var math = new GlyphGapWordExtractor(new PdfPigPageParserOptions()).Extract([Letter("i", 0, 3), Letter(",", 3, 2), Letter("j", 5, 3)]);
        Assert.Equal(["i,j"], math.Select(w => w.Text));
    }

    [Fact]
    public void Extract_KeepsLettersTogether_WhenADrawnSpaceLeavesNoRoom()
    {
        // A producer's space between touching letters (a symbol and its subscript) is not a word break.
        var words = new GlyphGapWordExtractor(new PdfPigPageParserOptions()).Extract([Letter("ε", 0), Letter("0", 5.2, spaceBefore: true)]);
        Assert.Equal(["ε0"], words.Select(w => w.Text));
    }

    [Fact]
    public void Extract_StartsAWord_AtADrawnSpace_WhenTheFontsBoxesOverlapTheirNeighbours()
    {
        // Hangul from a word processor: each box is 7.4 wide on a 6.2 advance, so letters overlap by 1.2 and the drawn
        // space leaves a gap of only 0.3, yet 1.5 more than the letters leave each other.
        var words = new GlyphGapWordExtractor(new PdfPigPageParserOptions()).Extract(
            [Letter("높", 0, 7.4), Letter("거", 6.2, 7.4), Letter("나", 12.4, 7.4), Letter("집", 20.1, 7.4, spaceBefore: true), Letter("단", 26.3, 7.4)]);
        Assert.Equal(["높거나", "집단"], words.Select(w => w.Text));
    }

    [Theory]
    [InlineData("farbod4ever@gmail.com :نويسنده رابط", true)]
    [InlineData("Corresponding author: jane.doe@example.org", true)]
    [InlineData("Jane Doe <jane@example.org>", true)]
    [InlineData("Email bug reports to tex-k@mail.tug.org.", false)]
    [InlineData(@"66 \csname ver@protecteddef.sty\endcsname", false)]
    [InlineData("The model was trained on 8 GPUs @2.45 GHz for a week.", false)]
    public void IsAddressLabel_MatchesAnAddressWithALabel_NotSentencesOrCode(string text, bool expected) =>
        Assert.Equal(expected, DocumentAssembler.IsAddressLabel(text));

    [Fact]
    public void Assemble_DropsAContactLineInTheMiddleOfAPage_AndKeepsTheProseAroundIt()
    {
        using var pdf = new SyntheticPdf();
        var page = pdf.AddPage();
        for (var i = 0; i < 20; i++)
        {
            page.Text($"Abstract line {i + 1} says what the study found in plain words.", 72, 760 - i * 14, 10);
        }

        page.Text("Corresponding author: jane.doe@example.org", 72, 400, 9);
        page.Text("The introduction starts here and runs on as ordinary prose.", 72, 370, 10);
        using var doc = PdfDocument.Open(pdf.Build());
        var parsed = new PdfPigPageParser().Parse(doc.GetPage(1));
        var assembled = DocumentAssembler.Assemble([new PageContent(parsed.PageNo, parsed.Height, parsed.Blocks)]);
        Assert.DoesNotContain("jane.doe@example.org", assembled.Markdown, StringComparison.Ordinal);
        Assert.Contains("Abstract line 20 says", assembled.Markdown, StringComparison.Ordinal);
        Assert.Contains("The introduction starts here", assembled.Markdown, StringComparison.Ordinal);
    }
    [Theory]
    [InlineData("Corresponding author: jane.doe@example.org", "Corresponding author: jane.doe@example.org", "")]
    [InlineData("Oxford University, UK jane.doe@ox.ac.uk", "jane.doe@ox.ac.uk", "Oxford University, UK")]
    [InlineData("farbod4ever@gmail.com :نويسنده رابط", "farbod4ever@gmail.com :نويسنده رابط", "")]
    [InlineData("address: a.b@fis.mx ‡Electronic", "address: a.b@fis.mx", "‡Electronic")]
    public void SplitContact_TakesTheAddressAndItsLabel_AndLeavesOtherWords(string text, string contact, string kept) =>
        Assert.Equal(new DocumentAssembler.ContactSplit(contact, kept), DocumentAssembler.SplitContact(text));

    [Fact]
    public void Assemble_KeepsAnAffiliationSetOnOneLineWithAnAddress()
    {
        using var pdf = new SyntheticPdf();
        var page = pdf.AddPage();
        page.Text("Probabilistic Documents via Markov Chains", 72, 780, 16);
        page.Text("Oxford University, UK jane.doe@ox.ac.uk", 72, 750, 10);
        for (var i = 0; i < 20; i++)
        {
            page.Text($"Abstract line {i + 1} says what the study found in plain words.", 72, 700 - i * 14, 10);
        }

        using var doc = PdfDocument.Open(pdf.Build());
        var parsed = new PdfPigPageParser().Parse(doc.GetPage(1));
        var assembled = DocumentAssembler.Assemble([new PageContent(parsed.PageNo, parsed.Height, parsed.Blocks)]);
        Assert.DoesNotContain("jane.doe@ox.ac.uk", assembled.Markdown, StringComparison.Ordinal);
        Assert.Contains("Oxford University, UK", assembled.Markdown, StringComparison.Ordinal);
        Assert.Contains(assembled.Removed, r => r.Reason == FurnitureReason.ContactLine && r.Text == "jane.doe@ox.ac.uk");
    }
}
