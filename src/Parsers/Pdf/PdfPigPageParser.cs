using System.Diagnostics;
using SciCurate.Parsers.Pdf.Forms;
using UglyToad.PdfPig.Content;

namespace SciCurate.Parsers.Pdf;

/// <summary>
/// The cheap parser: PdfPig's letters grouped into words, lines, columns and blocks by their geometry. Each step is a
/// class of its own: glyphs (<see cref="OrientedGlyphReader"/>), words (<see cref="GlyphGapWordExtractor"/>), lines
/// (<see cref="BaselineLineBuilder"/>), margin rows (<see cref="MarginBandSplitter"/>), tables
/// (<see cref="AlignedColumnTables"/>), reading order (<see cref="GutterXYCutReadingOrder"/>) and blocks with their
/// headings (<see cref="BlockBuilder"/>). A filled form's values (<see cref="AcroFormValueReader"/>) join the words at
/// their widgets' places (<see cref="FormValueWords"/>).
/// </summary>
public sealed class PdfPigPageParser : IPageParser
{
    private readonly OrientedGlyphReader _glyphs;
    private readonly GlyphGapWordExtractor _words;
    private readonly BaselineLineBuilder _lines;
    private readonly MarginBandSplitter _margins;
    private readonly GutterXYCutReadingOrder _order;

    public PdfPigPageParser(PdfPigPageParserOptions? options = null)
    {
        options ??= new PdfPigPageParserOptions();
        _glyphs = new OrientedGlyphReader(options);
        _words = new GlyphGapWordExtractor(options);
        _lines = new BaselineLineBuilder(options);
        _margins = new MarginBandSplitter(options);
        _order = new GutterXYCutReadingOrder(options);
    }

    public string Name => "pdfpig";

    public ParsedPage Parse(Page page, IReadOnlyList<FormFieldValue>? formValues = null)
    {
        var clock = Stopwatch.StartNew();
        var width = page.Width;
        var height = page.Height;
        var frame = _glyphs.Read(page);
        var words = _words.Extract(frame.Glyphs);
        var unplaced = formValues is { Count: > 0 } ? FormValueWords.Place(formValues, frame, width, height, words) : [];
        var lines = _lines.Build(words);
        var unclearTables = 0;
        var blocks = lines.Count == 0 ? [] : BuildBlocks(lines, frame.Width, frame.Height, out unclearTables);
        if (unplaced.Count > 0)
        {
            // Values without a place follow the page's text, one "Label: value" line each; given the page's middle as
            // their box, they are never taken for edge text (a bare "12" there is a value, not a page number).
            var size = LineGeometry.ModalSize(blocks.Select(b => (b.FontSize, b.Text.Length)), none: 10.0);
            blocks = [.. blocks, .. unplaced.Select(u => new TextBlock(BlockKind.Paragraph, 0, u, 0, height / 2, width, height / 2, size))];
        }

        var chars = 0;
        foreach (var block in blocks)
        {
            chars += block.Text.Length;
        }

        return new ParsedPage(page.Number, width, height, blocks, chars, clock.Elapsed.TotalMilliseconds) { UnclearTables = unclearTables };
    }

    private List<TextBlock> BuildBlocks(List<TextLine> lines, double pageWidth, double pageHeight, out int unclearTables)
    {
        var body = LineGeometry.BodySize(lines);
        var (header, footer) = _margins.Split(lines, pageHeight, body);
        // A page written mostly right to left reads its columns and the cells of a row from the right.
        var rtlChars = lines.Sum(l => UnicodeBidi.HasRightToLeft(l.Text) ? l.Text.Length : 0);
        var rightToLeft = rtlChars > 0.5 * lines.Sum(l => l.Text.Length);
        unclearTables = AlignedColumnTables.Extract(lines, body, pageWidth, rightToLeft);
        var ordered = _order.Order(lines, body, rightToLeft);
        var blocks = new List<TextBlock>();
        if (header.Count > 0)
        {
            blocks.AddRange(BlockBuilder.Build(header, body).Select(b => b with { Kind = BlockKind.PageHeader }));
        }

        blocks.AddRange(BlockBuilder.Build(ordered, body));
        if (footer.Count > 0)
        {
            blocks.AddRange(BlockBuilder.Build(footer, body).Select(b => b with { Kind = BlockKind.PageFooter }));
        }

        return blocks;
    }
}
