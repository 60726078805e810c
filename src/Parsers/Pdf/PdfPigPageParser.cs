using System.Diagnostics;
using System.Text;
using UglyToad.PdfPig.Content;

namespace SciCurate.Parsers.Pdf;

/// <summary>
/// The cheap parser: PdfPig's letters grouped into words, lines, columns and blocks by their geometry.
/// Reading order comes from a gutter-aware XY cut: lines that span a column gutter separate bands,
/// and inside a band the columns are read left to right, each top to bottom.
/// </summary>
public sealed class PdfPigPageParser(PdfPigPageParserOptions? options = null) : IPageParser
{
    private readonly PdfPigPageParserOptions _options = options ?? new PdfPigPageParserOptions();

    public string Name => "pdfpig";

    public ParsedPage Parse(Page page)
    {
        var clock = Stopwatch.StartNew();
        var width = page.Width;
        var height = page.Height;
        var glyphs = CollectGlyphs(page, width, height);
        var words = BuildWords(glyphs);
        var lines = BuildLines(words);
        var unclearTables = 0;
        var blocks = lines.Count == 0 ? [] : BuildBlocks(lines, width, height, out unclearTables);
        var chars = 0;
        foreach (var block in blocks)
        {
            chars += block.Text.Length;
        }

        return new ParsedPage(page.Number, width, height, blocks, chars, clock.Elapsed.TotalMilliseconds) { UnclearTables = unclearTables };
    }

    /// <summary>A letter in reading space: x along the text direction, y upwards, whatever the page rotation.</summary>
    internal readonly record struct Glyph(string Value, double Left, double Right, double Bottom, double Top, double Baseline, double Size, bool Bold, bool Italic);

    internal sealed class Word
    {
        public required string Text;
        public double Left, Right, Bottom, Top, Baseline, Size;
        public bool Bold;
        public double CenterY => (Bottom + Top) / 2;
    }

    internal sealed class Line
    {
        public readonly List<Word> Words = [];
        public double Left = double.MaxValue, Right = double.MinValue, Bottom = double.MaxValue, Top = double.MinValue;
        public double Size;
        public double Baseline;
        public bool Bold;
        public string Text = "";

        /// <summary>A whole table found by <see cref="AlignedColumnTables"/>: <see cref="Text"/> is its Markdown.</summary>
        public bool IsTable;
        public double Width => Right - Left;
        public double Height => Top - Bottom;

        public void Add(Word w)
        {
            Words.Add(w);
            Left = Math.Min(Left, w.Left);
            Right = Math.Max(Right, w.Right);
            Bottom = Math.Min(Bottom, w.Bottom);
            Top = Math.Max(Top, w.Top);
        }

        public void Finish()
        {
            Words.Sort((a, b) => a.Left.CompareTo(b.Left));
            var sb = new StringBuilder();
            double sizeSum = 0, chars = 0, boldChars = 0;
            foreach (var w in Words)
            {
                if (sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(w.Text);
                sizeSum += w.Size * w.Text.Length;
                chars += w.Text.Length;
                if (w.Bold)
                {
                    boldChars += w.Text.Length;
                }
            }

            // Letters were read left to right by position: a line with right-to-left script is put in logical order.
            Text = UnicodeBidi.VisualToLogical(sb.ToString());
            Size = chars > 0 ? sizeSum / chars : 0;
            Bold = chars > 0 && boldChars / chars > 0.8;
        }
    }

    private List<Glyph> CollectGlyphs(Page page, double width, double height)
    {
        var letters = page.Letters;
        var glyphs = new List<Glyph>(letters.Count);
        if (letters.Count == 0)
        {
            return glyphs;
        }

        // The dominant orientation is the page's reading direction; rotated scans and landscape tables are read in it.
        Span<int> counts = stackalloc int[6];
        foreach (var l in letters)
        {
            counts[(int)l.TextOrientation]++;
        }

        var dominant = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[dominant])
            {
                dominant = i;
            }
        }

