using SciCurate.Parsers.Pdf;
using SciCurate.TestSupport;
using UglyToad.PdfPig;

namespace SciCurate.Parsers.Tests;

/// <summary>Word, line and reading-order mechanisms of the cheap parser, each on a small generated page.</summary>
public class LayoutMechanismTests
{
    private static string Markdown(SyntheticPdf pdf)
    {
        using var doc = PdfDocument.Open(pdf.Build());
        return new PdfPigPageParser().Parse(doc.GetPage(1)).Markdown;
    }

    [Fact]
    public void A_letter_drawn_again_over_itself_is_read_once()
    {
        using var pdf = new SyntheticPdf();
        var page = pdf.AddPage();
        const double x = 72, y = 700, size = 12;
        // "Hello world" with its second 'l' struck twice, a quarter point apart (a double strike or a fill).
        page.Text("Hel", x, y, size)
            .Text("l", x + page.Width("He", size) + 0.25, y, size)
            .Text("lo world", x + page.Width("Hel", size), y, size);
        var md = Markdown(pdf);
        Assert.Contains("Hello world", md, StringComparison.Ordinal);
        Assert.DoesNotContain("Helll", md, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_drawn_twice_over_itself_is_read_once()
    {
        // Diagram labels drawn twice, the second run after the first is finished (a fill, then a stroke of the same
        // text): each letter's twin comes a whole line later in drawing order, not next to it.
        using var pdf = new SyntheticPdf();
        var page = pdf.AddPage();
        page.Text("A paragraph of body text above the diagram, long enough to be a paragraph.", 72, 720, 10)
            .Text("Signed on as ALICE", 100, 650, 10)
            .Text("Signed on as ALICE", 100.03, 650, 10)
            .Text("ENFORCED FOR ALL ACCESS", 100, 620, 11.5, bold: true)
            .Text("ENFORCED FOR ALL ACCESS", 100, 620, 11.5, bold: true);
        var md = Markdown(pdf);
        Assert.Contains("Signed on as ALICE", md, StringComparison.Ordinal);
        Assert.Contains("ENFORCED FOR ALL ACCESS", md, StringComparison.Ordinal);
        Assert.True(md.Split("ALICE").Length == 2 && md.Split("ENFORCED").Length == 2, md);
    }

    [Theory]
    [InlineData("\u0002", "")]
    [InlineData("\uFFFD", "")]
    [InlineData("\uDB62", "")]
    [InlineData("a\u0010", "a")]
    [InlineData("\U0001D465", "\U0001D465")]
    [InlineData("\uE406", "\uE406")]
    public void A_glyph_without_a_unicode_map_yields_no_control_characters(string value, string expected)
    {
        // What a font without a ToUnicode map gives (control characters, U+FFFD, half a surrogate pair) is no text; a
        // whole pair (mathematical italic x) and a private-use symbol (a bullet) are kept.
        Assert.Equal(expected, OrientedGlyphReader.Normalize(value));
    }

    [Fact]
    public void Letters_that_really_repeat_are_kept()
    {
        using var pdf = new SyntheticPdf();
        pdf.AddPage().Text("Committee of books and coffee", 72, 700, 12);
        Assert.Contains("Committee of books and coffee", Markdown(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void A_latin_word_touching_an_arabic_word_is_two_words()
    {
        // As word processors draw it: the Latin word's space on its right, so its left edge touches the next Arabic word.
        using var pdf = new SyntheticPdf(SyntheticPdf.DejaVuSans);
        var page = pdf.AddPage();
        const double size = 14, y = 700, right = 520;
        const string before = "توفر كل من", after = "مكتبات غنية";
        page.RightToLeft(before, right, y, size, drawnInLogicalOrder: true);
        var latinRight = right - page.Width(before, size);
        var latinLeft = latinRight - page.Width("Python ", size);
        page.Text("Python ", latinLeft, y, size)
            .RightToLeft(after, latinLeft, y, size, drawnInLogicalOrder: true);
        var md = Markdown(pdf);
        Assert.Contains("توفر كل من Python مكتبات غنية", md, StringComparison.Ordinal);
    }

    [Fact]
    public void A_caption_label_set_a_quad_from_its_text_stays_with_it()
    {
        using var pdf = new SyntheticPdf();
        var page = pdf.AddPage();
        const double size = 9;
        page.Text("Some body text above the table caption, long enough to be a paragraph of its own here.", 72, 720, 10)
            .Text("Table 1.", 72, 700, size, bold: true)
            .Text("Scores of the three models on the held-out set.", 72 + page.Width("Table 1.", size) + 14, 700, size)
            .Text("The second line of the caption goes on under the first one.", 72, 689, size);
        var md = Markdown(pdf);
        Assert.True(md.Contains("Table 1. Scores of the three models", StringComparison.Ordinal), md);
    }

    [Fact]
    public void A_form_of_labels_beside_wrapped_values_is_read_row_by_row()
    {
        using var pdf = new SyntheticPdf();
        var page = pdf.AddPage();
        var y = 700.0;
        for (var row = 1; row <= 5; row++)
        {
            page.Text($"Label number {row} of the form", 72, y, 10);
            for (var k = 1; k <= 3; k++)
            {
                page.Text($"value {row} wrapped over line {k}" + (k == 3 ? "" : " of three, a longer one"), 300, y - (k - 1) * 12, 10);
            }

            y -= 52;
        }

        var md = Markdown(pdf);
        for (var row = 1; row <= 5; row++)
        {
            var label = md.IndexOf($"Label number {row} of", StringComparison.Ordinal);
            var value = md.IndexOf($"value {row} wrapped over line 3", StringComparison.Ordinal);
            Assert.True(label >= 0 && value > label, $"row {row}: label at {label}, value at {value}\n{md}");
            if (row < 5)
            {
                Assert.True(value < md.IndexOf($"Label number {row + 1} of", StringComparison.Ordinal), md);
            }
        }
    }

    [Fact]
    public void A_line_jutting_into_a_wide_gutter_stays_in_its_column()
    {
        // A questionnaire spread: two columns 80 points apart; a fill-in rule of underscores on the left runs 20 points
        // into the gutter. It belongs to the left column and must not cut the page into bands read across. The right
        // column is set half a line lower, so no row lines up across the gutter.
        using var pdf = new SyntheticPdf();
        var page = pdf.AddPage();
        const string left = "Left question text of the first column, ", answer = "Left answer text of the first column, ";
        var columnRight = 40 + page.Width(left + "Line 12.", 10);
        var fillIn = "Other (please specify) ";
        while (40 + page.Width(fillIn, 10) < columnRight + 25)
        {
            fillIn += "_";
        }

        page.Column(40, 760, left, 12)
            .Text(fillIn, 40, 760 - 12 * 13, 10)
            .Column(40, 760 - 13 * 13, answer, 12)
            .Column(columnRight + 100, 753.5, "Right question text ", 25);
        var md = Markdown(pdf);
        var lastLeft = md.IndexOf(answer + "Line 12.", StringComparison.Ordinal);
        var firstRight = md.IndexOf("Right question text Line 1.", StringComparison.Ordinal);
        var rule = md.IndexOf("Other (please specify)", StringComparison.Ordinal);
        Assert.True(lastLeft >= 0 && firstRight > lastLeft, md);
        Assert.True(rule < lastLeft && rule > md.IndexOf(left + "Line 12.", StringComparison.Ordinal), md);
    }
}
