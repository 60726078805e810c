using SciCurate.DomainFilter.Web.Extraction;
using SciCurate.DomainFilter.Web.Intake;
using SciCurate.DomainFilter.Web.Quality;

namespace SciCurate.DomainFilter.Tests.Web;

public sealed class LanguageIdentifierTests
{
    private readonly StopwordLanguageIdentifier _id = new();

    [Theory]
    [InlineData("en", "The committee said that the new rules would be published in the spring, and that they have been agreed with the unions.")]
    [InlineData("de", "Die Kommission hat am Montag mitgeteilt, dass die neuen Regeln im Frühjahr veröffentlicht werden und mit den Gewerkschaften abgestimmt sind.")]
    [InlineData("fr", "La commission a annoncé lundi que les nouvelles règles seront publiées au printemps et qu'elles ont été approuvées par les syndicats.")]
    [InlineData("es", "La comisión dijo el lunes que las nuevas normas se publicarán en primavera y que han sido acordadas con los sindicatos de la empresa.")]
    [InlineData("ru", "Комиссия заявила в понедельник, что новые правила будут опубликованы весной и что они уже согласованы с профсоюзами, но не все довольны.")]
    [InlineData("zh", "委员会周一表示，新规则将于春季公布，并且已经与工会达成一致。")]
    [InlineData("ko", "위원회는 월요일 새로운 규칙이 봄에 발표될 것이라고 밝혔다.")]
    [InlineData("ar", "قالت اللجنة يوم الاثنين إن القواعد الجديدة ستنشر في فصل الربيع وإنها تمت الموافقة عليها من قبل النقابات العمالية.")]
    [InlineData("fa", "کمیسیون روز دوشنبه گفت که قوانین جدید در بهار منتشر می‌شود و با اتحادیه‌ها هماهنگ شده است؛ پس از آن چند گزارش دیگر هم می‌آید.")]
    [InlineData("ur", "کمیشن نے پیر کو کہا کہ نئے قواعد موسم بہار میں شائع کیے جائیں گے اور یونینوں سے ان پر اتفاق ہو چکا ہے۔")]
    public void Identify_NamesTheLanguage(string expected, string text)
    {
        var guess = _id.Identify(text);

        Assert.Equal(expected, guess.Language);
        Assert.InRange(guess.Confidence, 0.2, 1);
    }

    [Theory]
    // Fewer Kana and Han characters than Latin letters, but most of the text: each CJK character is about a word.
    [InlineData("ja", "今日はWebAssemblyとJavaScriptの実行速度をChrome、Firefox、Safariで比較しました。結果はMicrosoft EdgeとGoogle Chromeでほぼ同じでした。")]
    [InlineData("zh", "本文介绍如何在Linux和macOS上用Docker Compose部署PostgreSQL与Redis，并比较性能。")]
    public void Identify_NamesTheCjkLanguage_OfTextQuotingLatinNames(string expected, string text)
    {
        Assert.Equal(expected, _id.Identify(text).Language);
    }

    [Fact]
    public void Identify_IsUndetermined_ForTextWithoutWords()
    {
        Assert.Equal(new LanguageGuess("und", 0), _id.Identify("12345 67890 !!!"));
    }

    [Fact]
    public void Identify_AgreesWithDeclaredLanguage_OnBenchmarkPages()
    {
        var extractor = new DensityContentExtractor();
        foreach (var (id, _, html, truth) in WebPages.BenchmarkPages())
        {
            var content = extractor.Extract(CharsetDecoder.Decode(html, null).Text, null);
            var guess = _id.Identify(truth);
            if (content.DeclaredLanguage is not null)
            {
                Assert.True(content.DeclaredLanguage == guess.Language, $"{id}: declared {content.DeclaredLanguage}, identified {guess.Language}");
            }
        }
    }

    // Pages are longer than a sentence; four copies of a paragraph give a page's worth of words, as on the news pages
    // where these languages were misread (a few shared short words then add up to a confident wrong answer).
    private static string Page(string paragraph) => string.Join("\n\n", Enumerable.Repeat(paragraph, 4));