        var margin = _options.MarginShare;
        foreach (var l in letters)
        {
            var value = l.Value;
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            var orientation = (int)l.TextOrientation;
            var box = l.BoundingBox;
            if (orientation != dominant)
            {
                // Margin stamps (arXiv identifiers, "Downloaded from …") run across the page's direction near an edge.
                var cx = (box.Left + box.Right) / 2;
                var cy = (box.Bottom + box.Top) / 2;
                if (cx < width * margin || cx > width * (1 - margin) || cy < height * margin || cy > height * (1 - margin))
                {
                    continue;
                }
            }

            var size = l.PointSize > 0.5 ? l.PointSize : Math.Max(box.Height, 1);
            var font = l.FontName ?? "";
            var bold = IsBoldFont(font);
            var italic = font.Contains("Italic", StringComparison.OrdinalIgnoreCase) || font.Contains("Oblique", StringComparison.OrdinalIgnoreCase) || font.Contains("CMTI", StringComparison.Ordinal) || font.Contains("CMMI", StringComparison.Ordinal);
            var sb = l.StartBaseLine;
            var eb = l.EndBaseLine;
            double left, right, bottom, top, baseline;
            switch (l.TextOrientation)
            {
                case UglyToad.PdfPig.Content.TextOrientation.Rotate90:
                    // Text runs upwards: reading x is page y, reading y is -page x.
                    left = Math.Min(sb.Y, eb.Y); right = Math.Max(sb.Y, eb.Y);
                    bottom = -box.Right; top = -box.Left; baseline = -sb.X;
                    break;
                case UglyToad.PdfPig.Content.TextOrientation.Rotate270:
                    left = -Math.Max(sb.Y, eb.Y); right = -Math.Min(sb.Y, eb.Y);
                    bottom = box.Left; top = box.Right; baseline = sb.X;
                    break;
                case UglyToad.PdfPig.Content.TextOrientation.Rotate180:
                    left = -Math.Max(sb.X, eb.X); right = -Math.Min(sb.X, eb.X);
                    bottom = -box.Top; top = -box.Bottom; baseline = -sb.Y;
                    break;
                default:
                    left = Math.Min(sb.X, eb.X); right = Math.Max(sb.X, eb.X);
                    if (right - left < 1e-6)
                    {
                        left = box.Left; right = box.Right;
                    }

                    bottom = Math.Min(box.Bottom, sb.Y); top = Math.Max(box.Top, sb.Y + size * 0.5); baseline = sb.Y;
                    break;
            }

            var text = Normalize(value);
            if (text.Length == 0)
            {
                continue;
            }

            glyphs.Add(new Glyph(text, left, right, bottom, top, baseline, size, bold, italic));
        }

