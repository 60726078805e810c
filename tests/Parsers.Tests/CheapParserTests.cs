using SciCurate.Parsers.Pdf;
using SciCurate.TestSupport;
using UglyToad.PdfPig;

namespace SciCurate.Parsers.Tests;

public class CheapParserTests
{
    private static ParsedPage ParsePage(string path, int pageNo = 1)
    {
        using var doc = PdfOpener.Open(path, new PdfOpenOptions());
        return new PdfPigPageParser().Parse(doc.GetPage(pageNo));
    }

    private static ParsedPage ParsePage(byte[] pdf, int pageNo = 1)
    {
        using var doc = PdfDocument.Open(pdf);
        return new PdfPigPageParser().Parse(doc.GetPage(pageNo));
    }

    private static void AssertInOrder(string text, params string[] parts)
    {
        var at = -1;
        foreach (var part in parts)
        {
            var next = text.IndexOf(part, StringComparison.Ordinal);
            Assert.True(next >= 0, $"missing: {part}");
            Assert.True(next > at, $"out of order: {part}");
            at = next;
        }
    }

    [Fact]
    public void Two_column_journal_page_reads_column_by_column()
    {
        var page = ParsePage(TestData.Pdf("multi_column_miss.pdf"));
        var md = page.Markdown;
        AssertInOrder(md,
            "stakeholders has occurred in other nations",          // top of the left column
            "currently dying from tobacco use each year,",         // bottom of the left column
            "and the industry unblinkingly concurring",            // top of the right column
            "Corporate social responsibility (CSR) emerged from",  // the abstract, left
            "antithetical to social responsibility.",
            "Over the past three decades increasing",              // the body under it, left
            "This paper examines whether a",
            "tobacco company espousing CSR should be judged",      // right column continues the sentence
            "CORPORATE SOCIAL RESPONSIBILITY: THE CONTEXT");
        Assert.DoesNotContain("opportunities for informed adults to consume tobacco products’’1 (translation", md.Replace("“", "‘‘", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Download_stamp_and_journal_footer_are_margin_blocks_not_content()
    {
        var page = ParsePage(TestData.Pdf("multi_column_miss.pdf"));
        Assert.Contains(page.Blocks, b => b.Kind == BlockKind.PageHeader && b.Text.StartsWith("Downloaded from", StringComparison.Ordinal));
        Assert.Contains(page.Blocks, b => b.Kind == BlockKind.PageFooter && b.Text.Contains("www.tobaccocontrol.com", StringComparison.Ordinal));
        Assert.DoesNotContain("Downloaded from", page.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("www.tobaccocontrol.com", page.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void TeX_accents_and_quotes_become_real_characters()
    {
        var md = ParsePage(TestData.Pdf("math_2503_04086.pdf")).Markdown;
        Assert.Contains("We also thank Ján Mináč for his constant encouragement", md, StringComparison.Ordinal);
        Assert.DoesNotContain("´", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_two_columns_read_left_then_right()
    {
        var page = ParsePage(SyntheticPdf.Report("doc-a", pages: 1, twoColumns: true));
        var md = page.Markdown;
        AssertInOrder(md, "Left column of page 1 in doc-a. Line 1.", "Left column of page 1 in doc-a. Line 24.",
            "Right column of page 1 in doc-a. Line 1.", "Right column of page 1 in doc-a. Line 24.");
    }

    [Fact]
    public void Headings_paragraphs_and_hyphenation()
    {
        var page = ParsePage(SyntheticPdf.Report("doc-b", pages: 1));
        var md = page.Markdown;
        Assert.Contains("## Section 1: Results for doc-b\n\n", md, StringComparison.Ordinal);
        Assert.Contains("were consistently within the expected range of the model.\n\nA second paragraph", md, StringComparison.Ordinal);
        Assert.Equal(1, page.PageNo);
    }

    [Fact]
    public void Lists_keep_numbers_and_bullets()
    {
        using var pdf = new SyntheticPdf();
        pdf.AddPage()
            .Text("Steps to follow before the measurement:", 72, 760, 10)
            .Text("1. Calibrate the balance.", 72, 740, 10)
            .Text("2. Weigh the sample twice.", 72, 727, 10)
            .Text("• Record both values.", 72, 714, 10)
            .Text("Then compute the mean of the two readings.", 72, 690, 10)
            .Text("This closes the procedure for every sample.", 72, 677, 10);
        var md = ParsePage(pdf.Build()).Markdown;
        Assert.Contains("1. Calibrate the balance.\n\n2. Weigh the sample twice.", md, StringComparison.Ordinal);
        Assert.Contains("- Record both values.", md, StringComparison.Ordinal);
    }
}
