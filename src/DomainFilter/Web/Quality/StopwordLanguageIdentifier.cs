using System.Globalization;

namespace SciCurate.DomainFilter.Web.Quality;

/// <summary>The language of a text and how sure the identifier is (0…1).</summary>
public sealed record LanguageGuess(string Language, double Confidence);

/// <summary>Identifies the language of extracted text.</summary>
public interface ILanguageIdentifier
{
    LanguageGuess Identify(string text);
}

/// <summary>
/// Language identification without a downloaded model. Step 1, script: letters are counted by Unicode script, and a
/// text whose letters are mostly of a script that belongs to one language (Greek, Hebrew, Thai, Hangul, Kana, Georgian,
/// Armenian) or to a family (Han → zh unless Kana present → ja; Arabic → ar, fa or ur by the letters only each uses; Devanagari → hi) is decided there, with
/// confidence = that script's share of letters. Step 2, Latin and Cyrillic: the first 2,000 words are matched against
/// embedded lists of the most frequent function words of each language; the language with most hits wins and
/// confidence = its hits / (its hits + the runner-up's hits) × min(1, hits / 20), so short or mixed texts are unsure.
/// A text with fewer than 3 hits is "und" (undetermined) with confidence 0.
/// </summary>
public sealed class StopwordLanguageIdentifier : ILanguageIdentifier
{
    private const int MaxWords = 2000;

