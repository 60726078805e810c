namespace SciCurate.Parsers.Pdf;

/// <summary>Measures over a page's lines shared by the parser's steps.</summary>
internal static class LineGeometry
{
    /// <summary>Lines grouped into visual rows (vertically overlapping), top row first.</summary>
    internal static List<List<TextLine>> Rows(List<TextLine> lines)
    {
        var sorted = lines.OrderByDescending(l => l.Top).ToList();
        var rows = new List<List<TextLine>>();
        var row = new List<TextLine>();
        var rowBottom = double.MaxValue;
        foreach (var line in sorted)
        {
            if (row.Count > 0 && line.Top <= rowBottom + 0.1 * line.Height)
            {
                rows.Add(row);
                row = [];
                rowBottom = double.MaxValue;
            }

            row.Add(line);
            rowBottom = Math.Min(rowBottom, line.Bottom);
        }

        if (row.Count > 0)
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The body text size of a page.</summary>
    internal static double BodySize(List<TextLine> lines) => BodySize(lines.Select(l => (l.Size, l.Text.Length)));

    /// <summary>The body text size of a page's words.</summary>
    internal static double BodySize(List<TextWord> words) => BodySize(words.Select(w => (w.Size, w.Text.Length)));

    private static double BodySize(IEnumerable<(double Size, int Chars)> runs) => Math.Max(ModalSize(runs, none: 10.0), 1);

    /// <summary>The font size carrying the most characters, rounded to half points; <paramref name="none"/> without text.</summary>
    internal static double ModalSize(IEnumerable<(double Size, int Chars)> runs, double none)
    {
        var histogram = new Dictionary<double, int>();
        foreach (var (size, chars) in runs)
        {
            var key = Math.Round(size * 2) / 2;
            histogram[key] = histogram.GetValueOrDefault(key) + chars;
        }

        var best = none;
        var bestCount = -1;
        foreach (var (size, count) in histogram)
        {
            if (count > bestCount)
            {
                best = size;
                bestCount = count;
            }
        }

        return best;
    }
}
