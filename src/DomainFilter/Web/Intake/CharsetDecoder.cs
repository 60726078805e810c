using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace SciCurate.DomainFilter.Web.Intake;

/// <summary>
/// Decodes HTML bytes the way browsers do, in the HTML standard's order of precedence: a byte-order mark, then the
/// charset of the HTTP Content-Type header, then a meta charset in the first 4 KiB, then UTF-8 if the bytes are valid
/// UTF-8, then (as browsers do for undeclared legacy pages) an encoding sniffed from byte statistics, else windows-1252.
/// One guard overrides a declaration the bytes contradict: a page declared in a legacy charset whose bytes are valid
/// UTF-8 with multi-byte sequences is UTF-8 (a page saved or re-served as UTF-8 keeps its old meta; real legacy text
/// is practically never valid UTF-8), and a page declared UTF-8 without one valid multi-byte sequence but with invalid
/// bytes is read as an undeclared legacy page.
/// </summary>
public static partial class CharsetDecoder
{
    static CharsetDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [GeneratedRegex(@"charset\s*=\s*[""']?\s*([A-Za-z0-9._:-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharsetParam();

    public static (string Text, string Charset) Decode(ReadOnlySpan<byte> bytes, string? contentType)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Encoding.UTF8.GetString(bytes[3..]), "utf-8");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode.GetString(bytes[2..]), "utf-16le");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be");
        }

        var declared = FromLabel(contentType is null ? null : CharsetParam().Match(contentType) is { Success: true } m ? m.Groups[1].Value : null)
                       ?? FromMeta(bytes);
        var utf8 = Utf8Census.Of(bytes);
        if (declared is UTF8Encoding)
        {
            // Declared UTF-8, yet not one multi-byte sequence is whole: the label is wrong, the text is legacy.
            if (utf8 is { Multibyte: false, Invalid: true })
            {
                var legacy = Sniff(bytes);
                return (legacy.GetString(bytes), legacy.WebName);
            }

            return (Encoding.UTF8.GetString(bytes), "utf-8");
        }

        if (declared is not null && !(utf8 is { Invalid: false, Multibyte: true } && !IsUnicode(declared)))
        {
            return (declared.GetString(bytes), declared.WebName);
        }

        if (!utf8.Invalid)
        {
            return (Encoding.UTF8.GetString(bytes), "utf-8");
        }

        var sniffed = Sniff(bytes);
        return (sniffed.GetString(bytes), sniffed.WebName);
    }

    private static bool IsUnicode(Encoding e) => e is UnicodeEncoding or UTF32Encoding or UTF8Encoding || e.CodePage == 65000;

    /// <summary>Whether the bytes hold a whole UTF-8 multi-byte sequence, and an invalid one (a sequence cut by the end is neither).</summary>
    private readonly record struct Utf8Census(bool Multibyte, bool Invalid)
    {
        public static Utf8Census Of(ReadOnlySpan<byte> bytes)
        {
            bool multibyte = false, invalid = false;
            while (!(multibyte && invalid))
            {
                var next = bytes.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
                if (next < 0)
                {
                    break;
                }

                bytes = bytes[next..];
                var status = Rune.DecodeFromUtf8(bytes, out _, out var consumed);
                multibyte |= status == OperationStatus.Done;
                invalid |= status == OperationStatus.InvalidData;
                bytes = bytes[Math.Max(consumed, 1)..];
            }

            return new Utf8Census(multibyte, invalid);
        }
    }

    /// <summary>
    /// An undeclared page that is not UTF-8 is in a legacy encoding. Old Chinese, Japanese, Korean and Cyrillic pages
    /// rarely declare theirs; read as windows-1252 they become mojibake that no later stage can repair. A statistical
    /// detector (Mozilla's universal charset detector, as UTF.Unknown) names the likely one; only a confident,
    /// multi-byte or non-Latin answer overrides windows-1252, so short Western pages stay as they were.
    /// </summary>
    private static Encoding Sniff(ReadOnlySpan<byte> bytes)
    {
        var windows1252 = Encoding.GetEncoding(1252);
        var sample = bytes.Length > SniffBytes ? bytes[..SniffBytes] : bytes;
        var detected = UtfUnknown.CharsetDetector.DetectFromBytes(sample.ToArray()).Detected;
        if (detected?.Encoding is not { } encoding || detected.Confidence < MinSniffConfidence)
        {
            return windows1252;
        }

        // Only a non-Latin script overrides the default: Western guesses (Mac Roman, Central European …) for a
        // windows-1252 page with curly quotes are wrong often enough to turn "dollar’s" into "dollarís".
        return NonLatinCodePages.Contains(encoding.CodePage) ? encoding : windows1252;
    }

    private static readonly HashSet<int> NonLatinCodePages =
    [
        936, 54936, 52936, 950, 932, 20932, 51932, 949, 51949, 50220, 50221, 50222, 50225, 50227, // CJK
        1251, 20866, 21866, 28595, 866, // Cyrillic
        1253, 28597, // Greek
        1255, 28598, 38598, // Hebrew
        1256, 28596, // Arabic
        874, // Thai
    ];

    private const int SniffBytes = 64 * 1024;
    private const float MinSniffConfidence = 0.5f;

    private static Encoding? FromMeta(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 4096)]);
        var at = head.IndexOf("<meta", StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var end = head.IndexOf('>', at);
            if (end < 0)
            {
                break;
            }

            var tag = head[at..end];
            if (CharsetParam().Match(tag) is { Success: true } m && FromLabel(m.Groups[1].Value) is { } e)
            {
                // A page that claims UTF-16 in ASCII-compatible bytes is really UTF-8 (the HTML standard's rule).
                return e is UnicodeEncoding ? Encoding.UTF8 : e;
            }

            at = head.IndexOf("<meta", end, StringComparison.OrdinalIgnoreCase);
        }

        return null;
    }

    /// <summary>
    /// The HTML standard's label table where it differs from .NET's: Latin-1 and ASCII labels mean windows-1252,
    /// ISO-8859-9 windows-1254, TIS-620 windows-874, GB2312 and GBK the GB18030 decoder, EUC-KR windows-949 and
    /// Shift_JIS windows-31J (each the superset real pages are written in); UTF-8 spellings .NET does not know.
    /// </summary>
    private static readonly Dictionary<string, int> WhatwgLabels = new(StringComparer.Ordinal)
    {
        ["iso-8859-1"] = 1252, ["iso8859-1"] = 1252, ["iso_8859-1"] = 1252, ["iso88591"] = 1252, ["latin1"] = 1252, ["l1"] = 1252,
        ["us-ascii"] = 1252, ["ascii"] = 1252, ["ansi_x3.4-1968"] = 1252, ["cp1252"] = 1252, ["x-cp1252"] = 1252, ["cp819"] = 1252,
        ["iso-8859-9"] = 1254, ["iso8859-9"] = 1254, ["iso_8859-9"] = 1254, ["latin5"] = 1254, ["l5"] = 1254,
        ["iso-8859-11"] = 874, ["iso8859-11"] = 874, ["tis-620"] = 874, ["dos-874"] = 874,
        ["gb2312"] = 54936, ["gbk"] = 54936, ["x-gbk"] = 54936, ["chinese"] = 54936, ["csgb2312"] = 54936, ["gb_2312-80"] = 54936, ["gb_2312"] = 54936,
        ["euc-kr"] = 949, ["ks_c_5601-1987"] = 949, ["korean"] = 949, ["cseuckr"] = 949, ["windows-949"] = 949,
        ["shift_jis"] = 932, ["shift-jis"] = 932, ["sjis"] = 932, ["ms932"] = 932, ["ms_kanji"] = 932, ["windows-31j"] = 932, ["x-sjis"] = 932,
        ["utf8"] = 65001, ["unicode-1-1-utf-8"] = 65001, ["x-unicode20utf8"] = 65001,
        ["x-user-defined"] = 1252,
    };

    private static Encoding? FromLabel(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        label = label.Trim().Trim('"', '\'').ToLowerInvariant();
        try
        {
            return WhatwgLabels.TryGetValue(label, out var codePage)
                ? codePage == 65001 ? Encoding.UTF8 : Encoding.GetEncoding(codePage)
                : Encoding.GetEncoding(label);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