    [Theory]
    [InlineData("vi", "Theo báo cáo của Bộ Y tế, số người mắc bệnh trong tháng này đã tăng so với cùng kỳ năm ngoái. Các bác sĩ cho biết những bệnh nhân được phát hiện sớm có thể điều trị khỏi, nhưng nhiều người vẫn không đi khám khi có triệu chứng. Ông Nguyễn Văn An, giám đốc bệnh viện, nói rằng bệnh viện sẽ mở thêm phòng khám vào cuối tuần để người dân có thể đến kiểm tra.")]
    [InlineData("tl", "Ayon sa mga awtoridad, hindi pa rin natatagpuan ang nawawalang bangka na may sakay na labindalawang mangingisda. Sinabi ng tagapagsalita ng Coast Guard na patuloy ang paghahanap sa karagatan at humihingi sila ng tulong sa mga residente ng bayan. Ang pamilya ng mga mangingisda ay nananawagan naman sa pamahalaan na dagdagan ang mga barkong naghahanap sa kanila.")]
    [InlineData("lt", "Vyriausybė pirmadienį pritarė naujam biudžeto projektui, kuris bus pateiktas Seimui dar šią savaitę. Finansų ministrė teigė, kad išlaidos švietimui ir sveikatos apsaugai kitais metais didės, tačiau mokesčiai gyventojams nebus keliami. Opozicija kritikuoja projektą ir sako, jog jame per mažai dėmesio skiriama regionams, o savivaldybės negauna pakankamai lėšų.")]
    [InlineData("hu", "A kormány hétfőn bejelentette, hogy a jövő évtől emelik a pedagógusok bérét, és új iskolákat építenek az ország keleti részén. A miniszter szerint a beruházás több mint százmilliárd forintba kerül, de a tervek szerint már két év múlva megnyílhatnak az első intézmények. Az ellenzék szerint azonban a bejelentés csak választási ígéret, mert a költségvetésben nincs rá fedezet.")]
    public void Identify_NamesLanguages_ThatWereReadAsTheirNeighbours(string expected, string paragraph)
    {
        Assert.Equal(expected, _id.Identify(Page(paragraph)).Language);
    }

    [Theory]
    // Zulu: "e-Durban", "i-SAPS" once gave Portuguese and Italian their "e" and "i".
    [InlineData("Amaphoyisa e-KwaZulu-Natal athi aqhubeka nophenyo ngemuva kokuthi kutholwe isidumbu sendoda e-Umlazi ngoMgqibelo ekuseni. Ngokusho kukakhulumeli wamaphoyisa, u-Captain Nqobile Gwala, abantu bomphakathi babike ukuthi bezwe umsindo wezibhamu ebusuku. Akukabikho muntu oboshiwe kodwa amaphoyisa acela noma ubani onolwazi ukuthi athinte isiteshi samaphoyisa esiseduze. Le ndaba yenzeka e-Durban, lapho izakhamuzi zithi ubugebengu bukhula nsuku zonke. U-Gwala uthe i-SAPS izoqinisa ukugada endaweni.")]
    // Bosnian: shares "je", "se", "na", "za" with Czech; the lists cannot tell it from Croatian or Serbian.
    [InlineData("Premijer kantona je u ponedjeljak izjavio da će vlada nastaviti sa pregovorima sa sindikatima, ali da trenutno nema novca za povećanje plata. Prema njegovim riječima, budžet za ovu godinu je već usvojen i svaka izmjena bi morala proći kroz skupštinu. Sindikati su najavili štrajk ukoliko do kraja mjeseca ne dobiju odgovor na svoje zahtjeve.")]
    public void Identify_IsUndetermined_ForLanguagesItCannotName(string paragraph)
    {
        Assert.Equal(new LanguageGuess("und", 0), _id.Identify(Page(paragraph)));
    }

    [Theory]
    [InlineData("gu", "રાજકોટ શહેરમાં કોરોનાના નવા કેસ નોંધાયા બાદ આરોગ્ય વિભાગે સર્વે શરૂ કર્યો છે.")]
    [InlineData("ta", "சென்னையில் நேற்று பெய்த கனமழையால் பல இடங்களில் போக்குவரத்து பாதிக்கப்பட்டது.")]
    [InlineData("bn", "কলকাতায় গতকাল ভারী বৃষ্টির ফলে বহু এলাকায় যান চলাচল ব্যাহত হয়েছে।")]
    public void Identify_NamesLanguages_ByTheirOwnScript(string expected, string text)
    {
        Assert.Equal(expected, _id.Identify(text).Language);
    }
}
