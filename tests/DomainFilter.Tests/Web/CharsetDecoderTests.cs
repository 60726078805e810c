using System.Text;
using SciCurate.DomainFilter.Web.Intake;

namespace SciCurate.DomainFilter.Tests.Web;

public sealed class CharsetDecoderTests
{
    static CharsetDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Sample = "<html><body><p>Grüße, naïve café — Ça va?</p></body></html>";

    [Fact]
    public void Decode_UsesHttpHeaderCharset_OverMetaTag()
    {
        var bytes = Encoding.GetEncoding("iso-8859-15").GetBytes("<meta charset=\"utf-8\">" + Sample);

        var (text, charset) = CharsetDecoder.Decode(bytes, "text/html; charset=ISO-8859-15");

        Assert.Contains("Grüße, naïve café", text, StringComparison.Ordinal);
        Assert.Equal("iso-8859-15", charset);
    }

    [Fact]
    public void Decode_UsesByteOrderMark_OverHeader()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Sample)];

        var (text, charset) = CharsetDecoder.Decode(bytes, "text/html; charset=windows-1252");

        Assert.Equal(Sample, text);
        Assert.Equal("utf-8", charset);
    }

    [Fact]
    public void Decode_ReadsUtf16WithBom()
    {
        byte[] bytes = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Sample)];

        Assert.Equal(Sample, CharsetDecoder.Decode(bytes, null).Text);
    }

    [Theory]
    [InlineData("<meta charset=\"windows-1251\">", "windows-1251")]
    [InlineData("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">", "windows-1251")]
    [InlineData("<META CHARSET=KOI8-R>", "koi8-r")]
    public void Decode_UsesMetaCharset_WhenNoHeader(string meta, string encoding)
    {
        const string russian = "<p>Привет, мир! Это проверка кодировки.</p>";
        var bytes = Encoding.GetEncoding(encoding).GetBytes("<html><head>" + meta + "</head><body>" + russian + "</body></html>");

        var (text, _) = CharsetDecoder.Decode(bytes, "text/html");

        Assert.Contains(russian, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TreatsLatin1LabelAsWindows1252_AndFallsBackForInvalidUtf8()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes("<p>“Quoted” – dash</p>");

        Assert.Equal("<p>“Quoted” – dash</p>", CharsetDecoder.Decode(bytes, "text/html; charset=iso-8859-1").Text);
        // No label at all and not valid UTF-8: windows-1252.
        Assert.Equal(("<p>“Quoted” – dash</p>", "windows-1252"), CharsetDecoder.Decode(bytes, null));
    }

    [Fact]
    public void Decode_IgnoresUnknownLabel()
    {
        var bytes = Encoding.UTF8.GetBytes(Sample);

        Assert.Equal(Sample, CharsetDecoder.Decode(bytes, "text/html; charset=x-no-such-thing").Text);
    }
}
