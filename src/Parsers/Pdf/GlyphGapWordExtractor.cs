using System.Text;

namespace SciCurate.Parsers.Pdf;

/// <summary>
/// Joins glyphs into words by the horizontal gap between neighbours (<see cref="PdfPigPageParserOptions.WordGapEm"/>),
/// after folding separately drawn accents into their letters and putting right-to-left rows in visual order.
/// </summary>
internal sealed class GlyphGapWordExtractor(PdfPigPageParserOptions options)
{
    private readonly PdfPigPageParserOptions _options = options;

    /// <summary>Spacing accents that TeX and others draw as a glyph of their own over (or under) a letter.</summary>
    private static char CombiningFor(string value) => value switch
    {
        "\u00B4" or "\u02CA" => '\u0301', // acute
        "`" or "\u02CB" => '\u0300', // grave
        "\u02C6" or "^" => '\u0302', // circumflex
        "\u02DC" or "~" => '\u0303', // tilde
        "\u00A8" => '\u0308', // diaeresis
        "\u00AF" or "\u02C9" => '\u0304', // macron
        "\u02D8" => '\u0306', // breve
        "\u02D9" => '\u0307', // dot above
        "\u02DA" => '\u030A', // ring above
        "\u02C7" => '\u030C', // caron
        "\u02DD" => '\u030B', // double acute
        "\u00B8" => '\u0327', // cedilla
        "\u02DB" => '\u0328', // ogonek
        _ => '\0',
    };

    /// <summary>
    /// Folds a separately drawn accent into the letter it sits on ("J´an Min´aˇc" becomes "Ján Mináč"): the accent's
    /// horizontal centre lies over the letter drawn right after (or before) it.
    /// </summary>
    private static List<Glyph> ComposeAccents(List<Glyph> glyphs)
    {
        List<Glyph>? result = null;
        for (var i = 0; i < glyphs.Count; i++)
        {
            var g = glyphs[i];
            var mark = g.Value.Length == 1 ? CombiningFor(g.Value) : '\0';
            if (mark != '\0')
            {
                var center = (g.Left + g.Right) / 2;
                var target = -1;
                if (i + 1 < glyphs.Count && Covers(glyphs[i + 1], center, g))
                {
                    target = i + 1;
                }
                else if (i > 0 && Covers(glyphs[i - 1], center, g))
                {
                    target = i - 1;
                }

                if (target >= 0)
                {
                    result ??= glyphs.GetRange(0, i);
                    var letter = glyphs[target];
                    var composed = letter with { Value = (letter.Value + mark).Normalize(NormalizationForm.FormC) };
                    if (target == i - 1)
                    {
                        result[^1] = composed;
                    }
                    else
                    {
                        result.Add(composed);
                        i++;
                    }

                    continue;
                }
            }

            result?.Add(g);
        }

        return result ?? glyphs;

        static bool Covers(Glyph letter, double center, Glyph accent) =>
            letter.Value.Length == 1 && char.IsLetter(letter.Value[0])
            && center >= letter.Left - 0.1 * letter.Size && center <= letter.Right + 0.1 * letter.Size
            && Math.Abs(letter.Baseline - accent.Baseline) < 1.2 * letter.Size;
    }

