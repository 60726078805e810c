using System.Text;

namespace SciCurate.Parsers.Pdf;

/// <summary>
/// Finds tables by their geometry: runs of three or more visual rows split into cells by wide gaps, whose cells fall
/// into columns separated by whitespace that runs through every row. Such a grid becomes one Markdown table in place
/// of its cells; a run of split rows whose cells do not line up is an unclear table, counted so the page can go to the
/// VLM. Prose in two columns is not a table: its cells are long runs of words, and it is left to the column reader.
/// </summary>
internal static class AlignedColumnTables
{
    private const int MinRows = 3;
    private const int MaxColumns = 16;

    public static int Extract(List<TextLine> lines, double body, double pageWidth, bool rightToLeft)
    {
        if (lines.Count < MinRows * 2)
        {
            return 0;
        }

        var rows = LineGeometry.Rows(lines);
        var unclear = 0;
        var i = 0;
        while (i < rows.Count)
        {
            if (rows[i].Count < 2)
            {
                i++;
                continue;
            }

            // The run: consecutive rows close below each other, multi-cell ones and narrow single cells between them.
            var j = i + 1;
            var lastMulti = i;
            while (j < rows.Count)
            {
                var gap = rows[j - 1].Min(l => l.Bottom) - rows[j].Max(l => l.Top);
                if (gap > 2.0 * body || (rows[j].Count < 2 && (j - lastMulti > 2 || rows[j][0].Width > 0.45 * pageWidth)))
                {
                    break;
                }

                if (rows[j].Count >= 2)
                {
                    lastMulti = j;
                }

                j++;
            }

            var run = rows.GetRange(i, lastMulti - i + 1);
            i = lastMulti + 1;
            if (run.Count(r => r.Count >= 2) < MinRows)
            {
                continue;
            }

            switch (Build(run, body, pageWidth, rightToLeft))
            {
                case { } table:
                    var taken = new HashSet<TextLine>(run.SelectMany(r => r));
                    var index = lines.FindIndex(taken.Contains);
                    lines.RemoveAll(taken.Contains);
                    lines.Insert(Math.Max(0, Math.Min(index, lines.Count)), table);
                    break;
                case null when IsUnclear(run, body):
                    unclear++;
                    break;
            }
        }

        return unclear;
    }

    /// <summary>The run as one table line, or null when its cells do not form clear columns or read as prose.</summary>
    private static TextLine? Build(List<List<TextLine>> run, double body, double pageWidth, bool rightToLeft)
    {
        // Columns: the x-extents of the multi-cell rows' cells, merged where they overlap.
        var spans = new List<(double Left, double Right)>();
        foreach (var cell in run.Where(r => r.Count >= 2).SelectMany(r => r).OrderBy(l => l.Left))
        {
            if (spans.Count > 0 && cell.Left < spans[^1].Right + 0.3 * body)
            {
                spans[^1] = (spans[^1].Left, Math.Max(spans[^1].Right, cell.Right));
            }
            else
            {
                spans.Add((cell.Left, cell.Right));
            }
        }

        if (spans.Count < 2 || spans.Count > MaxColumns)
        {
            return null;
        }

        // Two cells of one row in one column means the columns are not clear.
        var multi = run.Where(r => r.Count >= 2).ToList();
        foreach (var row in multi)
        {
            var used = new HashSet<int>();
            foreach (var cell in row)
            {
                if (!used.Add(Column(spans, cell)))
                {
                    return null;
                }
            }
        }

        // Prose in columns: long cells of many words. Table cells are short, or there are many columns.
        var cells = multi.SelectMany(r => r).ToList();
        var words = cells.Average(c => c.Words.Count);
        var wide = cells.Average(c => c.Width) > 0.3 * pageWidth;
        if (words > 7 || (spans.Count == 2 && wide && words > 4))
        {
            return null;
        }

        // Equation numbers are not a column: a last column of "(n)" only is a display with numbers.
        if (spans.Count == 2 && multi.All(r => r.Count == 2 && IsEquationNumber(r.MaxBy(l => l.Right)!.Text)))
        {
            return null;
        }

        var grid = new List<string[]>();
        TextLine? previousRowTop = null;
        foreach (var row in run)
        {
            if (row.Count == 1 && grid.Count > 0 && previousRowTop is not null)
            {
                // A single cell below a row continues that row's cell in its column (wrapped cell text).
                var column = Column(spans, row[0]);
                var last = grid[^1];
                last[column] = last[column].Length == 0 ? row[0].Text : last[column] + " " + row[0].Text;
                continue;
            }

            var cellsOfRow = new string[spans.Count];
            Array.Fill(cellsOfRow, "");
            foreach (var cell in row.OrderBy(l => l.Left))
            {
                var column = Column(spans, cell);
                cellsOfRow[column] = cellsOfRow[column].Length == 0 ? cell.Text : cellsOfRow[column] + " " + cell.Text;
            }

            grid.Add(cellsOfRow);
            previousRowTop = row[0];
        }

        var sb = new StringBuilder();
        for (var r = 0; r < grid.Count; r++)
        {
            var row = rightToLeft ? grid[r].Reverse().ToArray() : grid[r];
            sb.Append('|');
            foreach (var cell in row)
            {
                sb.Append(' ').Append(cell.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |");
            }

            if (r == 0)
            {
                sb.Append('\n').Append('|');
                for (var c = 0; c < row.Length; c++)
                {
                    sb.Append(" - |");
                }
            }

            if (r + 1 < grid.Count)
            {
                sb.Append('\n');
            }
        }

        var table = new TextLine { IsTable = true, Text = sb.ToString(), Size = body };
        foreach (var line in run.SelectMany(r => r))
        {
            table.Left = Math.Min(table.Left, line.Left);
            table.Right = Math.Max(table.Right, line.Right);
            table.Bottom = Math.Min(table.Bottom, line.Bottom);
            table.Top = Math.Max(table.Top, line.Top);
        }

        table.Baseline = table.Bottom;
        return table;
    }

    /// <summary>Rows of short cells that would not line up into columns: a table the cheap parser cannot write.</summary>
    private static bool IsUnclear(List<List<TextLine>> run, double body)
    {
        var multi = run.Where(r => r.Count >= 2).ToList();
        var cells = multi.SelectMany(r => r).ToList();
        return multi.Count >= 4 && cells.Average(c => c.Words.Count) <= 4 && cells.Any(c => c.Text.Any(char.IsLetterOrDigit))
            && !multi.All(r => r.Count == 2 && IsEquationNumber(r.MaxBy(l => l.Right)!.Text));
    }

    private static int Column(List<(double Left, double Right)> spans, TextLine cell)
    {
        var center = (cell.Left + cell.Right) / 2;
        var best = 0;
        var distance = double.MaxValue;
        for (var c = 0; c < spans.Count; c++)
        {
            var d = center < spans[c].Left ? spans[c].Left - center : center > spans[c].Right ? center - spans[c].Right : 0;
            if (d < distance)
            {
                best = c;
                distance = d;
            }
        }

        return best;
    }

    private static bool IsEquationNumber(string text) =>
        text.Length is >= 3 and <= 8 && text[0] == '(' && text[^1] == ')' && text.AsSpan(1, text.Length - 2).IndexOfAnyExcept(EquationNumberChars) < 0;

    private static readonly System.Buffers.SearchValues<char> EquationNumberChars = System.Buffers.SearchValues.Create("0123456789.abc");
}
