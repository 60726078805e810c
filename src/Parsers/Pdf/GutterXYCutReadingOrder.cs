namespace SciCurate.Parsers.Pdf;

/// <summary>
/// Reading order by a gutter-aware XY cut: lines that span a column gutter separate bands, and inside a band the columns
/// are read left to right (right to left on a right-to-left page), each top to bottom. With no gutter a region is cut at
/// its widest horizontal whitespace.
/// </summary>
internal sealed class GutterXYCutReadingOrder(PdfPigPageParserOptions options)
{
    private readonly PdfPigPageParserOptions _options = options;

    /// <summary>The lines in reading order; a page written mostly right to left reads its columns and the cells of a row from the right.</summary>
    public List<TextLine> Order(List<TextLine> lines, double body, bool rightToLeft)
    {
        var ordered = new List<TextLine>(lines.Count);
        Order(lines, ordered, body, rightToLeft, depth: 0);
        return ordered;
    }

    private void Order(List<TextLine> lines, List<TextLine> output, double body, bool rightToLeft, int depth)
    {
        if (lines.Count <= 1 || depth > 24)
        {
            AppendTopDown(lines, output, rightToLeft);
            return;
        }

        double left = double.MaxValue, right = double.MinValue;
        foreach (var l in lines)
        {
            left = Math.Min(left, l.Left);
            right = Math.Max(right, l.Right);
        }

        var gutter = FindGutter(lines, left, right, body);
        if (gutter is not { } g)
        {
            // No gutter across the whole region: cut it at its widest horizontal whitespace (XY cut), since the
            // parts above and below may be laid out differently (a full-width abstract over two columns).
            if (SplitAtWidestRowGap(lines, body) is { } parts)
            {
                Order(parts.Above, output, body, rightToLeft, depth + 1);
                Order(parts.Below, output, body, rightToLeft, depth + 1);
            }
            else
            {
                AppendTopDown(lines, output, rightToLeft);
            }

            return;
        }

        // Lines that cross the gutter (titles, full-width figures' captions) cut the region into bands. A line that
        // only juts into the gutter from one side (a fill-in rule of underscores, an unjustified long line beside a
        // wide gutter) stops short of its middle: it belongs to its column and cuts nothing.
        lines.Sort((a, b) => b.Top.CompareTo(a.Top));
        var band = new List<TextLine>();
        var middle = (g.From + g.To) / 2;
        foreach (var line in lines)
        {
            if (line.Left <= middle && line.Right >= middle)
            {
                FlushBand(band, output, g, body, rightToLeft, depth);
                output.Add(line);
            }
            else
            {
                band.Add(line);
            }
        }

        FlushBand(band, output, g, body, rightToLeft, depth);
    }

    private void FlushBand(List<TextLine> band, List<TextLine> output, (double From, double To) gutter, double body, bool rightToLeft, int depth)
    {
        if (band.Count == 0)
        {
            return;
        }

        var mid = (gutter.From + gutter.To) / 2;
        if (FormRows(band, mid, body) is { } rows)
        {
            // Label beside value, row under row: each row is read across before the next.
            foreach (var row in rows)
            {
                var first = row.Where(l => rightToLeft ? l.Right > mid : l.Right <= mid).ToList();
                var second = row.Where(l => rightToLeft ? l.Right <= mid : l.Right > mid).ToList();
                Order(first, output, body, rightToLeft, depth + 1);
                Order(second, output, body, rightToLeft, depth + 1);
            }

            band.Clear();
            return;
        }

        var leftSide = band.Where(l => l.Right <= mid).ToList();
        var rightSide = band.Where(l => l.Right > mid).ToList();
        Order(rightToLeft ? rightSide : leftSide, output, body, rightToLeft, depth + 1);
        Order(rightToLeft ? leftSide : rightSide, output, body, rightToLeft, depth + 1);
        band.Clear();
    }