    /// <summary>Glyphs in drawing order joined into words; a gap, a baseline change or a jump in size starts a new one.</summary>
    public List<TextWord> Extract(List<Glyph> glyphs)
    {
        glyphs = WithoutRedrawnGlyphs(glyphs);
        glyphs = ComposeAccents(glyphs);
        // Drawn spaces mean "between these two in drawing order"; once rows are re-sorted by position they no longer do.
        var drawingOrder = true;
        if (glyphs.Exists(g => UnicodeBidi.HasRightToLeft(g.Value)))
        {
            drawingOrder = false;
            // Right-to-left text may be drawn right to left (logical order) or left to right (visual order); reading
            // every row by position makes both visual, and the bidirectional algorithm restores the logical order.
            glyphs = InVisualOrder(glyphs);
        }

        // Letters come in drawing order, which for almost every producer is reading order within a word.
        var words = new List<TextWord>(glyphs.Count / 4 + 1);
        var sb = new StringBuilder();
        TextWord? current = null;
        double boldCount = 0;
        Glyph prev = default;
        // The gap between the current word's last two letters: fonts whose glyph boxes are wider than their advance
        // (Hangul set by word processors) overlap neighbours, so a drawn space there leaves a gap near zero.
        double? innerGap = null;
        foreach (var g in glyphs)
        {
            var start = current is null;
            var gap = 0.0;
            if (!start)
            {
                if (IsOverdrawn(prev, g))
                {
                    // The same letter drawn again over itself (justification fill, a double strike) is one letter.
                    continue;
                }

                var size = Math.Max(g.Size, prev.Size);
                gap = g.Left - prev.Right;
                var sameLine = Math.Abs(g.Baseline - prev.Baseline) < 0.45 * size || (g.Bottom < prev.Top && g.Top > prev.Bottom && Math.Abs(g.Baseline - prev.Baseline) < 0.7 * size);
                // A jump in size (a drop cap beside its first word) also starts a word.
                var sizeJump = size > 1.6 * Math.Min(g.Size, prev.Size);
                // A drawn space counts only where it leaves some room, more than the word's letters leave each other:
                // producers also draw them between touching letters.
                var spaced = drawingOrder && g.SpaceBefore && gap - Math.Min(0, innerGap ?? 0) > 0.05 * size;
                start = !sameLine || sizeJump || spaced || gap > WordGap(prev, g) * size || gap < -0.5 * size
                    || (!drawingOrder && ScriptDirectionChanges(prev.Value, g.Value));
            }

            if (start)
            {
                if (current is not null)
                {
                    Close(current, sb, boldCount);
                    words.Add(current);
                }

                current = new TextWord { Text = "", Left = g.Left, Right = g.Right, Bottom = g.Bottom, Top = g.Top, Baseline = g.Baseline, Size = g.Size };
                sb.Clear();
                boldCount = 0;
                innerGap = null;
            }
            else
            {
                innerGap = gap;
                current!.Right = Math.Max(current.Right, g.Right);
                current.Left = Math.Min(current.Left, g.Left);
                current.Bottom = Math.Min(current.Bottom, g.Bottom);
                current.Top = Math.Max(current.Top, g.Top);
                current.Size = Math.Max(current.Size, g.Size);
            }

            sb.Append(g.Value);
            if (g.Bold)
            {
                boldCount++;
            }

            prev = g;
        }

        if (current is not null)
        {
            Close(current, sb, boldCount);
            words.Add(current);
        }

        return words;

        static void Close(TextWord w, StringBuilder sb, double bold)
        {
            // Two single quotes set as a pair are the double quote TeX means by `` and ''.
            w.Text = sb.ToString().Replace("\u2018\u2018", "\u201C", StringComparison.Ordinal).Replace("\u2019\u2019", "\u201D", StringComparison.Ordinal);
            w.Bold = bold >= w.Text.Length * 0.8;
        }
    }

    /// <summary>
    /// The gap (in em) past which two glyphs belong to different words. After a comma or a semicolon, before a letter,
    /// the bar is lower: a tightly justified line (pdfTeX draws no spaces) shrinks the space after a comma below the
    /// general rule ("values,such"), while a comma inside a word between letters is set with no gap at all (a math
    /// "i,j"; "1,000" has digits). pdftotext breaks words at a tenth of an em everywhere; here only at a comma.
    /// </summary>
    private double WordGap(Glyph before, Glyph after) =>
        before.Value is "," or ";" && after.Value.Length > 0 && char.IsLetter(after.Value[0]) ? Math.Min(ClauseGapEm, _options.WordGapEm) : _options.WordGapEm;

    /// <summary>Word gap after a comma or semicolon, in em: pdftotext's word break.</summary>
    private const double ClauseGapEm = 0.1;

