using System.Text;
using UglyToad.PdfPig.Content;

namespace SciCurate.Parsers.Pdf;

/// <summary>
/// Reads PdfPig's letters into <see cref="Glyph"/>s in reading space: the page's dominant text orientation decides
/// what is x and y, so rotated pages read like upright ones. Letters are normalised (ligatures, presentation forms,
/// invisible controls) and carry their weight and slant from the font name.
/// </summary>
internal sealed class OrientedGlyphReader(PdfPigPageParserOptions options)
{
    private readonly PdfPigPageParserOptions _options = options;

    /// <summary>The page's visible letters as glyphs in its dominant reading direction; margin stamps across it are dropped.</summary>
    public GlyphFrame Read(Page page)
    {
        var width = page.Width;
        var height = page.Height;
        var letters = page.Letters;
        var glyphs = new List<Glyph>(letters.Count);
        if (letters.Count == 0)
        {
            return new GlyphFrame(glyphs, width, height);
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
        // A space the producer drew (word processors and browsers do, TeX does not) separates words even where
        // tight setting leaves less room than the gap rule wants ("values,such").
        var spaceDrawn = false;
        foreach (var l in letters)
        {
            var value = l.Value;
            if (string.IsNullOrWhiteSpace(value))
            {
                spaceDrawn |= value.Length > 0;
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
            var sideways = l.TextOrientation is UglyToad.PdfPig.Content.TextOrientation.Rotate90 or UglyToad.PdfPig.Content.TextOrientation.Rotate270;
            // Which way sideways text runs is read from its baseline, not from the orientation's name.
            var upward = Math.Abs(eb.Y - sb.Y) > 1e-6 ? eb.Y > sb.Y : l.TextOrientation == UglyToad.PdfPig.Content.TextOrientation.Rotate90;
            switch (l.TextOrientation)
            {
                case var _ when sideways && upward:
                    // Text runs upwards: reading x is page y, reading y is -page x.
                    left = Math.Min(sb.Y, eb.Y); right = Math.Max(sb.Y, eb.Y);
                    bottom = -box.Right; top = -box.Left; baseline = -sb.X;
                    break;
                case var _ when sideways:
                    // Text runs downwards: reading x is -page y, reading y is page x.
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

            if (orientation == dominant)
            {
                // The page's own direction is moved into a frame starting at 0 (a /Rotate 90 page, a landscape table
                // printed sideways), so that margins and the page's extent mean what they mean on an upright page.
                // Letters across it keep their own frame: text turned against the page (axis labels) mostly lies
                // outside the page there, and the margin step drops it.
                if (sideways && upward)
                {
                    bottom += width; top += width; baseline += width;
                }
                else if (sideways)
                {
                    left += height; right += height;
                }
                else if (l.TextOrientation == UglyToad.PdfPig.Content.TextOrientation.Rotate180)
                {
                    left += width; right += width; bottom += height; top += height; baseline += height;
                }
            }

            var text = Normalize(value);
            if (text.Length == 0)
            {
                continue;
            }

            glyphs.Add(new Glyph(text, left, right, bottom, top, baseline, size, bold, italic) { SpaceBefore = spaceDrawn });
            spaceDrawn = false;
        }

        var readSideways = (UglyToad.PdfPig.Content.TextOrientation)dominant is UglyToad.PdfPig.Content.TextOrientation.Rotate90 or UglyToad.PdfPig.Content.TextOrientation.Rotate270;
        return readSideways ? new GlyphFrame(glyphs, height, width) : new GlyphFrame(glyphs, width, height);
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

        if (HasNoText(value))
        {
            value = WithoutNonText(value);
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

    /// <summary>
    /// A control character, U+FFFD or half of a surrogate pair is what a font without a Unicode map yields for a glyph
    /// (a shifted encoding reads "\x02\x03\x04"): no reader sees it as text, and it must not reach the output.
    /// </summary>
    private static bool HasNoText(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || c == '\uFFFD')
            {
                return true;
            }

            if (char.IsSurrogate(c))
            {
                if (!char.IsSurrogatePair(value, i))
                {
                    return true;
                }

                i++;
            }
        }

        return false;
    }

    private static string WithoutNonText(string value)
    {
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogatePair(value, i))
            {
                sb.Append(c).Append(value[++i]);
            }
            else if (!char.IsControl(c) && c != '\uFFFD' && !char.IsSurrogate(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
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
}
