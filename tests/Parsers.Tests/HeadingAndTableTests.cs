using SciCurate.Parsers.Pdf;
using SciCurate.TestSupport;
using UglyToad.PdfPig;

namespace SciCurate.Parsers.Tests;

public class HeadingAndTableTests
{
    private static ParsedPage Parse(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        return new PdfPigPageParser().Parse(doc.GetPage(1));
    }

    [Fact]
    public void Numbered_bold_headings_are_marked_with_their_level_and_never_merged_into_the_paragraph()
    {
        using var pdf = new SyntheticPdf();
        var page = pdf.AddPage();
        page.Text("1.", 72, 760, 10, bold: true).Text("Introduction", 100, 760, 10, bold: true);
        page.Text("We have chosen the public data set to study the question, since it is diverse.", 72, 745, 10);
        page.Text("It is evident that the method works on every split of the data we tried.", 72, 732, 10);
        page.Text("2.1 Hyper Parameter Optimization", 72, 700, 10, bold: true);
        page.Text("The parameters were searched on a grid of twelve values for each of the three.", 72, 685, 10);
        page.Text("The best configuration was kept for all later experiments in this paper.", 72, 672, 10);
        var md = Parse(pdf.Build()).Markdown;
        Assert.Contains("## 1. Introduction\n\nWe have chosen", md, StringComparison.Ordinal);
        Assert.Contains("### 2.1 Hyper Parameter Optimization\n\nThe parameters", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Footnote_marks_and_rotated_letters_are_not_headings()
    {
        Assert.False(BlockBuilder.HeadingText("12To"));
        Assert.False(BlockBuilder.HeadingText("r e b m u n e v a w"));
        Assert.False(BlockBuilder.HeadingText("x = 2y + 3"));
        Assert.False(BlockBuilder.HeadingText("jane.doe@example.org"));
        Assert.True(BlockBuilder.HeadingText("5.1 Hyper Parameter Optimization"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_table_with_or_without_rulings_becomes_a_markdown_table(bool rulings)
    {
        using var pdf = new SyntheticPdf();
        var page = pdf.AddPage();
        page.Text("The results of the three models are shown in the table below, one per row.", 72, 760, 10);
        string[][] rows = [["Model", "Params", "Score"], ["Small", "12M", "0.81"], ["Base", "110M", "0.87"], ["Large", "340M", "0.91"]];
        for (var r = 0; r < rows.Length; r++)
        {
            var y = 720 - r * 18;
            page.Text(rows[r][0], 80, y, 10).Text(rows[r][1], 220, y, 10).Text(rows[r][2], 360, y, 10);
            if (rulings)
            {
                page.Rule(72, y + 13, 420, y + 13);
            }
        }

        if (rulings)
        {
            page.Rule(72, 720 - 4 * 18 + 13, 420, 720 - 4 * 18 + 13);
            foreach (var x in new[] { 72.0, 210, 350, 420 })
            {
                page.Rule(x, 733, x, 720 - 4 * 18 + 13);
            }
        }

        page.Text("The largest model scores best, as the table shows for every split we used.", 72, 620, 10);
        var parsed = Parse(pdf.Build());
        var md = parsed.Markdown;
        Assert.Contains("| Model | Params | Score |\n| - | - | - |\n| Small | 12M | 0.81 |\n| Base | 110M | 0.87 |\n| Large | 340M | 0.91 |", md, StringComparison.Ordinal);
        Assert.Equal(0, parsed.UnclearTables);
        Assert.True(md.IndexOf("shown in the table", StringComparison.Ordinal) < md.IndexOf("| Model", StringComparison.Ordinal));
        Assert.True(md.IndexOf("| Model", StringComparison.Ordinal) < md.IndexOf("The largest model", StringComparison.Ordinal));
    }

    [Fact]
    public void Prose_in_two_columns_is_not_a_table()
    {
        var parsed = Parse(SyntheticPdf.Report("doc-t", pages: 1, twoColumns: true));
        Assert.DoesNotContain(parsed.Blocks, b => b.Kind == BlockKind.Table);
    }
}
