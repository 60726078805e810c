namespace SciCurate.Parsers.Pdf;

/// <summary>
/// Takes margin furniture off a page by position: a few short rows at the very top or bottom, set off by a gap. Whether
/// such a row really goes (it repeats, is a page number or a stamp) is decided later over the whole document.
/// </summary>
internal sealed class MarginBandSplitter(PdfPigPageParserOptions options)
{
    private readonly PdfPigPageParserOptions _options = options;

    /// <summary>
    /// Takes the page's margin furniture out of <paramref name="lines"/>: at most <see cref="MaxMarginRows"/> rows of
    /// text at the very top (or bottom) of the page, inside the outer <see cref="PdfPigPageParserOptions.MarginShare"/>
    /// of its height, no larger than body text and set off from the body by a blank gap. This is where journals put
    /// running heads, download stamps, page numbers and copyright lines, even on a single page with nothing to repeat.
    /// </summary>
    public MarginLines Split(List<TextLine> lines, double pageHeight, double body)
    {
        if (pageHeight <= 0 || lines.Count < 6)
        {
            return new MarginLines([], []);
        }

        // Text whose middle lies outside the page is never seen by a reader (clipped printer's marks, stray glyphs).
        lines.RemoveAll(l => (l.Top + l.Bottom) / 2 > pageHeight || (l.Top + l.Bottom) / 2 < 0);
        var rows = LineGeometry.Rows(lines);
        var total = lines.Sum(l => l.Text.Length);
        var header = TakeMargin(rows, fromTop: true, pageHeight, body, total);
        var footer = TakeMargin(rows, fromTop: false, pageHeight, body, total);
        if (header.Count + footer.Count > 0)
        {
            var taken = new HashSet<TextLine>(header.Concat(footer));
            lines.RemoveAll(taken.Contains);
        }

        return new MarginLines(header, footer);
    }

    private const int MaxMarginRows = 3;

    private List<TextLine> TakeMargin(List<List<TextLine>> rows, bool fromTop, double pageHeight, double body, int totalChars)
    {
        var zone = _options.MarginShare * pageHeight;
        var count = Math.Min(MaxMarginRows, rows.Count - 3);
        var best = 0;
        var chars = 0;
        for (var k = 0; k < count; k++)
        {
            var row = rows[fromTop ? k : rows.Count - 1 - k];
            var inZone = fromTop ? row.Max(l => l.Top) >= pageHeight - zone : row.Min(l => l.Bottom) <= zone;
            if (!inZone || row.Any(l => l.Size > 1.25 * body))
            {
                break;
            }

            chars += row.Sum(l => l.Text.Length);
            var next = rows[fromTop ? k + 1 : rows.Count - 2 - k];
            var gap = fromTop ? row.Min(l => l.Bottom) - next.Max(l => l.Top) : next.Min(l => l.Bottom) - row.Max(l => l.Top);
            if (gap >= 1.2 * body && chars <= 0.2 * totalChars)
            {
                best = k + 1;
            }
        }

        var taken = new List<TextLine>();
        for (var k = 0; k < best; k++)
        {
            taken.AddRange(rows[fromTop ? k : rows.Count - 1 - k]);
        }

        taken.Sort((a, b) => b.Top != a.Top ? b.Top.CompareTo(a.Top) : a.Left.CompareTo(b.Left));
        return taken;
    }
}

/// <summary>The margin rows taken off a page: above the body (top row first) and below it.</summary>
internal sealed record MarginLines(List<TextLine> Header, List<TextLine> Footer);
