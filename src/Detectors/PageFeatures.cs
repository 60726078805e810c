using SciCurate.Parsers.Pdf;
using System.Text;
using UglyToad.PdfPig.Content;

namespace SciCurate.Detectors;

/// <summary>
/// Features of a parsed page that tell whether its cheap text is trustworthy.
/// The order of <see cref="Values"/> is <see cref="PageFeatureExtractor.Names"/>, versioned by <see cref="PageFeatureExtractor.SchemaVersion"/>.
/// </summary>
public sealed record PageFeatures(float[] Values)
{
    public float this[string name] => Values[PageFeatureExtractor.IndexOf(name)];

    /// <summary>True when the page has no text a parser could use: a scan, a page drawn as an image, or an OCR layer over an image.</summary>
    public bool NoTextLayer => PageFeatureExtractor.IsNoTextLayer(Values);

    /// <summary>Tables the cheap parser saw but could not lay out as rows and columns (not a model input).</summary>
    public int UnclearTables { get; init; }

    /// <summary>
    /// Share of the visible letters set in a broken font: one that maps some glyphs to text and leaves at least
    /// <see cref="PageFeatureExtractor.BrokenFontUnmappedShare"/> of its own glyphs without a Unicode value. Its mapped
    /// glyphs are then as untrustworthy as the rest (mojibake: real letters, wrong ones). Not a model input.
    /// </summary>
    public double BrokenFontShare { get; init; }
}

/// <summary>
/// Computes <see cref="PageFeatures"/> from a PdfPig page and its cheap parse. One pass over the letters, one over the
/// drawn paths: cheap next to the parse itself. Shares are per visible letter (or per token) so page size does not matter.
/// </summary>
public static class PageFeatureExtractor
{
    /// <summary>Bump when a feature is added, removed, reordered or computed differently: models trained on another schema are refused.</summary>
    public const int SchemaVersion = 4;

    /// <summary>
    /// A font with this share of its glyphs unmapped is broken. Symbol fonts (checkboxes, bullets) are wholly unmapped
    /// and so never broken; a text font with one unmapped ligature in a page of letters stays under it.
    /// </summary>
    public const double BrokenFontUnmappedShare = 0.05;

    public static readonly IReadOnlyList<string> Names =
    [
        "log_letters",          // ln(1 + visible non-space letters)
        "text_coverage",        // glyph boxes' area / page area
        "image_coverage",       // image boxes' area / page area (clipped to 1)
        "invisible_text_share", // letters drawn invisible (an OCR layer over a scan)
        "math_font_share",      // letters in a math font (CMMI, CMSY, CMEX, MSBM, LMMath…, Symbol, STIX math…); angle brackets excepted
        "math_unicode_share",   // letters in math Unicode blocks (operators, arrows, letterlike, math alphanumerics…)
        "greek_share",          // Greek letters
        "unmapped_share",       // private-use, U+FFFD, control characters, (cid:N): glyphs without a Unicode mapping
        "baseline_shift_share", // letters raised or lowered against their neighbour and smaller: sub/superscripts
        "small_glyph_share",    // letters under 80% of the page's body size
        "italic_single_share",  // isolated one-letter tokens in a text italic font (variables typed as italics; also "A" in an italic title), per token
        "math_single_share",    // isolated one-letter tokens in a math font or a math alphabet (variables set by TeX or an equation editor), per token
        "math_ascii_share",     // = + < > ^ | / * ~ among letters
        "digit_share",
        "paren_share",          // ( ) [ ] { } ⟨ ⟩
        "fraction_bar_count",   // short horizontal rules with text just above and below, ln(1 + n)
        "hrule_count",          // longer horizontal rules, ln(1 + n)
        "vrule_count",          // vertical rules, ln(1 + n)
        "stopword_share",       // tokens that are common function words of the page's best-matching language (en, de, fr, es, it, pt, nl, ru)
        "nonword_share",        // Latin-script tokens with no vowel, or tokens mixing letters and symbols: garbage text
        "vowel_share",          // vowels among Latin letters (shifted encodings drift off the usual ~0.38)
        "mean_token_length",
        "short_token_share",    // tokens of one or two characters
        "gap_line_share",       // lines with two or more wide gaps: table-like alignment
        "font_count",           // ln(1 + distinct font names)
        "log_blocks",           // ln(1 + blocks from the cheap parse)
        "chars_per_letter",     // parsed text length / letters: low when the parser dropped or merged text
        "log_math_glyphs",      // ln(1 + letters in a math font or a math/Greek code point): a logo's ε is one, a formula page has dozens.
                                // Angle brackets are not counted anywhere as math: manuals write ⟨meta⟩ arguments with them.
    ];