    /// <summary>Most lines of text a side of a form row may have: a label, or a value wrapped over a few lines.</summary>
    private const int MaxFormRowLines = 4;

    /// <summary>
    /// The band cut into rows at every blank strip that crosses both sides of the gutter, when that makes a form: at
    /// least three rows with text on both sides, and no row with more than <see cref="MaxFormRowLines"/> lines on a
    /// side. Two columns of running text are never cut so finely at the same heights; a form's labels and values
    /// (and a list of terms beside their descriptions) are, and read row by row they keep each label with its value.
    /// </summary>
    private static List<List<TextLine>>? FormRows(List<TextLine> band, double mid, double body)
    {
        if (band.Count < 6)
        {
            return null;
        }

        var sorted = band.OrderByDescending(l => l.Top).ToList();
        var rows = new List<List<TextLine>>();
        var current = new List<TextLine> { sorted[0] };
        var lowest = sorted[0].Bottom;
        for (var i = 1; i < sorted.Count; i++)
        {
            if (lowest - sorted[i].Top > 0.5 * body)
            {
                rows.Add(current);
                current = [];
            }

            current.Add(sorted[i]);
            lowest = Math.Min(lowest, sorted[i].Bottom);
        }

        rows.Add(current);
        if (rows.Count < 3)
        {
            return null;
        }

        var leftWidth = Extent(band.Where(l => l.Right <= mid));
        var rightWidth = Extent(band.Where(l => l.Right > mid));
        int both = 0, bothWrap = 0;
        foreach (var row in rows)
        {
            var leftLines = row.Where(l => l.Right <= mid).ToList();
            var rightLines = row.Where(l => l.Right > mid).ToList();
            var left = TextRows(leftLines, body);
            var right = TextRows(rightLines, body);
            if (left > MaxFormRowLines || right > MaxFormRowLines)
            {
                return null;
            }

            both += left > 0 && right > 0 ? 1 : 0;
            // Both sides wrapped over full-width lines: paragraphs (or list items) of two columns that happen to be
            // spaced alike, not a label and its value.
            if (Wraps(leftLines, left, leftWidth) && Wraps(rightLines, right, rightWidth) && ++bothWrap >= 2)
            {
                return null;
            }
        }

        return both >= 3 && 2 * both >= rows.Count ? rows : null;

        static double Extent(IEnumerable<TextLine> lines)
        {
            double left = double.MaxValue, right = double.MinValue;
            foreach (var l in lines)
            {
                left = Math.Min(left, l.Left);
                right = Math.Max(right, l.Right);
            }

            return right - left;
        }

        static bool Wraps(List<TextLine> lines, int textRows, double sideWidth) =>
            textRows >= 2 && lines.Max(l => l.Width) >= 0.8 * sideWidth;
    }

    /// <summary>Lines of text one above another: cells of one table row side by side count once.</summary>
    private static int TextRows(IEnumerable<TextLine> lines, double body)
    {
        var rows = 0;
        var last = double.NaN;
        foreach (var baseline in lines.Select(l => (l.Top + l.Bottom) / 2).OrderByDescending(b => b))
        {
            if (double.IsNaN(last) || last - baseline > 0.5 * body)
            {
                rows++;
            }

            last = baseline;
        }

        return rows;
    }

    private static (List<TextLine> Above, List<TextLine> Below)? SplitAtWidestRowGap(List<TextLine> lines, double body)
    {
        lines.Sort((a, b) => b.Top.CompareTo(a.Top));
        var lowest = lines[0].Bottom;
        var bestGap = 0.5 * body;
        var cut = -1;
        for (var i = 1; i < lines.Count; i++)
        {
            var gap = lowest - lines[i].Top;
            if (gap > bestGap)
            {
                bestGap = gap;
                cut = i;
            }

            lowest = Math.Min(lowest, lines[i].Bottom);
        }

        return cut < 0 ? null : (lines.GetRange(0, cut), lines.GetRange(cut, lines.Count - cut));
    }