    private static readonly Dictionary<string, string[]> Profiles = new(StringComparer.Ordinal)
    {
        ["en"] = ["the", "and", "of", "to", "in", "is", "that", "for", "it", "with", "as", "was", "on", "be", "by", "this", "are", "have", "from", "or", "at", "but", "not", "they", "which", "you", "we", "he", "she", "has", "were", "their", "been", "would", "will", "an", "there", "can", "who", "what"],
        ["de"] = ["der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für", "ist", "im", "dem", "nicht", "ein", "eine", "als", "auch", "es", "an", "werden", "aus", "er", "hat", "dass", "sie", "nach", "wird", "bei", "einer", "um", "am", "sind", "noch", "wie", "einem", "über"],
        ["fr"] = ["le", "la", "les", "de", "des", "et", "en", "un", "une", "du", "est", "que", "qui", "dans", "pour", "pas", "au", "sur", "par", "plus", "ne", "il", "se", "ce", "avec", "sont", "aux", "cette", "mais", "ou", "nous", "vous", "ont", "été", "leur", "comme", "elle", "son", "sa", "ses"],
        ["es"] = ["de", "la", "que", "el", "en", "y", "los", "del", "se", "las", "por", "un", "para", "con", "no", "una", "su", "al", "es", "lo", "como", "más", "pero", "sus", "le", "ya", "fue", "este", "ha", "sí", "porque", "esta", "entre", "cuando", "muy", "sin", "sobre", "también", "me", "hasta"],
        ["it"] = ["di", "e", "il", "la", "che", "in", "per", "un", "è", "del", "non", "una", "della", "con", "si", "le", "i", "da", "dei", "al", "nel", "sono", "come", "anche", "gli", "più", "ma", "alla", "delle", "questo", "lo", "ha", "ci", "nella", "era", "essere", "o", "se", "suo", "loro"],
        ["pt"] = ["de", "a", "o", "que", "e", "do", "da", "em", "um", "para", "é", "com", "não", "uma", "os", "no", "se", "na", "por", "mais", "as", "dos", "como", "mas", "foi", "ao", "ele", "das", "tem", "à", "seu", "sua", "ou", "ser", "quando", "muito", "há", "nos", "já", "também"],
        ["nl"] = ["de", "en", "van", "het", "een", "in", "is", "dat", "op", "te", "zijn", "met", "voor", "niet", "die", "aan", "er", "ook", "als", "maar", "om", "bij", "door", "dan", "naar", "nog", "wordt", "worden", "heeft", "hij", "over", "uit", "ze", "kan", "zo", "wat", "meer", "dit", "was", "tot"],
        ["sv"] = ["och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har", "de", "inte", "om", "ett", "var", "jag", "men", "så", "vi", "kan", "från", "sig", "eller", "när", "ska", "han", "hon", "detta", "efter", "också", "vara", "alla", "sina", "mycket", "nu", "bara"],
        ["da"] = ["og", "i", "at", "det", "er", "en", "til", "på", "af", "med", "for", "den", "de", "som", "har", "ikke", "et", "var", "om", "fra", "jeg", "men", "kan", "vi", "sig", "eller", "også", "når", "skal", "han", "hun", "efter", "blev", "være", "alle", "meget", "nu", "kun", "dette", "hvor"],
        ["no"] = ["og", "i", "er", "det", "på", "til", "en", "av", "som", "at", "for", "med", "har", "ikke", "de", "den", "et", "om", "var", "fra", "jeg", "men", "kan", "vi", "seg", "eller", "også", "når", "skal", "han", "hun", "etter", "ble", "være", "alle", "mye", "nå", "bare", "dette", "hvor"],
        ["pl"] = ["i", "w", "na", "z", "się", "nie", "do", "to", "że", "jest", "o", "jak", "po", "co", "tak", "za", "od", "ale", "przez", "są", "dla", "jego", "czy", "tym", "już", "może", "być", "który", "które", "oraz", "ich", "jej", "tylko", "był", "tego", "przy", "było", "lub", "jako", "także"],
        ["cs"] = ["a", "v", "se", "na", "je", "že", "s", "z", "do", "o", "to", "i", "k", "ve", "pro", "by", "jako", "ale", "za", "jsou", "po", "jeho", "které", "který", "tak", "byl", "bylo", "od", "už", "jen", "také", "při", "má", "jsem", "být", "nebo", "podle", "této", "však", "může"],
        ["tr"] = ["ve", "bir", "bu", "da", "de", "için", "ile", "çok", "olarak", "daha", "gibi", "olan", "en", "ne", "ama", "kadar", "sonra", "her", "o", "var", "mi", "değil", "ise", "göre", "olduğu", "ki", "onun", "veya", "şey", "yok", "büyük", "ya", "hem", "ancak", "oldu", "zaman", "şekilde", "yeni", "bunu", "tüm"],
        ["id"] = ["yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "dalam", "tidak", "akan", "pada", "ke", "juga", "ada", "adalah", "oleh", "saya", "bisa", "kami", "atau", "mereka", "sudah", "karena", "tersebut", "lebih", "telah", "dapat", "kita", "seperti", "hanya", "jika", "ia", "harus", "masih", "bahwa", "lagi", "para", "saat", "namun"],
        ["ro"] = ["și", "de", "în", "la", "a", "cu", "pe", "o", "care", "nu", "din", "să", "un", "se", "este", "mai", "pentru", "că", "fost", "au", "sunt", "fi", "prin", "dar", "ale", "ca", "acest", "după", "lui", "sau", "această", "când", "foarte", "fără", "despre", "acum", "doar", "iar", "avea", "are"],
        ["ru"] = ["и", "в", "не", "на", "что", "с", "по", "это", "к", "как", "из", "а", "но", "у", "за", "о", "от", "так", "же", "для", "все", "он", "она", "было", "был", "были", "его", "только", "или", "мы", "вы", "они", "бы", "уже", "до", "при", "если", "ее", "также", "быть"],
        ["uk"] = ["і", "в", "не", "на", "що", "з", "та", "у", "до", "як", "це", "за", "й", "від", "по", "але", "для", "його", "про", "так", "він", "вона", "було", "був", "які", "який", "також", "вже", "ми", "ви", "вони", "або", "якщо", "її", "бути", "при", "тому", "після", "щоб", "є"],
    };

    private static readonly Dictionary<string, Dictionary<string, int>> WordIndex = BuildIndex();

    private static Dictionary<string, Dictionary<string, int>> BuildIndex()
    {
        var index = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (lang, words) in Profiles)
        {
            foreach (var w in words)
            {
                if (!index.TryGetValue(w, out var langs))
                {
                    index[w] = langs = new Dictionary<string, int>(StringComparer.Ordinal);
                }

                langs[lang] = 1;
            }
        }

        return index;
    }

