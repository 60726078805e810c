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
}