    /// <summary>
    /// The widest vertical strip of whitespace splitting the region's narrow lines into two columns that both carry
    /// real text. A few short lines may cross it (a right-aligned citation line, a page-wide rule of dots): they become
    /// band separators, as full-width lines do.
    /// </summary>
    private (double From, double To)? FindGutter(List<TextLine> lines, double left, double right, double body)
    {
        var regionWidth = right - left;
        if (regionWidth <= 0)
        {
            return null;
        }

        // Columns are found among the narrow lines: full-width lines are the bands' separators.
        var narrow = new List<TextLine>();
        var narrowChars = 0;
        foreach (var l in lines)
        {
            if (l.Width < 0.7 * regionWidth)
            {
                narrow.Add(l);
                narrowChars += l.Text.Length;
            }
        }

        if (narrow.Count < 4 || narrow.Count > 4000)
        {
            return null;
        }

        narrow.Sort((a, b) => a.Left.CompareTo(b.Left));
        var maxCrossing = Math.Max(1, narrow.Count / 20);
        (double From, double To)? best = null;
        var bestWidth = _options.ColumnGapEm * body;
        var bestCrossing = int.MaxValue;
        foreach (var candidate in narrow)
        {
            // A gutter starts at some line's right edge and ends where the next line to its right begins.
            var from = candidate.Right;
            var firstRight = narrow.FindIndex(l => l.Left >= from);
            if (firstRight < 2 || narrow.Count - firstRight < 2)
            {
                continue;
            }

            var to = narrow[firstRight].Left;
            var width = to - from;
            if (width < bestWidth * 0.999)
            {
                continue;
            }

            int crossing = 0, crossingChars = 0, leftChars = 0, leftLines = 0;
            var reach = from;
            for (var i = 0; i < firstRight; i++)
            {
                // Justified lines end within a fraction of a point of each other: that is still the column's edge.
                var l = narrow[i];
                if (l.Right > from + 0.1 * body)
                {
                    crossing++;
                    crossingChars += l.Text.Length;
                }
                else
                {
                    leftChars += l.Text.Length;
                    leftLines++;
                    reach = Math.Max(reach, l.Right);
                }
            }

            var rightChars = narrowChars - leftChars - crossingChars;
            if (crossing > maxCrossing || leftLines < 2 || crossingChars > 0.1 * narrowChars)
            {
                continue;
            }

            // Both sides must carry real text: equation numbers or a lone label are not a column.
            if (leftChars < 0.15 * narrowChars || rightChars < 0.15 * narrowChars)
            {
                continue;
            }

            if (width > bestWidth * 1.001 || (width >= bestWidth * 0.999 && crossing < bestCrossing))
            {
                best = (reach, to);
                bestWidth = width;
                bestCrossing = crossing;
            }
        }

        return best;
    }

    private static void AppendTopDown(List<TextLine> lines, List<TextLine> output, bool rightToLeft)
    {
        // Top to bottom; lines sharing a visual row (table cells, split lines) left to right.
        lines.Sort((a, b) => b.Top.CompareTo(a.Top));
        var i = 0;
        while (i < lines.Count)
        {
            var first = lines[i];
            var j = i + 1;
            while (j < lines.Count)
            {
                var next = lines[j];
                var overlap = Math.Min(first.Top, next.Top) - Math.Max(first.Bottom, next.Bottom);
                if (overlap <= 0.5 * Math.Min(first.Top - first.Bottom, next.Top - next.Bottom))
                {
                    break;
                }

                j++;
            }

            if (j - i > 1)
            {
                lines.Sort(i, j - i, rightToLeft ? Comparer<TextLine>.Create((a, b) => b.Right.CompareTo(a.Right)) : Comparer<TextLine>.Create((a, b) => a.Left.CompareTo(b.Left)));
            }

            for (var k = i; k < j; k++)
            {
                output.Add(lines[k]);
            }

            i = j;
        }
    }
}