    private static readonly Dictionary<string, int> Index = BuildIndex();

    private static Dictionary<string, int> BuildIndex()
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Names.Count; i++)
        {
            d[Names[i]] = i;
        }

        return d;
    }

    public static int IndexOf(string name) =>
        Index.TryGetValue(name, out var i) ? i : throw new ArgumentException($"unknown feature '{name}'", nameof(name));

    /// <summary>
    /// No text the cheap parser can trust: fewer than 50 visible letters over a page that is partly image, an image
    /// covering (nearly) the whole page (a scan, whose OCR layer, if any, lies under or over the picture), or text that is
    /// mostly invisible over an image (an OCR layer). A page with neither text nor image is blank, not hard.
    /// </summary>
    public static bool IsNoTextLayer(ReadOnlySpan<float> v)
    {
        var letters = Math.Exp(v[IndexOf("log_letters")]) - 1;
        var image = v[IndexOf("image_coverage")];
        var invisible = v[IndexOf("invisible_text_share")];
        return (letters < 50 && image > 0.2) || image >= 0.9 || (image > 0.4 && invisible > 0.5);
    }

    public static PageFeatures Extract(Page page, ParsedPage parsed)
    {
        var width = Math.Max(page.Width, 1);
        var height = Math.Max(page.Height, 1);
        var area = width * height;
        var values = new float[Names.Count];
        var letters = page.Letters;

        // Body size: the most common rounded point size among visible letters.
        Span<int> sizeHistogram = stackalloc int[64];
        var visible = 0;
        var invisible = 0;
        foreach (var l in letters)
        {
            if (string.IsNullOrWhiteSpace(l.Value))
            {
                continue;
            }

            if (l.RenderingMode == UglyToad.PdfPig.Core.TextRenderingMode.Neither)
            {
                invisible++;
                continue;
            }

            visible++;
            var s = (int)Math.Round(Size(l));
            sizeHistogram[Math.Clamp(s, 0, 63)]++;
        }

        var bodySize = 10.0;
        var best = -1;
        for (var i = 1; i < 64; i++)
        {
            if (sizeHistogram[i] > best)
            {
                best = sizeHistogram[i];
                bodySize = i;
            }
        }

        double glyphArea = 0;
        int mathFont = 0, mathUnicode = 0, greek = 0, unmapped = 0, shifted = 0, small = 0, mathAscii = 0, digits = 0, parens = 0;
        int latin = 0, vowels = 0, mathGlyphs = 0;
        var fonts = new HashSet<string>(StringComparer.Ordinal);
        var lettersByFont = new Dictionary<string, (int Letters, int Unmapped)>(StringComparer.Ordinal);
        string? lastFontName = null;
        var lastFontIsMath = false;
        int fontLetters = 0, fontUnmapped = 0;

        // Letters of one font come in runs: counted in locals, added to the font's totals when the font changes.
        void CountFontLetters()
        {
            if (fontLetters > 0)
            {
                ref var inFont = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(lettersByFont, lastFontName ?? "", out _);
                inFont.Letters += fontLetters;
                inFont.Unmapped += fontUnmapped;
            }

            fontLetters = 0;
            fontUnmapped = 0;
        }

        // Tokens: runs of adjacent letters on one baseline, built here so the features do not depend on the parser's words.
        var tokens = 0;
        int nonword = 0, shortTokens = 0, italicSingles = 0, mathSingles = 0;
        var stopByLanguage = new int[FunctionWordLanguages];
        long tokenChars = 0;
        var token = new System.Text.StringBuilder(32);
        var tokenItalic = true;
        var tokenMathFont = true;
        var tokenHasMath = false;
        Letter? prev = null;

        // Lines: consecutive tokens on one baseline; a wide gap (> 2 em) inside a line is a column or cell boundary.
        int lines = 0, gapLines = 0, lineGaps = 0;

        void CloseToken()
        {
            if (token.Length == 0)
            {
                return;
            }

            tokens++;
            tokenChars += token.Length;
            if (token.Length <= 2)
            {
                shortTokens++;
            }

            if (IsSingleLetter(token))
            {
                if (tokenMathFont)
                {
                    mathSingles++;
                }
                else if (tokenItalic)
                {
                    italicSingles++;
                }
            }

            ClassifyToken(token, tokenHasMath, stopByLanguage, ref nonword);
            token.Clear();
            tokenItalic = true;
            tokenMathFont = true;
            tokenHasMath = false;
        }

        foreach (var l in letters)
        {
            var value = l.Value;
            if (string.IsNullOrWhiteSpace(value))
            {
                CloseToken();
                continue;
            }

            if (l.RenderingMode == UglyToad.PdfPig.Core.TextRenderingMode.Neither)
            {
                continue;
            }

            var box = l.BoundingBox;
            glyphArea += Math.Abs(box.Width * box.Height);
            var size = Size(l);
            var fontName = l.FontName ?? "";
            if (!ReferenceEquals(fontName, lastFontName) && fontName != lastFontName)
            {
                CountFontLetters();
                lastFontName = fontName;
                lastFontIsMath = IsMathFont(fontName);
                fonts.Add(fontName);
            }

            var bracket = IsAngleBracket(value);
            var inMathFont = lastFontIsMath && !bracket;
            if (inMathFont)
            {
                mathFont++;
            }

            var italic = IsItalicFont(fontName);
            if (size < 0.8 * bodySize)
            {
                small++;
            }

            var isMathChar = false;
            var mathGlyph = inMathFont;
            var unmappedGlyph = false;
            foreach (var ch in value)
            {
                var kind = Classify(ch);
                switch (kind)
                {
                    case CharKind.MathSymbol: mathUnicode++; isMathChar = true; mathGlyph = true; break;
                    case CharKind.Greek: greek++; isMathChar = true; mathGlyph = true; break;
                    case CharKind.Unmapped: unmapped++; unmappedGlyph = true; break;
                    case CharKind.MathAscii: mathAscii++; isMathChar = true; break;
                    case CharKind.Digit: digits++; break;
                    case CharKind.Paren: parens++; break;
                    case CharKind.Vowel: vowels++; latin++; break;
                    case CharKind.Consonant: latin++; break;
                    default: break;
                }
            }

            if (mathGlyph)
            {
                mathGlyphs++;
            }

            if (value.Contains("cid:", StringComparison.Ordinal))
            {
                unmapped++;
                unmappedGlyph = true;
            }

            fontLetters++;
            fontUnmapped += unmappedGlyph ? 1 : 0;

            var newToken = true;
            var newLine = true;
            if (prev is not null)
            {
                var pSize = Size(prev);
                var em = Math.Max(size, pSize);
                var dy = l.StartBaseLine.Y - prev.StartBaseLine.Y;
                var gap = l.StartBaseLine.X - prev.EndBaseLine.X;
                var horizontallyNear = gap > -0.3 * em && gap < 0.6 * em;
                if (horizontallyNear && Math.Abs(dy) > 0.12 * em && Math.Abs(dy) < 0.8 * em && Math.Abs(size - pSize) > 0.1 * em)
                {
                    shifted++;
                }

                var sameBaseline = Math.Abs(dy) < 0.12 * em;
                newToken = !(sameBaseline && gap > -0.3 * em && gap < 0.15 * em);
                newLine = !(Math.Abs(dy) < 0.5 * em && gap > -0.5 * em);
                if (!newLine && gap > 2 * em)
                {
                    lineGaps++;
                }
            }

            if (newLine)
            {
                if (lines > 0 && lineGaps >= 2)
                {
                    gapLines++;
                }

                lines++;
                lineGaps = 0;
            }

            if (newToken)
            {
                CloseToken();
            }

            token.Append(value);
            tokenItalic &= italic;
            tokenMathFont &= inMathFont || IsMathAlphanumeric(value);
            tokenHasMath |= isMathChar || inMathFont;
            prev = l;
        }

        CloseToken();
        if (lineGaps >= 2)
        {
            gapLines++;
        }

        double imageArea = 0;
        try
        {
            foreach (var image in page.GetImages())
            {
                var r = image.BoundingBox;
                var w = Math.Max(0, Math.Min(r.Right, width) - Math.Max(r.Left, 0));
                var h = Math.Max(0, Math.Min(r.Top, height) - Math.Max(r.Bottom, 0));
                imageArea += w * h;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A broken image stream says nothing about the text: leave the coverage at what was read.
        }

        CountRules(page, letters, bodySize, width, out var fractionBars, out var hrules, out var vrules);

        var n = Math.Max(visible, 1);
        var t = Math.Max(tokens, 1);
        var stop = 0;
        foreach (var hits in stopByLanguage)
        {
            stop = Math.Max(stop, hits);
        }

        values[0] = (float)Math.Log(1 + visible);
        values[1] = (float)Math.Min(1, glyphArea / area);
        values[2] = (float)Math.Min(1, imageArea / area);
        values[3] = (float)invisible / Math.Max(visible + invisible, 1);
        values[4] = (float)mathFont / n;
        values[5] = (float)mathUnicode / n;
        values[6] = (float)greek / n;
        values[7] = (float)unmapped / n;
        values[8] = (float)shifted / n;
        values[9] = (float)small / n;
        values[10] = (float)italicSingles / t;
        values[11] = (float)mathSingles / t;
        values[12] = (float)mathAscii / n;
        values[13] = (float)digits / n;
        values[14] = (float)parens / n;
        values[15] = (float)Math.Log(1 + fractionBars);
        values[16] = (float)Math.Log(1 + hrules);
        values[17] = (float)Math.Log(1 + vrules);
        values[18] = (float)stop / t;
        values[19] = (float)nonword / t;
        values[20] = latin > 0 ? (float)vowels / latin : 0;
        values[21] = tokens > 0 ? (float)tokenChars / tokens : 0;
        values[22] = (float)shortTokens / t;
        values[23] = lines > 0 ? (float)gapLines / lines : 0;
        values[24] = (float)Math.Log(1 + fonts.Count);
        values[25] = (float)Math.Log(1 + parsed.Blocks.Count);
        values[26] = visible > 0 ? Math.Min(2f, (float)parsed.CharCount / visible) : 0;
        values[27] = (float)Math.Log(1 + mathGlyphs);
        CountFontLetters();
        var brokenFontLetters = 0;
        foreach (var (inFont, unmappedInFont) in lettersByFont.Values)
        {
            if (unmappedInFont < inFont && unmappedInFont >= BrokenFontUnmappedShare * inFont)
            {
                brokenFontLetters += inFont;
            }
        }

        return new PageFeatures(values) { UnclearTables = parsed.UnclearTables, BrokenFontShare = (double)brokenFontLetters / n };
    }

    /// <summary>One letter (a surrogate pair counts as one: math alphanumerics such as 𝑥 arrive as two chars).</summary>
    private static bool IsSingleLetter(System.Text.StringBuilder token) =>
        (token.Length == 1 && char.IsLetter(token[0]))
        || (token.Length == 2 && char.IsSurrogatePair(token[0], token[1]) && Rune.IsLetter(new Rune(token[0], token[1])));

    /// <summary>Mathematical Alphanumeric Symbols (U+1D400–U+1D7FF): a letter in a math alphabet whatever its font.</summary>
    private static bool IsMathAlphanumeric(string value) =>
        value.Length == 2 && char.IsSurrogatePair(value[0], value[1]) && char.ConvertToUtf32(value[0], value[1]) is >= 0x1D400 and <= 0x1D7FF;

    /// <summary>⟨ ⟩ and their look-alikes: math-font glyphs, but in manuals they mark ⟨meta⟩ arguments, not formulas.</summary>
    private static bool IsAngleBracket(string value) => value.Length == 1 && IsAngleBracket(value[0]);

    private static bool IsAngleBracket(char c) => c is '\u27E8' or '\u27E9' or '\u2329' or '\u232A' or '\u3008' or '\u3009';

    private static double Size(Letter l) => l.PointSize > 0.5 ? l.PointSize : Math.Max(l.BoundingBox.Height, 1);

    /// <summary>Rules drawn as thin filled rectangles or stroked lines: short ones with text right above and below are fraction bars.</summary>
    private static void CountRules(Page page, IReadOnlyList<Letter> letters, double bodySize, double pageWidth,
        out int fractionBars, out int hrules, out int vrules)
    {
        fractionBars = 0;
        hrules = 0;
        vrules = 0;
        IReadOnlyList<UglyToad.PdfPig.Graphics.PdfPath> paths;
        try
        {
            paths = page.Paths;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return;
        }

        var checkedBars = 0;
        double[]? boxes = null;
        foreach (var path in paths)
        {
            if (path.IsClipping)
            {
                continue;
            }

            var r = path.GetBoundingRectangle();
            if (r is null)
            {
                continue;
            }

            var rect = r.Value;
            var w = rect.Width;
            var h = rect.Height;
            if (h < 2 && w > 3)
            {
                if (w < 0.3 * pageWidth && checkedBars < 400)
                {
                    checkedBars++;
                    boxes ??= LetterBoxes(letters);
                    if (HasTextAboveAndBelow(boxes, rect.Left, rect.Right, rect.Bottom, rect.Top, bodySize))
                    {
                        fractionBars++;
                        continue;
                    }
                }

                hrules++;
            }
            else if (w < 2 && h > 3)
            {
                vrules++;
            }
        }
    }

    /// <summary>Letter boxes as flat (centre x, bottom, top) triples: PdfRectangle's corner arithmetic is too slow to repeat per rule.</summary>
    private static double[] LetterBoxes(IReadOnlyList<Letter> letters)
    {
        var boxes = new double[letters.Count * 3];
        for (var i = 0; i < letters.Count; i++)
        {
            var b = letters[i].BoundingBox;
            boxes[3 * i] = (b.Left + b.Right) / 2;
            boxes[3 * i + 1] = b.Bottom;
            boxes[3 * i + 2] = b.Top;
        }

        return boxes;
    }

    private static bool HasTextAboveAndBelow(double[] boxes, double left, double right, double bottom, double top, double em)
    {
        bool above = false, below = false;
        for (var i = 0; i < boxes.Length; i += 3)
        {
            var cx = boxes[i];
            if (cx < left || cx > right)
            {
                continue;
            }

            var b = boxes[i + 1];
            var t = boxes[i + 2];
            if (b >= top - 0.5 && b < top + 0.9 * em)
            {
                above = true;
            }
            else if (t <= bottom + 0.5 && t > bottom - 0.9 * em)
            {
                below = true;
            }

            if (above && below)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] MathFontMarks =
    [
        "CMMI", "CMSY", "CMEX", "CMBSY", "MSBM", "MSAM", "EUFM", "EUSM", "EUEX", "RSFS", "LMMath", "LMMATH", "Math",
        "MATH", "Symbol", "SYMBOL", "STIXGeneral-Italic", "STIXSize", "STIXNonUni", "MTMI", "MTSY", "MTEX", "TXMI", "TXSY",
        "TXEX", "PXMI", "PXSY", "PXEX", "txmi", "txsy", "txex", "pxmi", "pxsy", "pxex", "rtxmi", "rpxmi", "zplm", "zpzccmry",
        "NewTXMI", "NewPXMI", "Cambria Math", "CambriaMath", "XITSMath", "Asana", "Euler", "wasy", "stmary",
    ];

    internal static bool IsMathFont(string fontName)
    {
        foreach (var mark in MathFontMarks)
        {
            if (fontName.Contains(mark, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsItalicFont(string fontName) =>
        fontName.Contains("Italic", StringComparison.OrdinalIgnoreCase) || fontName.Contains("Oblique", StringComparison.OrdinalIgnoreCase)
        || fontName.Contains("CMTI", StringComparison.Ordinal) || fontName.EndsWith("-It", StringComparison.Ordinal)
        || fontName.Contains("-It-", StringComparison.Ordinal) || fontName.Contains("Ital", StringComparison.Ordinal);

    /// <summary>What a code point says about a page: the classes the shares are counted over.</summary>
    public enum CharKind
    {
        Other,
        Vowel,
        Consonant,
        Digit,
        Paren,
        MathAscii,
        MathSymbol,
        Greek,
        Unmapped,
    }

    internal static CharKind Classify(char c)
    {
        if (c < 128)
        {
            if (c < 32)
            {
                return CharKind.Unmapped;
            }

            var lower = (char)(c | 0x20);
            if (lower is >= 'a' and <= 'z')
            {
                return lower is 'a' or 'e' or 'i' or 'o' or 'u' ? CharKind.Vowel : CharKind.Consonant;
            }

            if (c is >= '0' and <= '9')
            {
                return CharKind.Digit;
            }

            return c switch
            {
                '(' or ')' or '[' or ']' or '{' or '}' => CharKind.Paren,
                '=' or '+' or '<' or '>' or '^' or '|' or '/' or '*' or '~' or '_' => CharKind.MathAscii,
                _ => CharKind.Other,
            };
        }

        if (IsAngleBracket(c))
        {
            // Angle brackets are delimiters like ( and [: manuals use them for ⟨meta⟩ arguments.
            return CharKind.Paren;
        }

        if (c is >= '\u0370' and <= '\u03FF')
        {
            return CharKind.Greek;
        }

        if (c is '\uFFFD' or (>= '\uE000' and <= '\uF8FF') or (>= '\u0080' and <= '\u009F'))
        {
            return CharKind.Unmapped;
        }

        if (char.IsSurrogate(c))
        {
            // Mathematical alphanumerics (U+1D400…) arrive as surrogate pairs; plane-1 text is rare in papers otherwise.
            return CharKind.MathSymbol;
        }

        if (c is (>= '\u2200' and <= '\u22FF') or (>= '\u2190' and <= '\u21FF') or (>= '\u2100' and <= '\u214F')
            or (>= '\u2300' and <= '\u23FF') or (>= '\u27C0' and <= '\u27EF') or (>= '\u2980' and <= '\u2AFF')
            or (>= '\u2070' and <= '\u209F') or '\u00B1' or '\u00D7' or '\u00F7' or '\u00AC' or '\u00B7' or '\u2032' or '\u2033'
            or (>= '\u0300' and <= '\u036F') or '\u2016' or '\u2020' or '\u2021')
        {
            return CharKind.MathSymbol;
        }

        return CharKind.Other;
    }

    private const int FunctionWordLanguages = 8;

    /// <summary>
    /// The most frequent function words of eight languages (en, de, fr, es, it, pt, nl, ru). A page of any of them reads
    /// as language; a page of none (or of shifted glyphs) does not. Word → bit mask of the languages it belongs to.
    /// </summary>
    private static readonly Dictionary<string, byte> FunctionWords = BuildFunctionWords(
    [
        "the of and to in a is that for it as was with be by on not he this are or his from at which but have an had they you were their one all we can her has there been if more when will would who so no these than its into also may our such each use used other then some only how where what should must any both between however thus here does do same",
        "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man",
        "le la les de des et en un une du est que qui dans pour pas au sur par plus ne il se ce avec sont aux cette mais ou son elle nous vous sa ses leur été être on comme tout fait peut deux si",
        "de la que el en y los del se las por un para con no una su al es lo como más pero sus le ya fue este ha sí porque esta entre cuando muy sin sobre también me hasta hay donde",
        "di e il la che in per un è del non una della con si le i da dei al nel sono come anche gli più ma alla delle questo essere ha nella tra sul",
        "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à seu sua ou ser quando muito há nos já está",
        "de en van het een in is dat op te zijn met voor niet die aan er ook als maar om bij door dan naar nog wordt worden hij zij kan deze dit geen",
        "и в не на что с по это к как из а но у за о от так же для все он она было бы то его их при который только или может быть",
    ]);

    private static Dictionary<string, byte> BuildFunctionWords(string[] languages)
    {
        var words = new Dictionary<string, byte>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < languages.Length; i++)
        {
            foreach (var w in languages[i].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                words[w] = (byte)(words.GetValueOrDefault(w) | (1 << i));
            }
        }

        return words;
    }

    private static void ClassifyToken(System.Text.StringBuilder token, bool hasMath, int[] stopByLanguage, ref int nonword)
    {
        // Trim surrounding punctuation before looking at the word.
        int start = 0, end = token.Length;
        while (start < end && char.IsPunctuation(token[start]))
        {
            start++;
        }

        while (end > start && char.IsPunctuation(token[end - 1]))
        {
            end--;
        }

        if (end <= start)
        {
            return;
        }

        Span<char> buffer = stackalloc char[Math.Min(end - start, 64)];
        var len = 0;
        int letters = 0, vowels = 0, others = 0;
        var latin = true;
        for (var i = start; i < end && len < buffer.Length; i++)
        {
            var c = token[i];
            buffer[len++] = c;
            if (char.IsLetter(c))
            {
                letters++;
                latin &= c <= '\u024F';
                if ("aeiouyAEIOUYäöüéèáàíóúÄÖÜÉ".Contains(c, StringComparison.Ordinal))
                {
                    vowels++;
                }
            }
            else if (!char.IsDigit(c) && c != '-' && c != '\'')
            {
                others++;
            }
        }

        // A token set in a math font is a formula, not a word (math "a", "e" or "i" is no Italian function word).
        if (hasMath)
        {
            return;
        }

        if (len <= 8 && FunctionWords.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(buffer[..len], out var mask))
        {
            for (var i = 0; i < FunctionWordLanguages; i++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    stopByLanguage[i]++;
                }
            }

            return;
        }

        // The vowel test is for Latin script only: Cyrillic, Greek or Han words have no Latin vowels and are not garbage.
        if ((latin && letters >= 3 && vowels == 0) || (letters > 0 && others > 0 && others * 2 >= letters))
        {
            nonword++;
        }
    }
}