    /// <summary>
    /// A right-to-left letter next to a left-to-right one: no word mixes the two scripts, so this is a word boundary
    /// even where the producer drew the space elsewhere (word processors put the space of a Latin word inside Arabic
    /// text on the wrong side of it, so that "Python" touches the Arabic word after it).
    /// </summary>
    private static bool ScriptDirectionChanges(string before, string after)
    {
        if (before.Length == 0 || after.Length == 0)
        {
            return false;
        }

        char a = before[^1], b = after[0];
        return char.IsLetter(a) && char.IsLetter(b) && UnicodeBidi.IsRightToLeftLetter(a) != UnicodeBidi.IsRightToLeftLetter(b);
    }

    /// <summary>
    /// The same glyph drawn again at (nearly) the same place on the same baseline: it starts within a third of the
    /// previous one's width from its start. Letters that merely repeat ("oo") start a whole letter width further on.
    /// </summary>
    private static bool IsOverdrawn(Glyph prev, Glyph g)
    {
        var width = prev.Right - prev.Left;
        return g.Value == prev.Value && width > 0.1 * prev.Size && Math.Abs(g.Left - prev.Left) < 0.3 * width
            && Math.Abs(g.Baseline - prev.Baseline) < 0.1 * prev.Size && Math.Abs(g.Size - prev.Size) < 0.05 * prev.Size;
    }

    /// <summary>
    /// Drops a glyph drawn again over an earlier one however far apart they come in drawing order: producers fill and
    /// then stroke a whole label, or draw a line twice for weight, and a reader sees the text once. Earlier glyphs are
    /// found by their place on a one-point grid (the four cells within half a point of this one) and compared as
    /// <see cref="IsOverdrawn"/> compares neighbours.
    /// </summary>
    private static List<Glyph> WithoutRedrawnGlyphs(List<Glyph> glyphs)
    {
        if (glyphs.Count < 2)
        {
            return glyphs;
        }

        // Cell -> index of the first glyph seen there; numbers, not strings, keep this cheap on every page.
        var seen = new Dictionary<long, int>(glyphs.Count);
        List<Glyph>? result = null;
        for (var i = 0; i < glyphs.Count; i++)
        {
            var g = glyphs[i];
            var x = Math.Floor(g.Left);
            var y = Math.Floor(g.Baseline);
            var dx = g.Left - x < 0.5 ? -1 : 1;
            var dy = g.Baseline - y < 0.5 ? -1 : 1;
            if (Redraws(g, x, y) || Redraws(g, x + dx, y) || Redraws(g, x, y + dy) || Redraws(g, x + dx, y + dy))
            {
                result ??= glyphs.GetRange(0, i);
                continue;
            }

            seen.TryAdd(Cell(x, y), i);
            result?.Add(g);
        }

        return result ?? glyphs;

        bool Redraws(Glyph g, double x, double y) =>
            seen.TryGetValue(Cell(x, y), out var earlier) && IsOverdrawn(glyphs[earlier], g);

        static long Cell(double x, double y) => unchecked(((long)x << 32) ^ (uint)(int)y);
    }

    /// <summary>Glyphs grouped into rows by baseline (top row first), each row left to right.</summary>
    private static List<Glyph> InVisualOrder(List<Glyph> glyphs)
    {
        var sorted = glyphs.OrderByDescending(g => g.Baseline).ToList();
        var result = new List<Glyph>(sorted.Count);
        var start = 0;
        for (var i = 1; i <= sorted.Count; i++)
        {
            if (i == sorted.Count || sorted[start].Baseline - sorted[i].Baseline > 0.3 * Math.Max(sorted[start].Size, sorted[i].Size))
            {
                // Combining marks sort just left of the letter they sit on, so that after reversal they follow it.
                result.AddRange(sorted.GetRange(start, i - start).OrderBy(g => IsMark(g.Value) ? g.Right - 0.01 : g.Right));
                start = i;
            }
        }

        return result;

        static bool IsMark(string v) => v.Length > 0 && char.GetUnicodeCategory(v[0]) == System.Globalization.UnicodeCategory.NonSpacingMark;
    }
}
