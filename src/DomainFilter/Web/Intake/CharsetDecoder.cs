using System.Text;
using System.Text.RegularExpressions;

namespace SciCurate.DomainFilter.Web.Intake;

/// <summary>
/// Decodes HTML bytes the way browsers do, in their order of precedence: a byte-order mark, then the charset of the
/// HTTP Content-Type header, then a meta charset in the first 4 KiB, then UTF-8 if the bytes are valid UTF-8, then (as
/// browsers do for undeclared legacy pages) an encoding sniffed from byte statistics, else windows-1252.
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

        var encoding = FromLabel(contentType is null ? null : CharsetParam().Match(contentType) is { Success: true } m ? m.Groups[1].Value : null)
                       ?? FromMeta(bytes);
        if (encoding is not null)
        {
            return (encoding.GetString(bytes), encoding.WebName);
        }

        var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
        try
        {
            return (utf8.GetString(bytes), "utf-8");
        }
        catch (DecoderFallbackException)
        {
            var sniffed = Sniff(bytes);
            return (sniffed.GetString(bytes), sniffed.WebName);
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

    private static Encoding? FromLabel(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        label = label.Trim().Trim('"', '\'').ToLowerInvariant();
        // The HTML standard maps these labels to windows-1252.
        if (label is "iso-8859-1" or "latin1" or "us-ascii" or "ascii" or "iso8859-1" or "l1")
        {
            return Encoding.GetEncoding(1252);
        }

        try
        {
            return Encoding.GetEncoding(label);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
