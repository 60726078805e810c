using SciCurate.Parsers.Pdf;
using SciCurate.TestSupport;
using UglyToad.PdfPig;

namespace SciCurate.Parsers.Tests;

public class RightToLeftTests
{
    private const string Arabic = "إيجاد حلول فعالة للمشكلات";
    private const string Hebrew = "שלום עולם ומלואו";

    [Theory]
    [InlineData("ةلاعف لولح داجيإ", "إيجاد حلول فعالة")]
    [InlineData("2020 ماع يف", "في عام 2020")]
    [InlineData("Python و R ةغلب ةجمربلا", "البرمجة بلغة R و Python")]
    [InlineData("םלוע םולש", "שלום עולם")]
    [InlineData("plain left to right", "plain left to right")]
    public void Visual_order_becomes_logical_order(string visual, string logical) =>
        Assert.Equal(logical, UnicodeBidi.VisualToLogical(visual));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Arabic_and_Hebrew_lines_come_out_in_logical_order_however_they_were_drawn(bool drawnInLogicalOrder)
    {
        using var pdf = new SyntheticPdf(SyntheticPdf.DejaVuSans);
        pdf.AddPage()
            .RightToLeft(Arabic, 520, 700, 14, drawnInLogicalOrder)
            .RightToLeft(Hebrew, 520, 660, 14, drawnInLogicalOrder);
        using var doc = PdfDocument.Open(pdf.Build());
        var md = new PdfPigPageParser().Parse(doc.GetPage(1)).Markdown;
        Assert.Contains(Arabic, md, StringComparison.Ordinal);
        Assert.Contains(Hebrew, md, StringComparison.Ordinal);
    }
}
