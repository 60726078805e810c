using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace SciCurate.TestSupport;

/// <summary>
/// Builds PDFs with a text layer in code (PdfPig's writer, Standard 14 fonts), so a test knows exactly what each page
/// says and where: headings, paragraphs broken by hyphenation, lists, two columns, running headers and page numbers.
/// </summary>
public sealed class SyntheticPdf : IDisposable
{
    private readonly PdfDocumentBuilder _builder = new();
    private readonly PdfDocumentBuilder.AddedFont _regular;
    private readonly PdfDocumentBuilder.AddedFont _bold;

    public SyntheticPdf()
    {
        _regular = _builder.AddStandard14Font(Standard14Font.Helvetica);
        _bold = _builder.AddStandard14Font(Standard14Font.HelveticaBold);
    }

    /// <summary>A document whose text is set in an embedded TrueType font (for scripts the Standard 14 fonts lack: Arabic, Hebrew).</summary>
    public SyntheticPdf(string trueTypeFont)
    {
        _regular = _builder.AddTrueTypeFont(File.ReadAllBytes(trueTypeFont));
        _bold = _regular;
    }

    /// <summary>DejaVu Sans (Debian's fonts-dejavu-core): Latin, Arabic and Hebrew letters in one font.</summary>
    public const string DejaVuSans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    public const double Width = 595, Height = 842;

    public PageWriter AddPage() => new(_builder.AddPage(PageSize.A4), _regular, _bold);

    public byte[] Build() => _builder.Build();

    public void Save(string path) => File.WriteAllBytes(path, Build());

    public void Dispose() => _builder.Dispose();

    /// <summary>
    /// A document of <paramref name="pages"/> pages: a running header and page number on every page, a heading and
    /// two paragraphs of <paramref name="tag"/>-stamped prose per page, the first paragraph hyphenated across a line.
    /// </summary>
    public static byte[] Report(string tag, int pages, bool twoColumns = false)
    {
        using var pdf = new SyntheticPdf();
        for (var p = 1; p <= pages; p++)
        {
            var page = pdf.AddPage();
            page.Text("Journal of Synthetic Results, Volume 7", 72, 800, 8);
            if (twoColumns)
            {
                page.Column(72, 740, $"Left column of page {p} in {tag}. ", 24);
                page.Column(320, 740, $"Right column of page {p} in {tag}. ", 24);
            }
            else
            {
                page.Text($"Section {p}: Results for {tag}", 72, 740, 14, bold: true);
                page.Text($"The measured values on page {p} of {tag} were consis-", 72, 710, 10);
                page.Text("tently within the expected range of the model.", 72, 697, 10);
                page.Text($"A second paragraph on page {p} closes the section about {tag}.", 72, 670, 10);
            }

            page.Text(p.ToString(System.Globalization.CultureInfo.InvariantCulture), 290, 40, 9);
        }

        return pdf.Build();
    }

    /// <summary>Pages full of small text (60 lines of 14 words): slow to parse, for time-limit tests.</summary>
    public static byte[] Dense(int pages)
    {
        using var pdf = new SyntheticPdf();
        for (var p = 1; p <= pages; p++)
        {
            var page = pdf.AddPage();
            for (var i = 0; i < 60; i++)
            {
                page.Text($"Line {i} of page {p}: alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu.", 40, 800 - i * 12.5, 9);
            }
        }

        return pdf.Build();
    }

    public sealed class PageWriter(PdfPageBuilder page, PdfDocumentBuilder.AddedFont regular, PdfDocumentBuilder.AddedFont boldFont)
    {
        /// <summary>Sets the page's /Rotate: its content is drawn as usual and a viewer turns the whole page.</summary>
        public PageWriter Rotate(int degrees)
        {
            page.SetRotation(new PageRotationDegrees(degrees));
            return this;
        }

        public PageWriter Text(string text, double x, double y, double size, bool bold = false)
        {
            page.AddText(text, size, new PdfPoint(x, y), bold ? boldFont : regular);
            return this;
        }

        /// <summary>
        /// Right-to-left text ending at <paramref name="right"/>. <paramref name="drawnInLogicalOrder"/>: each letter is
        /// drawn on its own from right to left, in the order it is written (as most producers do); otherwise the line is
        /// drawn left to right in visual order (reversed letters), as some producers write it.
        /// </summary>
        public PageWriter RightToLeft(string text, double right, double y, double size, bool drawnInLogicalOrder)
        {
            if (!drawnInLogicalOrder)
            {
                var visual = new string(text.Reverse().ToArray());
                var width = Advance(visual, size, y);
                page.AddText(visual, size, new PdfPoint(right - width, y), regular);
                return this;
            }

            var x = right;
            foreach (var c in text)
            {
                var letter = c.ToString();
                var w = Advance(letter, size, y);
                x -= w;
                page.AddText(letter, size, new PdfPoint(x, y), regular);
            }

            return this;
        }

        /// <summary>How far <paramref name="text"/> advances in the regular font at <paramref name="size"/>.</summary>
        public double Width(string text, double size) => Advance(text, size, 0);

        private double Advance(string text, double size, double y)
        {
            var letters = page.MeasureText(text, size, new PdfPoint(0, y), regular);
            return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
        }

        /// <summary>A ruling line (table borders), drawn as a path.</summary>
        public PageWriter Rule(double x1, double y1, double x2, double y2)
        {
            page.DrawLine(new PdfPoint(x1, y1), new PdfPoint(x2, y2), 0.5);
            return this;
        }

        /// <summary>Lines "<paramref name="prefix"/>Line N." stacked down a column starting at (x, top).</summary>
        public PageWriter Column(double x, double top, string prefix, int lines, double size = 10)
        {
            for (var i = 0; i < lines; i++)
            {
                Text($"{prefix}Line {i + 1}.", x, top - i * size * 1.3, size);
            }

            return this;
        }
    }
}