        return glyphs;
    }

    /// <summary>Weight from the font name: Bold, TeX's bold cuts, and the heavier cuts of URW and Adobe families (Medi, Semibold, Demi, Heavy, Black).</summary>
    internal static bool IsBoldFont(string font) =>
        font.Contains("Bold", StringComparison.OrdinalIgnoreCase) || font.Contains(".B", StringComparison.Ordinal) || IsTexBold(font.AsSpan(font.IndexOf('+', StringComparison.Ordinal) + 1))
        || font.Contains("-Medi", StringComparison.Ordinal) || font.Contains("Semibold", StringComparison.OrdinalIgnoreCase)
        || font.Contains("Demi", StringComparison.Ordinal) || font.Contains("Heavy", StringComparison.Ordinal) || font.Contains("Black", StringComparison.Ordinal);

    /// <summary>TeX's bold cuts: CMBX10, SFBX1000 (cm-super), ECBX, TCBX, CMB10.</summary>
    private static bool IsTexBold(ReadOnlySpan<char> name) =>
        name.Length > 4 && (name.StartsWith("CM") || name.StartsWith("SF") || name.StartsWith("EC") || name.StartsWith("TC"))
        && name[2] == 'B' && (name[3] == 'X' || char.IsAsciiDigit(name[3]));

    /// <summary>
    /// Ligatures become their letters and Arabic presentation forms their letters; invisible format characters (zero-width
    /// space, word joiner, byte-order mark, bidirectional controls) are dropped, since geometry decides spacing and order.
    /// Other code points (math included) stay as drawn.
    /// </summary>
    internal static string Normalize(string value)
    {
        if (value.Length == 1 && value[0] is '\u200B' or '\u2060' or '\uFEFF' or '\u200E' or '\u200F' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
        {
            return "";
        }

        if (UnicodeBidi.HasRightToLeft(value))
        {
            return RightToLeftGlyph(value);
        }

        return NormalizeLatin(value);
    }

    /// <summary>
    /// A right-to-left glyph's text in visual order, as the line will be reversed later: presentation forms become
    /// letters (a lam-alef ligature maps to two), and a glyph standing for several letters is reversed with its line.
    /// </summary>
    private static string RightToLeftGlyph(string value)
    {
        var text = value;
        foreach (var c in value)
        {
            if (c is >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFE')
            {
                text = value.Normalize(NormalizationForm.FormKC);
                break;
            }
        }

        text = text.Replace("\u200B", "", StringComparison.Ordinal).Replace("\uFEFF", "", StringComparison.Ordinal);
        if (text.Length < 2)
        {
            return text;
        }

        var chars = text.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    private static string NormalizeLatin(string value) => value switch
    {
        "ﬀ" => "ff",
        "ﬁ" => "fi",
        "ﬂ" => "fl",
        "ﬃ" => "ffi",
        "ﬄ" => "ffl",
        "ﬅ" or "ﬆ" => "st",
        "\u00AD" => "-",
        _ => value,
    };

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

    private List<Word> BuildWords(List<Glyph> glyphs)
    {
        glyphs = ComposeAccents(glyphs);
        if (glyphs.Exists(g => UnicodeBidi.HasRightToLeft(g.Value)))
        {
            // Right-to-left text may be drawn right to left (logical order) or left to right (visual order); reading
            // every row by position makes both visual, and the bidirectional algorithm restores the logical order.
            glyphs = InVisualOrder(glyphs);
        }

        // Letters come in drawing order, which for almost every producer is reading order within a word.
        var words = new List<Word>(glyphs.Count / 4 + 1);
        var sb = new StringBuilder();
        Word? current = null;
        double boldCount = 0;
        Glyph prev = default;
        foreach (var g in glyphs)
        {
            var start = current is null;
            if (!start)
            {
                var size = Math.Max(g.Size, prev.Size);
                var gap = g.Left - prev.Right;
                var sameLine = Math.Abs(g.Baseline - prev.Baseline) < 0.45 * size || (g.Bottom < prev.Top && g.Top > prev.Bottom && Math.Abs(g.Baseline - prev.Baseline) < 0.7 * size);
                // A jump in size (a drop cap beside its first word) also starts a word.
                var sizeJump = size > 1.6 * Math.Min(g.Size, prev.Size);
                start = !sameLine || sizeJump || gap > _options.WordGapEm * size || gap < -0.5 * size;
            }

            if (start)
            {
                if (current is not null)
                {
                    Close(current, sb, boldCount);
                    words.Add(current);
                }

                current = new Word { Text = "", Left = g.Left, Right = g.Right, Bottom = g.Bottom, Top = g.Top, Baseline = g.Baseline, Size = g.Size };
                sb.Clear();
                boldCount = 0;
            }
            else
            {
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

        static void Close(Word w, StringBuilder sb, double bold)
        {
            // Two single quotes set as a pair are the double quote TeX means by `` and ''.
            w.Text = sb.ToString().Replace("\u2018\u2018", "\u201C", StringComparison.Ordinal).Replace("\u2019\u2019", "\u201D", StringComparison.Ordinal);
            w.Bold = bold >= w.Text.Length * 0.8;
        }
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

    private List<Line> BuildLines(List<Word> words)
    {
        // Sweep down the page by baseline: a word joins the open line whose baseline is nearest, within a third of
        // its size. Sub- and superscripts (smaller words off the baseline) are attached afterwards.
        words.Sort((a, b) => b.Baseline.CompareTo(a.Baseline));
        var open = new List<Line>();
        var done = new List<Line>();
        var small = new List<Word>();
        var median = MedianSize(words);
        var dropCaps = new List<Word>();
        foreach (var w in words)
        {
            if (w.Size >= 2.2 * median && w.Text.Length == 1 && char.IsLetter(w.Text[0]))
            {
                dropCaps.Add(w);
                continue;
            }

            if (w.Size < 0.8 * median)
            {
                small.Add(w);
                continue;
            }

            for (var i = open.Count - 1; i >= 0; i--)
            {
                if (open[i].Baseline - w.Baseline > 2 * w.Size)
                {
                    done.Add(open[i]);
                    open.RemoveAt(i);
                }
            }

            Line? best = null;
            var bestDistance = double.MaxValue;
            foreach (var line in open)
            {
                var distance = Math.Abs(line.Baseline - w.Baseline);
                if (distance <= 0.33 * Math.Max(w.Size, line.Size) && distance < bestDistance)
                {
                    best = line;
                    bestDistance = distance;
                }
            }

            if (best is null)
            {
                best = new Line { Baseline = w.Baseline, Size = w.Size };
                open.Add(best);
            }

            best.Add(w);
        }

        done.AddRange(open);
        AttachSmallWords(done, small);
        AttachDropCaps(done, dropCaps, median);
        // Split each line at wide gaps: column gutters and table cells.
        var result = new List<Line>(done.Count);
        foreach (var line in done)
        {
            line.Words.Sort((a, b) => a.Left.CompareTo(b.Left));
            var part = new Line();
            Word? prev = null;
            foreach (var w in line.Words)
            {
                if (prev is not null && SplitsLine(prev, w, part.Words.Count == 1))
                {
                    part.Finish();
                    result.Add(part);
                    part = new Line();
                }

                part.Add(w);
                prev = w;
            }

            part.Finish();
            result.Add(part);
        }

        return result;
    }

    /// <summary>A wide gap splits a line; so does a smaller one where the font size changes (an abstract beside a column).</summary>
    private bool SplitsLine(Word prev, Word next, bool prevIsFirst)
    {
        var gap = next.Left - prev.Right;
        // A section number keeps its title however wide the space after it ("5.1   Hyper Parameter Optimization").
        if (prevIsFirst && gap < 4 * prev.Size && (prev.Bold || next.Bold) && BlockBuilder.IsSectionNumber(prev.Text) && next.Text.Length > 0 && char.IsUpper(next.Text[0]))
        {
            return false;
        }

        var large = Math.Max(prev.Size, next.Size);
        var small = Math.Min(prev.Size, next.Size);
        return gap > _options.LineSplitGapEm * large
            || (large > 1.2 * small && small >= 0.64 * large && gap > 0.6 * large);
    }

    /// <summary>
    /// A drop cap (one big initial letter spanning several lines) becomes the first letter of the line beside its
    /// top; left alone it would be a line of its own and split its word ("O" + "ver the past").
    /// </summary>
    private static void AttachDropCaps(List<Line> lines, List<Word> caps, double median)
    {
        foreach (var cap in caps)
        {
            Line? best = null;
            foreach (var line in lines)
            {
                var first = line.Words.MinBy(w => w.Left);
                if (first is null || first.Left < cap.Right - 0.5 || first.Left - cap.Right > 1.5 * median
                    || line.Top > cap.Top + 1.0 * median || line.Top < cap.Top - 1.5 * median)
                {
                    continue;
                }

                if (best is null || line.Top > best.Top)
                {
                    best = line;
                }
            }

            if (best is null)
            {
                // Not a drop cap after all: keep it as a line of its own.
                var alone = new Line { Baseline = cap.Baseline, Size = cap.Size };
                alone.Add(cap);
                lines.Add(alone);
                continue;
            }

            var head = best.Words.MinBy(w => w.Left)!;
            head.Text = cap.Text + head.Text;
            head.Left = cap.Left;
            best.Left = Math.Min(best.Left, cap.Left);
        }
    }

    private static double MedianSize(List<Word> words)
    {
        if (words.Count == 0)
        {
            return 10;
        }

        var sizes = new double[words.Count];
        for (var i = 0; i < sizes.Length; i++)
        {
            sizes[i] = words[i].Size;
        }

        Array.Sort(sizes);
        return sizes[sizes.Length / 2];
    }

    /// <summary>
    /// Small words join the line whose body they touch and whose words they sit next to (scripts, footnote marks);
    /// the rest (footnotes, captions in small type) form lines of their own.
    /// </summary>
    private static void AttachSmallWords(List<Line> lines, List<Word> small)
    {
        var orphans = new List<Line>();
        foreach (var w in small)
        {
            Line? best = null;
            var bestDistance = double.MaxValue;
            foreach (var line in lines)
            {
                var overlap = Math.Min(line.Top, w.Top) - Math.Max(line.Bottom, w.Bottom);
                if (overlap <= 0.3 * (w.Top - w.Bottom))
                {
                    continue;
                }

                var dx = w.Left > line.Right ? w.Left - line.Right : line.Left > w.Right ? line.Left - w.Right : 0;
                if (dx > 0.6 * line.Size)
                {
                    continue;
                }

                // Prefer the line whose baseline is closest.
                var distance = Math.Abs(line.Baseline - w.Baseline);
                if (distance < bestDistance)
                {
                    best = line;
                    bestDistance = distance;
                }
            }

            if (best is not null && bestDistance < 0.8 * best.Size)
            {
                best.Add(w);
                continue;
            }

            var own = orphans.Find(l => Math.Abs(l.Baseline - w.Baseline) <= 0.33 * Math.Max(w.Size, l.Size));
            if (own is null)
            {
                own = new Line { Baseline = w.Baseline, Size = w.Size };
                orphans.Add(own);
            }

            own.Add(w);
        }

        lines.AddRange(orphans);
    }

    private List<TextBlock> BuildBlocks(List<Line> lines, double pageWidth, double pageHeight, out int unclearTables)
    {
        var body = BodySize(lines);
        var (header, footer) = SplitMargins(lines, pageHeight, body);
        var ordered = new List<Line>(lines.Count);
        // A page written mostly right to left reads its columns and the cells of a row from the right.
        var rtlChars = lines.Sum(l => UnicodeBidi.HasRightToLeft(l.Text) ? l.Text.Length : 0);
        var rightToLeft = rtlChars > 0.5 * lines.Sum(l => l.Text.Length);
        unclearTables = AlignedColumnTables.Extract(lines, body, pageWidth, rightToLeft);
        Order(lines, ordered, body, rightToLeft, depth: 0);
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

    /// <summary>
    /// Takes the page's margin furniture out of <paramref name="lines"/>: at most <see cref="MaxMarginRows"/> rows of
    /// text at the very top (or bottom) of the page, inside the outer <see cref="PdfPigPageParserOptions.MarginShare"/>
    /// of its height, no larger than body text and set off from the body by a blank gap. This is where journals put
    /// running heads, download stamps, page numbers and copyright lines, even on a single page with nothing to repeat.
    /// </summary>
    private (List<Line> Header, List<Line> Footer) SplitMargins(List<Line> lines, double pageHeight, double body)
    {
        if (pageHeight <= 0 || lines.Count < 6)
        {
            return ([], []);
        }

        // Text whose middle lies outside the page is never seen by a reader (clipped printer's marks, stray glyphs).
        lines.RemoveAll(l => (l.Top + l.Bottom) / 2 > pageHeight || (l.Top + l.Bottom) / 2 < 0);
        var rows = Rows(lines);
        var total = lines.Sum(l => l.Text.Length);
        var header = TakeMargin(rows, fromTop: true, pageHeight, body, total);
        var footer = TakeMargin(rows, fromTop: false, pageHeight, body, total);
        if (header.Count + footer.Count > 0)
        {
            var taken = new HashSet<Line>(header.Concat(footer));
            lines.RemoveAll(taken.Contains);
        }

        return (header, footer);
    }

    private const int MaxMarginRows = 3;

    private List<Line> TakeMargin(List<List<Line>> rows, bool fromTop, double pageHeight, double body, int totalChars)
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

        var taken = new List<Line>();
        for (var k = 0; k < best; k++)
        {
            taken.AddRange(rows[fromTop ? k : rows.Count - 1 - k]);
        }

        taken.Sort((a, b) => b.Top != a.Top ? b.Top.CompareTo(a.Top) : a.Left.CompareTo(b.Left));
        return taken;
    }

    /// <summary>Lines grouped into visual rows (vertically overlapping), top row first.</summary>
    internal static List<List<Line>> Rows(List<Line> lines)
    {
        var sorted = lines.OrderByDescending(l => l.Top).ToList();
        var rows = new List<List<Line>>();
        var row = new List<Line>();
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

    private static double BodySize(List<Line> lines)
    {
        // The font size carrying the most characters, rounded to half points.
        var histogram = new Dictionary<double, int>();
        foreach (var line in lines)
        {
            var key = Math.Round(line.Size * 2) / 2;
            histogram[key] = histogram.GetValueOrDefault(key) + line.Text.Length;
        }

        var best = 10.0;
        var bestCount = -1;
        foreach (var (size, count) in histogram)
        {
            if (count > bestCount)
            {
                best = size;
                bestCount = count;
            }
        }

        return Math.Max(best, 1);
    }

    private void Order(List<Line> lines, List<Line> output, double body, bool rightToLeft, int depth)
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

        // Lines that cross the gutter (titles, full-width figures' captions) cut the region into bands.
        lines.Sort((a, b) => b.Top.CompareTo(a.Top));
        var band = new List<Line>();
        foreach (var line in lines)
        {
            if (line.Left < g.To && line.Right > g.From)
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

    private void FlushBand(List<Line> band, List<Line> output, (double From, double To) gutter, double body, bool rightToLeft, int depth)
    {
        if (band.Count == 0)
        {
            return;
        }

        var mid = (gutter.From + gutter.To) / 2;
        var leftSide = band.Where(l => l.Right <= mid).ToList();
        var rightSide = band.Where(l => l.Right > mid).ToList();
        Order(rightToLeft ? rightSide : leftSide, output, body, rightToLeft, depth + 1);
        Order(rightToLeft ? leftSide : rightSide, output, body, rightToLeft, depth + 1);
        band.Clear();
    }

    private static (List<Line> Above, List<Line> Below)? SplitAtWidestRowGap(List<Line> lines, double body)
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
    private (double From, double To)? FindGutter(List<Line> lines, double left, double right, double body)
    {
        var regionWidth = right - left;
        if (regionWidth <= 0)
        {
            return null;
        }

        // Columns are found among the narrow lines: full-width lines are the bands' separators.
        var narrow = new List<Line>();
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

    private static void AppendTopDown(List<Line> lines, List<Line> output, bool rightToLeft)
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
                lines.Sort(i, j - i, rightToLeft ? Comparer<Line>.Create((a, b) => b.Right.CompareTo(a.Right)) : Comparer<Line>.Create((a, b) => a.Left.CompareTo(b.Left)));
            }

            for (var k = i; k < j; k++)
            {
                output.Add(lines[k]);
            }

            i = j;
        }
    }
}
