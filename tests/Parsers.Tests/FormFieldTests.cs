using System.Text;
using SciCurate.Parsers.Pdf;
using SciCurate.Parsers.Pdf.Forms;
using SciCurate.TestSupport;
using UglyToad.PdfPig;

namespace SciCurate.Parsers.Tests;

/// <summary>Filled AcroForms (written object by object): the values a user typed reach the page text, once, where they sit.</summary>
public class FormFieldTests
{
    private static AssembledDocument Assemble(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        var form = AcroFormValueReader.Read(doc);
        var parser = new PdfPigPageParser();
        return DocumentAssembler.Assemble([.. doc.GetPages().Select(p => parser.Parse(p, form.OnPage(p.Number))).Select(p => new PageContent(p.PageNo, p.Height, p.Blocks))]);
    }

    /// <summary>A page of printed prose above a form: the labels are page text, the values only in the fields.</summary>
    private static string Prose()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 8; i++)
        {
            sb.Append(RawPdf.Text($"Applicants fill in every box of this application before line {i + 1} is signed.", 72, 740 - 14 * i));
        }

        return sb.ToString();
    }

    private static string TextField(string name, string value, string rect, string extra = "") =>
        $"<< /FT /Tx /T ({name}) /V ({value}) /Type /Annot /Subtype /Widget /Rect [{rect}] {extra}>>";

    [Fact]
    public void Typed_values_are_read_beside_their_printed_labels_in_reading_order()
    {
        var pdf = new RawPdf();
        var name = pdf.Add(TextField("f1_01[0]", "Jane Doe", "150 595 400 612"));
        var birth = pdf.Add(TextField("f1_02[0]", "1990-04-02", "150 565 400 582"));
        var notes = pdf.Add(TextField("f1_03[0]", "First line of the note.\rSecond line of the note.", "150 480 500 550", "/Ff 4096 "));
        pdf.AddPage(Prose() + RawPdf.Text("Name:", 72, 600) + RawPdf.Text("Date of birth:", 72, 570) + RawPdf.Text("Notes:", 72, 540)
            + RawPdf.Text("Signed in the presence of the clerk of the registry office.", 72, 300), name, birth, notes);
        pdf.AcroForm = $"<< /Fields [{name} 0 R {birth} 0 R {notes} 0 R] >>";

        var md = Assemble(pdf.Build()).Markdown;

        Assert.Contains("Name: Jane Doe", md, StringComparison.Ordinal);
        Assert.Contains("Date of birth: 1990-04-02", md, StringComparison.Ordinal);
        Assert.Contains("First line of the note.", md, StringComparison.Ordinal);
        Assert.Contains("Second line of the note.", md, StringComparison.Ordinal);
        Assert.True(md.IndexOf("Jane Doe", StringComparison.Ordinal) < md.IndexOf("1990-04-02", StringComparison.Ordinal));
        Assert.True(md.IndexOf("Second line of the note.", StringComparison.Ordinal) < md.IndexOf("Signed in the presence", StringComparison.Ordinal));
        // Internal field names are not words of the document.
        Assert.DoesNotContain("f1_0", md, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checked_box_is_marked_and_an_unchecked_one_adds_nothing()
    {
        var pdf = new RawPdf();
        var single = pdf.Add("<< /FT /Btn /T (single) /V /Off /AS /Off /Type /Annot /Subtype /Widget /Rect [72 597 82 607] >>");
        var married = pdf.Add("<< /FT /Btn /T (married) /V /Yes /AS /Yes /Type /Annot /Subtype /Widget /Rect [172 597 182 607] >>");
        // A radio group: the parent holds the value, each kid widget its own appearance state.
        var group = pdf.Reserve();
        var left = pdf.Add($"<< /Parent {group} 0 R /AS /Off /Type /Annot /Subtype /Widget /Rect [72 567 82 577] >>");
        var right = pdf.Add($"<< /Parent {group} 0 R /AS /Part#20time /Type /Annot /Subtype /Widget /Rect [172 567 182 577] >>");
        pdf.Set(group, $"<< /FT /Btn /Ff 49152 /T (hours) /V /Part#20time /Kids [{left} 0 R {right} 0 R] >>");
        pdf.AddPage(Prose() + RawPdf.Text("Single", 86, 600) + RawPdf.Text("Married", 186, 600)
            + RawPdf.Text("Full time", 86, 570) + RawPdf.Text("Part time", 186, 570), single, married, left, right);
        pdf.AcroForm = $"<< /Fields [{single} 0 R {married} 0 R {group} 0 R] >>";

        var md = Assemble(pdf.Build()).Markdown;

        Assert.Contains("[x] Married", md, StringComparison.Ordinal);
        Assert.Contains("[x] Part time", md, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(md, "[x]"));
        Assert.DoesNotContain("[ ]", md, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_the_page_already_draws_in_its_box_is_written_once()
    {
        var pdf = new RawPdf();
        var name = pdf.Add(TextField("name", "Jane Doe", "150 595 400 612"));
        // A flattened copy: the value printed into the page content inside the widget's box.
        pdf.AddPage(Prose() + RawPdf.Text("Name:", 72, 600) + RawPdf.Text("Jane Doe", 152, 600), name);
        pdf.AcroForm = $"<< /Fields [{name} 0 R] >>";

        var md = Assemble(pdf.Build()).Markdown;

        Assert.Contains("Name:", md, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(md, "Jane Doe"));
    }

    [Fact]
    public void A_value_without_a_box_follows_its_page_with_its_label_and_a_field_on_two_pages_is_written_once()
    {
        var pdf = new RawPdf();
        var noBox = pdf.Add("<< /FT /Tx /T (applicant) /TU (Full name of the applicant) /V (Jane Doe) >>");
        var shared = pdf.Reserve();
        var onFirst = pdf.Add($"<< /Parent {shared} 0 R /Type /Annot /Subtype /Widget /Rect [150 595 400 612] >>");
        var onSecond = pdf.Add($"<< /Parent {shared} 0 R /Type /Annot /Subtype /Widget /Rect [150 595 400 612] >>");
        pdf.Set(shared, $"<< /FT /Tx /T (case) /V (Case 2024-117) /Kids [{onFirst} 0 R {onSecond} 0 R] >>");
        pdf.AddPage(Prose() + RawPdf.Text("Reference:", 72, 600), onFirst);
        pdf.AddPage(Prose() + RawPdf.Text("Reference:", 72, 600), onSecond);
        pdf.AcroForm = $"<< /Fields [{noBox} 0 R {shared} 0 R] >>";

        var doc = Assemble(pdf.Build());

        Assert.Equal(1, CountOf(doc.Markdown, "Case 2024-117"));
        Assert.Contains("Reference: Case 2024-117", doc.PageMarkdown[0], StringComparison.Ordinal);
        // A field without a widget on any page is not shown by a viewer either.
        Assert.DoesNotContain("Jane Doe", doc.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_widget_without_a_rectangle_gives_a_label_and_value_line_at_the_end_of_its_page()
    {
        var pdf = new RawPdf();
        var noRect = pdf.Add("<< /FT /Tx /T (applicant) /TU (Full name of the applicant) /V (Jane Doe) /Type /Annot /Subtype /Widget >>");
        var secret = pdf.Add(TextField("pin", "4711", "150 565 400 582", "/Ff 8192 "));
        pdf.AddPage(Prose() + RawPdf.Text("PIN:", 72, 570), noRect, secret);
        pdf.AcroForm = $"<< /Fields [{noRect} 0 R {secret} 0 R] >>";

        var md = Assemble(pdf.Build()).Markdown;

        Assert.EndsWith("Full name of the applicant: Jane Doe", md, StringComparison.Ordinal);
        // A password field shows dots to a reader; its value is never written.
        Assert.DoesNotContain("4711", md, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostile_form_with_a_loop_a_deep_tree_and_many_fields_costs_a_bounded_walk_and_keeps_the_sane_field()
    {
        var pdf = new RawPdf();
        var sane = pdf.Add(TextField("name", "Jane Doe", "150 595 400 612"));
        // A loop: two fields that are each other's kids.
        var a = pdf.Reserve();
        var b = pdf.Add($"<< /T (b) /Kids [{a} 0 R] >>");
        pdf.Set(a, $"<< /T (a) /Kids [{b} 0 R] >>");
        // A chain 20,000 fields deep (recursion over it overflows the stack of a reader without a bound).
        var deep = pdf.Reserve();
        var next = deep;
        for (var i = 0; i < 20_000; i++)
        {
            var child = pdf.Reserve();
            pdf.Set(next, $"<< /T (d{i}) /Kids [{child} 0 R] >>");
            next = child;
        }

        pdf.Set(next, TextField("bottom", "Too deep to reach", "150 400 400 420"));
        // 100,000 widgets of one field, more than any real form has.
        var many = string.Join(' ', Enumerable.Repeat($"{sane} 0 R", 100_000));
        var wide = pdf.Add($"<< /FT /Tx /T (wide) /V (Wide value) /Kids [{many}] >>");
        pdf.AddPage(Prose() + RawPdf.Text("Name:", 72, 600), sane);
        pdf.AcroForm = $"<< /Fields [{sane} 0 R {a} 0 R {deep} 0 R {wide} 0 R] >>";

        using var doc = PdfDocument.Open(pdf.Build());
        var form = AcroFormValueReader.Read(doc);

        var values = form.OnPage(1);
        Assert.Contains(values, v => v.Text == "Jane Doe");
        Assert.DoesNotContain(values, v => v.Text == "Too deep to reach");
        Assert.True(values.Count <= 2);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
