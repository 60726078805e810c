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

    [Theory]
    [InlineData("gb18030")]
    [InlineData("big5")]
    [InlineData("shift_jis")]
    [InlineData("euc-kr")]
    [InlineData("windows-1251")]
    public void Decode_SniffsUndeclaredLegacyEncodings_InsteadOfWindows1252(string encoding)
    {
        var body = encoding switch
        {
            "gb18030" => "青少年心理健康调查研究表明，学习压力与睡眠时间之间存在显著的相关关系。研究人员对三所中学的学生进行了问卷调查。",
            "big5" => "青少年心理健康調查研究表明，學習壓力與睡眠時間之間存在顯著的相關關係。研究人員對三所中學的學生進行了問卷調查。",
            "shift_jis" => "本研究では、中学生の睡眠時間と学習への意欲との関係について、三つの学校でアンケート調査を行いました。",
            "euc-kr" => "이 연구는 중학생의 수면 시간과 학습 의욕 사이의 관계를 세 학교에서 설문 조사를 통해 분석하였습니다.",
            _ => "Исследование показало, что продолжительность сна школьников связана с их успеваемостью и настроением на уроках.",
        };
        var html = "<html><head><title>t</title></head><body><p>" + body + "</p><p>" + body + "</p></body></html>";
        var bytes = Encoding.GetEncoding(encoding).GetBytes(html);

        var (text, _) = CharsetDecoder.Decode(bytes, null);

        Assert.Contains(body, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_KeepsUndeclaredWindows1252_WithCurlyQuotes()
    {
        const string western = "<html><body><p>The dollar’s slide made a chapter’s activities “harder” – and costlier.</p>"
            + "<p>Kiran’s report: AID’s volunteers met twice; it’s the group’s second year.</p></body></html>";
        var bytes = Encoding.GetEncoding(1252).GetBytes(western);

        Assert.Equal((western, "windows-1252"), CharsetDecoder.Decode(bytes, null));
    }

    [Fact]
    public void Decode_IgnoresUnknownLabel()
    {
        var bytes = Encoding.UTF8.GetBytes(Sample);

        Assert.Equal(Sample, CharsetDecoder.Decode(bytes, "text/html; charset=x-no-such-thing").Text);
    }

    [Theory]
    [InlineData("<meta charset=\"iso-8859-1\">", null)]
    [InlineData("<meta http-equiv=\"content-type\" content=\"text/html; charset=windows-1252\" />", null)]
    [InlineData("", "text/html; charset=ISO-8859-1")]
    public void Decode_ReadsUtf8_WhenALatinLabelContradictsValidUtf8Bytes(string meta, string? contentType)
    {
        // A page saved (or re-served) as UTF-8 keeps its old declaration; read as declared, "für" becomes "fÃ¼r".
        var bytes = Encoding.UTF8.GetBytes("<html><head>" + meta + "</head><body>" + Sample + "</body></html>");

        var (text, charset) = CharsetDecoder.Decode(bytes, contentType);

        Assert.Contains("Grüße, naïve café — Ça va?", text, StringComparison.Ordinal);
        Assert.Equal("utf-8", charset);
    }

    [Fact]
    public void Decode_ReadsUtf8_WhenGb2312IsDeclaredForUtf8Chinese()
    {
        const string chinese = "<p>新华社北京电 研究人员对三所中学的学生进行了问卷调查。</p><p>结果表明，睡眠时间与学习压力有关。</p>";
        var bytes = Encoding.UTF8.GetBytes("<html><head><meta http-equiv=\"content-type\" content=\"text/html;charset=GB2312\"/></head><body>" + chinese + "</body></html>");

        var (text, _) = CharsetDecoder.Decode(bytes, null);

        // Read as GBK the three-byte sequences pair up across tag boundaries and leave stray "/p>" in the text.
        Assert.Contains(chinese, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ReadsUtf8_WhenTheLastSequenceIsCutOff()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("<meta charset=\"iso-8859-1\"><p>Grüße aus Köln, "), 0xE2, 0x80];

        Assert.Contains("Grüße aus Köln", CharsetDecoder.Decode(bytes, null).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_KeepsDeclaredGbk_ForRealGbkBytes()
    {
        const string chinese = "<p>研究人员对三所中学的学生进行了问卷调查，结果表明睡眠时间与学习压力有关。</p>";
        var bytes = Encoding.GetEncoding(936).GetBytes("<meta charset=\"gb2312\">" + chinese);

        Assert.Contains(chinese, CharsetDecoder.Decode(bytes, null).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ReadsLegacy_WhenUtf8IsDeclaredButNoSequenceIsUtf8()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes("<meta charset=\"utf-8\"><p>The dollar’s slide made it “harder” – and costlier.</p>");

        var (text, charset) = CharsetDecoder.Decode(bytes, "text/html; charset=utf-8");

        Assert.Contains("The dollar’s slide made it “harder” – and costlier.", text, StringComparison.Ordinal);
        Assert.Equal("windows-1252", charset);
    }

    [Fact]
    public void Decode_KeepsUtf8WithAFewBadBytes_WhenUtf8IsDeclared()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("<meta charset=\"utf-8\"><p>Grüße aus Köln "), 0xFF, .. Encoding.UTF8.GetBytes(" und München</p>")];

        var (text, charset) = CharsetDecoder.Decode(bytes, null);

        Assert.Contains("Grüße aus Köln \uFFFD und München", text, StringComparison.Ordinal);
        Assert.Equal("utf-8", charset);
    }

    [Theory]
    [InlineData("euc-kr", 949, "똠방각하 서울특별시")] // 똠 is in windows-949 (what EUC-KR pages are written in), not in EUC-KR proper
    [InlineData("gb2312", 54936, "香港𠀀字")] // U+20000 needs GB18030's four-byte form, which the HTML standard's GBK decoder reads
    public void Decode_ReadsLabels_AsTheHtmlStandardMapsThem(string label, int codePage, string words)
    {
        var bytes = Encoding.GetEncoding(codePage).GetBytes("<p>" + words + "</p>");

        Assert.Contains(words, CharsetDecoder.Decode(bytes, "text/html; charset=" + label).Text, StringComparison.Ordinal);
    }
}
