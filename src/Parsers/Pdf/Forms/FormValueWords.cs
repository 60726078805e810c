namespace SciCurate.Parsers.Pdf.Forms;

/// <summary>
/// Puts a page's form values among its words, inside their widgets' boxes, so that they reach lines, tables and reading
/// order like printed text: "Name: Jane Doe" reads as the filled form looks, the printed label beside its value. A value
/// whose widget has no box on an upright page has no place in the reading order; it comes back as a "Label: value" line
/// for the end of the page. A value the page already draws inside its box (a flattened or printed-over form) is
/// skipped, so nothing is written twice.
/// </summary>
internal static class FormValueWords
{
    /// <summary>Average advance of a letter, in em, for laying out typed text whose font the parser never sees.</summary>
    private const double LetterEm = 0.5;

    /// <summary>Adds the positioned values to <paramref name="words"/>; returns the lines of values without a place.</summary>
    public static List<string> Place(IReadOnlyList<FormFieldValue> values, GlyphFrame frame, double pageWidth, double pageHeight, List<TextWord> words)
    {
        var unplaced = new List<string>();
        // Widget boxes are in the page's user space: only an upright page reads in that space.
        var upright = Math.Abs(frame.Width - pageWidth) < 0.5 && Math.Abs(frame.Height - pageHeight) < 0.5;
        // Typed text is set in body size: it is data, never a heading or a footnote by its box's font.
        var size = LineGeometry.BodySize(words);
        foreach (var value in values)
        {
            if (value.Box is not { } box || !upright || !OnPage(box, pageWidth, pageHeight))
            {
                unplaced.Add(value.Label is null ? Flat(value.Text) : value.Label + ": " + Flat(value.Text));
                continue;
            }

            if (DrawnInside(value.Text, box, frame.Glyphs))
            {
                continue;
            }

            AddWords(value, box, size, words);
        }

        return unplaced;
    }

    private static bool OnPage(FieldBox box, double width, double height)
    {
        var cx = (box.Left + box.Right) / 2;
        var cy = (box.Bottom + box.Top) / 2;
        return cx >= 0 && cx <= width && cy >= 0 && cy <= height;
    }

    /// <summary>
    /// Whether the page's own letters inside the box already say the value (all of its letters, in order, spaces
    /// aside), or, for a check mark, whether anything is drawn in the box at all.
    /// </summary>
    internal static bool DrawnInside(string value, FieldBox box, List<Glyph> glyphs)
    {
        var drawn = new System.Text.StringBuilder();
        foreach (var g in glyphs)
        {
            var cx = (g.Left + g.Right) / 2;
            var cy = (g.Bottom + g.Top) / 2;
            if (cx >= box.Left - 1 && cx <= box.Right + 1 && cy >= box.Bottom - 1 && cy <= box.Top + 1)
            {
                drawn.Append(g.Value);
            }
        }

        if (drawn.Length == 0)
        {
            return false;
        }

        if (value == AcroFormValueReader.CheckedMark)
        {
            return true;
        }

        var wanted = Squeeze(value);
        return wanted.Length > 0 && Squeeze(drawn.ToString()).Contains(wanted, StringComparison.Ordinal);
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)).Select(char.ToLowerInvariant));

    private static string Flat(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static void AddWords(FormFieldValue value, FieldBox box, double size, List<TextWord> words)
    {
        var inner = Math.Max(box.Width - 4, size);
        if (!value.Multiline)
        {
            // A one-line box scrolls its text; squeezed to the box, the value stays clear of the label to its right.
            var text = Flat(value.Text);
            var letter = Math.Clamp(inner / Math.Max(text.Length, 1), 0.05 * size, LetterEm * size);
            var baseline = (box.Bottom + box.Top) / 2 - 0.35 * size;
            var left = box.Left + 2;
            if (text != AcroFormValueReader.CheckedMark && LabelBefore(box, baseline, size, words) is { } label)
            {
                // The blank between a printed label and its box is the form's layout, not a gutter between columns:
                // the value follows its label on the label's line ("Name: Jane Doe"), as a reader pairs them. A check
                // mark stays in its box: boxes usually stand before their labels, not after.
                left = label.Right + 0.3 * size;
                baseline = label.Baseline;
            }

            AddLine(text, left, baseline, letter, size, words);
            return;
        }

        // A multi-line box wraps its text at the box's width, line under line from the top.
        var perLine = Math.Max(1, (int)(inner / (LetterEm * size)));
        var y = box.Top - 2 - 0.8 * size;
        foreach (var paragraph in value.Text.Split('\n'))
        {
            foreach (var line in Wrap(paragraph.Trim(), perLine))
            {
                AddLine(line, box.Left + 2, y, LetterEm * size, size, words);
                y -= 1.2 * size;
            }
        }
    }

    /// <summary>Farthest a printed label stands to the left of its box, in em.</summary>
    private const double MaxLabelGapEm = 25;

    /// <summary>The nearest page word on the box's line ending left of the box, with nothing but blank between them.</summary>
    private static TextWord? LabelBefore(FieldBox box, double baseline, double size, List<TextWord> words)
    {
        TextWord? best = null;
        foreach (var w in words)
        {
            if (Math.Abs(w.Baseline - baseline) <= 0.5 * size && w.Right <= box.Left + 1 && w.Right >= box.Left - MaxLabelGapEm * size
                && (best is null || w.Right > best.Right))
            {
                best = w;
            }
        }

        return best;
    }

    private static IEnumerable<string> Wrap(string text, int perLine)
    {
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > perLine)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    private static void AddLine(string text, double left, double baseline, double letter, double size, List<TextWord> words)
    {
        // Lines are read in visual order and turned to logical order later: right-to-left text goes in as it is drawn
        // (a line without right-to-left letters comes back unchanged).
        text = UnicodeBidi.VisualToLogical(text);

        var x = left;
        foreach (var w in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var right = x + w.Length * letter;
            words.Add(new TextWord
            {
                Text = w,
                Left = x,
                Right = right,
                Bottom = baseline - 0.2 * size,
                Top = baseline + 0.8 * size,
                Baseline = baseline,
                Size = size,
            });
            x = right + letter;
        }
    }
}