    public LanguageGuess Identify(string text)
    {
        var script = ByScript(text);
        if (script is not null)
        {
            return script;
        }

        var hits = new Dictionary<string, double>(StringComparer.Ordinal);
        var words = 0;
        foreach (var token in Tokens(text))
        {
            if (++words > MaxWords)
            {
                break;
            }

            if (WordIndex.TryGetValue(token, out var langs))
            {
                // A word shared by several languages counts a share to each.
                foreach (var lang in langs.Keys)
                {
                    hits[lang] = hits.GetValueOrDefault(lang) + 1.0 / langs.Count;
                }
            }
        }

        var ranked = hits.OrderByDescending(h => h.Value).ToList();
        if (ranked.Count == 0 || ranked[0].Value < 3)
        {
            return new LanguageGuess("und", 0);
        }

        var runnerUp = ranked.Count > 1 ? ranked[1].Value : 0;
        var confidence = ranked[0].Value / (ranked[0].Value + runnerUp) * Math.Min(1, ranked[0].Value / 20);
        return new LanguageGuess(ranked[0].Key, Math.Round(confidence, 3));
    }

    private static IEnumerable<string> Tokens(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetter(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    private static LanguageGuess? ByScript(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var letters = 0;
        foreach (var ch in text.Length > 20_000 ? text[..20_000] : text)
        {
            if (!char.IsLetter(ch))
            {
                continue;
            }

            letters++;
            var script = ch switch
            {
                >= '\u0370' and <= '\u03FF' => "el",
                >= '\u0590' and <= '\u05FF' => "he",
                >= '\u0600' and <= '\u06FF' => "ar",
                >= '\u0900' and <= '\u097F' => "hi",
                >= '\u0E00' and <= '\u0E7F' => "th",
                >= '\u10A0' and <= '\u10FF' => "ka",
                >= '\u0530' and <= '\u058F' => "hy",
                >= '\uAC00' and <= '\uD7AF' or >= '\u1100' and <= '\u11FF' => "ko",
                >= '\u3040' and <= '\u30FF' => "kana",
                >= '\u4E00' and <= '\u9FFF' => "han",
                _ => null,
            };
            if (script is not null)
            {
                counts[script] = counts.GetValueOrDefault(script) + 1;
            }
        }

        if (letters == 0)
        {
            return new LanguageGuess("und", 0);
        }

        var cjk = counts.GetValueOrDefault("kana") + counts.GetValueOrDefault("han");
        if (cjk > letters / 2)
        {
            var lang = counts.GetValueOrDefault("kana") > cjk / 10 ? "ja" : "zh";
            return new LanguageGuess(lang, Math.Round((double)cjk / letters, 3));
        }

        foreach (var (script, count) in counts)
        {
            if (script is not ("kana" or "han") && count > letters / 2)
            {
                return new LanguageGuess(script == "ar" ? ArabicScriptLanguage(text) : script, Math.Round((double)count / letters, 3));
            }
        }

        return null;
    }

    /// <summary>
    /// Arabic script is written for Arabic, Persian and Urdu; each has letters the others do not use. Persian: پ چ ژ گ;
    /// Urdu: ٹ ڈ ڑ ں ے; Arabic: the tā' marbūṭa ة, common in Arabic and rare in the other two.
    /// </summary>
    private static string ArabicScriptLanguage(string text)
    {
        int persian = 0, urdu = 0, arabic = 0;
        foreach (var ch in text.Length > 20_000 ? text[..20_000] : text)
        {
            switch (ch)
            {
                case '\u067E' or '\u0686' or '\u0698' or '\u06AF':
                    persian++;
                    break;
                case '\u0679' or '\u0688' or '\u0691' or '\u06BA' or '\u06D2':
                    urdu++;
                    break;
                case '\u0629':
                    arabic++;
                    break;
            }
        }

        return urdu > Math.Max(persian, arabic) ? "ur" : persian > arabic ? "fa" : "ar";
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"stopwords({Profiles.Count} languages)");
}
