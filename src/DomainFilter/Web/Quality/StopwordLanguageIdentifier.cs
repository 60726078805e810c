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
/// Armenian, the Indic scripts other than Devanagari, Lao, Myanmar, Khmer, Ethiopic) or to a family (Han → zh unless
/// Kana present → ja; Arabic → ar, fa or ur by the letters only each uses; Devanagari → hi) is decided there, with
/// confidence = that script's share of letters. A Han, Kana or Hangul character counts as three letters: it carries
/// about as much text as three letters of an alphabet (an English word is about five letters, a Chinese or Japanese
/// word one to three characters), so a Japanese page quoting English product names is still Japanese. Step 2, Latin and Cyrillic: the first 2,000 words are matched against
/// embedded lists of the most frequent function words of each language; the language with most hits wins and
/// confidence = its hits / (its hits + the runner-up's hits) × min(1, its words / 20), so short or mixed texts are unsure.
/// A text with fewer than 3 hits is "und" (undetermined) with confidence 0, and so is one where the winner's words are
/// fewer than 1 in 20 of the words read: in a language the lists know, the 40 commonest function words make a fifth
/// to a half of running text, so a winner that rare won on a few shared short words ("a", "e", "de") of a language
/// the lists do not know (Zulu read as Portuguese).
/// </summary>
public sealed class StopwordLanguageIdentifier : ILanguageIdentifier
{
    private const int MaxWords = 2000;

    /// <summary>The least share of the words read that must be the winner's function words (see the class summary).</summary>
    private const double MinCoverage = 0.05;

    /// <summary>
    /// Profiles that keep a language family from being read as a neighbour without naming one language: Croatian,
    /// Bosnian, Serbian and Montenegrin in Latin letters share their function words (and the lists cannot tell them
    /// apart), so they come out "und" instead of Czech or Slovak.
    /// </summary>
    private static readonly HashSet<string> FamilyOnly = new(StringComparer.Ordinal) { "hbs" };

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
        ["vi"] = ["của", "và", "các", "có", "là", "được", "trong", "cho", "không", "người", "những", "với", "một", "này", "đã", "khi", "để", "từ", "theo", "ra", "về", "đến", "năm", "cũng", "nhiều", "tại", "sẽ", "như", "phải", "nhưng", "thì", "bị", "sau", "vào", "đó", "ông", "bà", "họ", "mà", "nên"],
        ["hu"] = ["a", "az", "és", "hogy", "nem", "is", "egy", "meg", "van", "de", "már", "csak", "el", "ki", "be", "mint", "volt", "még", "ez", "azt", "után", "pedig", "szerint", "kell", "lesz", "vagy", "sem", "amely", "ami", "mert", "nagy", "minden", "között", "során", "ha", "azonban", "most", "úgy", "így", "akkor"],
        ["lt"] = ["ir", "yra", "kad", "su", "į", "iš", "tai", "bet", "o", "kaip", "jo", "per", "buvo", "dėl", "ar", "nuo", "jau", "tik", "taip", "apie", "už", "prie", "kuris", "kurie", "po", "jis", "ji", "jie", "savo", "bus", "kai", "nes", "labai", "dar", "mes", "tačiau", "kurios", "pagal", "gali", "metų"],
        ["tl"] = ["ang", "ng", "sa", "na", "mga", "at", "ay", "si", "ni", "kay", "ko", "ka", "mo", "niya", "hindi", "ito", "iyon", "para", "naman", "lang", "pa", "din", "rin", "siya", "sila", "kanyang", "kanilang", "nang", "may", "mayroon", "kung", "pero", "dahil", "ngayon", "po", "ba", "daw", "raw", "nila", "namin"],
        ["sw"] = ["na", "ya", "wa", "kwa", "katika", "za", "la", "ni", "kuwa", "hiyo", "huo", "hii", "pia", "kama", "lakini", "wakati", "baada", "hadi", "zaidi", "au", "mwaka", "hata", "kwamba", "vya", "cha", "yake", "yao", "kutoka", "bila", "kila", "sasa", "ili", "huku", "hayo", "hao", "wao", "sisi", "juu", "ndani", "hivyo"],
        ["is"] = ["og", "að", "í", "á", "er", "sem", "um", "til", "við", "en", "var", "ekki", "hann", "það", "með", "af", "fyrir", "hún", "eru", "frá", "eftir", "þá", "þetta", "ég", "þegar", "hafa", "verið", "sé", "hefur", "þess", "hafi", "segir", "þeir", "einnig", "mjög", "því", "eða", "vera", "voru", "hjá"],
        ["ca"] = ["de", "la", "i", "el", "que", "a", "en", "les", "els", "per", "amb", "del", "és", "un", "una", "no", "al", "es", "més", "com", "però", "ha", "va", "seu", "seva", "també", "aquest", "aquesta", "molt", "hi", "ho", "quan", "perquè", "ja", "fins", "sobre", "entre", "sense", "han", "dels"],
        ["sq"] = ["të", "e", "në", "dhe", "i", "për", "me", "që", "nga", "një", "se", "është", "u", "do", "ka", "më", "si", "por", "ishte", "janë", "edhe", "kjo", "ky", "nuk", "pas", "deri", "sipas", "ai", "ajo", "tij", "saj", "kanë", "mund", "duke", "ndërsa", "gjatë", "ata", "kemi", "jemi", "mbi"],
        ["sk"] = ["a", "v", "na", "sa", "je", "že", "s", "z", "do", "o", "to", "i", "k", "vo", "pre", "by", "ako", "ale", "za", "sú", "po", "jeho", "ktoré", "ktorý", "tak", "bol", "bolo", "od", "už", "len", "tiež", "pri", "má", "som", "byť", "alebo", "podľa", "tejto", "však", "môže"],
        ["fi"] = ["ja", "on", "ei", "että", "se", "oli", "ovat", "mutta", "myös", "kuin", "tai", "sen", "jo", "niin", "hän", "kun", "ne", "ole", "mukaan", "vain", "jos", "nyt", "sekä", "joka", "jotka", "voi", "olla", "ollut", "tämä", "sitä", "kanssa", "siitä", "mitä", "vielä", "koska", "hänen", "heidän", "jälkeen", "noin", "sitten"],
        ["et"] = ["ja", "on", "et", "ei", "see", "oli", "ka", "kui", "aga", "ta", "mis", "või", "nii", "veel", "siis", "mida", "seda", "ning", "kes", "oma", "pole", "olema", "tema", "nad", "juba", "ainult", "pärast", "selle", "sest", "kuid", "üle", "mitte", "vaid", "kas", "kõik", "oleks", "üks", "olid", "neid", "poolt"],
        ["af"] = ["die", "en", "van", "is", "in", "het", "dat", "op", "vir", "met", "te", "nie", "wat", "om", "word", "ook", "aan", "sy", "hy", "as", "deur", "was", "by", "na", "hulle", "kan", "ons", "sal", "uit", "maar", "al", "een", "so", "meer", "daar", "toe", "of", "moet", "hul", "baie"],
        ["bg"] = ["и", "на", "да", "се", "в", "за", "с", "от", "че", "е", "не", "по", "са", "като", "това", "което", "който", "която", "които", "му", "си", "ще", "след", "при", "до", "но", "или", "към", "има", "беше", "този", "тази", "още", "само", "вече", "може", "както", "те", "той", "бъде"],
        ["sr"] = ["и", "је", "у", "да", "се", "на", "за", "су", "од", "а", "са", "не", "што", "као", "из", "који", "која", "које", "ће", "али", "или", "био", "била", "само", "још", "како", "након", "према", "може", "све", "бити", "већ", "има", "јер", "где", "такође", "овај", "ова", "они", "када"],
        ["hbs"] = ["i", "je", "u", "se", "na", "da", "za", "su", "od", "a", "s", "sa", "o", "to", "kao", "iz", "koji", "koja", "koje", "što", "nije", "bi", "će", "ali", "ili", "bio", "bila", "samo", "još", "kako", "nakon", "prema", "može", "sve", "biti", "već", "ima", "jer", "gdje", "također"],
    };

    /// <summary>The profiles' languages in ordinal order: a language is its index here (ties in the ranking go to the lower).</summary>
    private static readonly string[] Languages = [.. Profiles.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Every language's function words, once each (the science classifier can leave them out of its features).</summary>
    public static IReadOnlyCollection<string> FunctionWords { get; } = Profiles.Values.SelectMany(w => w).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Each function word and the languages (indexes into <see cref="Languages"/>) whose lists hold it.</summary>
    private static readonly Dictionary<string, int[]> WordIndex = BuildIndex();

    /// <summary>Looks words up by span, so a token is lower-cased into a buffer instead of a new string.</summary>
    private static readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> WordLookup = WordIndex.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The longest function word: a longer token cannot be one (lower-casing keeps a text's length).</summary>
    private static readonly int LongestWord = WordIndex.Keys.Max(w => w.Length);

    private static readonly bool[] FamilyOnlyIndex = [.. Languages.Select(FamilyOnly.Contains)];

    private static Dictionary<string, int[]> BuildIndex()
    {
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var lang = 0; lang < Languages.Length; lang++)
        {
            foreach (var w in Profiles[Languages[lang]])
            {
                if (!index.TryGetValue(w, out var langs))
                {
                    index[w] = langs = [];
                }

                if (!langs.Contains(lang))
                {
                    langs.Add(lang);
                }
            }
        }

        return index.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    public LanguageGuess Identify(string text)
    {
        var script = ByScript(text);
        if (script is not null)
        {
            return script;
        }

        // Per language: hits (a word shared by several languages counts a share to each, for the ranking) and whole
        // words (counted whole to each, for coverage and the size of the evidence).
        var hits = new double[Languages.Length];
        var whole = new int[Languages.Length];
        Span<char> lower = stackalloc char[LongestWord];
        var words = 0;
        var start = -1;
        for (var i = 0; i <= text.Length && words < MaxWords; i++)
        {
            // A hyphen between letters stays inside the word: the parts of "e-Durban" or "i-SAPS" (Zulu's prefixes)
            // are not the function words "e" and "i" of Portuguese or Albanian.
            var letter = i < text.Length && (char.IsLetter(text[i])
                || (start >= 0 && text[i] is '-' or '\u2010' && i + 1 < text.Length && char.IsLetter(text[i + 1])));
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                words++;
                var token = text.AsSpan(start, i - start);
                start = -1;
                if (token.Length > LongestWord)
                {
                    continue;
                }

                var written = token.ToLowerInvariant(lower);
                if (WordLookup.TryGetValue(lower[..written], out var langs))
                {
                    foreach (var lang in langs)
                    {
                        hits[lang] += 1.0 / langs.Length;
                        whole[lang]++;
                    }
                }
            }
        }

        // The ranking: most hits first, ties to the language first in ordinal order; the runner-up is the next.
        var best = -1;
        for (var lang = 0; lang < Languages.Length; lang++)
        {
            if (whole[lang] > 0 && (best < 0 || hits[lang] > hits[best]))
            {
                best = lang;
            }
        }

        if (best < 0 || hits[best] < 3 || whole[best] < MinCoverage * words || FamilyOnlyIndex[best])
        {
            return new LanguageGuess("und", 0);
        }

        var runnerUp = 0.0;
        for (var lang = 0; lang < Languages.Length; lang++)
        {
            if (lang != best && whole[lang] > 0)
            {
                runnerUp = Math.Max(runnerUp, hits[lang]);
            }
        }

        // The size of the evidence is the winner's words counted whole: a word it shares with a neighbour is still its word.
        var confidence = hits[best] / (hits[best] + runnerUp) * Math.Min(1, whole[best] / 20.0);
        return new LanguageGuess(Languages[best], Math.Round(confidence, 3));
    }

    /// <summary>How many alphabet letters one Han, Kana or Hangul character counts as (see the class summary).</summary>
    private const int DenseScriptWeight = 3;

    private static LanguageGuess? ByScript(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var letters = 0;
        foreach (var ch in text.AsSpan(0, Math.Min(text.Length, 20_000)))
        {
            if (!char.IsLetter(ch))
            {
                continue;
            }

            letters++;
            var script = ch switch
            {
                < '\u0370' => null,
                <= '\u03FF' or >= '\u1F00' and <= '\u1FFF' => "el",
                >= '\u0590' and <= '\u05FF' => "he",
                >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF' => "ar",
                >= '\u0900' and <= '\u097F' => "hi",
                >= '\u0980' and <= '\u09FF' => "bn",
                >= '\u0A00' and <= '\u0A7F' => "pa",
                >= '\u0A80' and <= '\u0AFF' => "gu",
                >= '\u0B00' and <= '\u0B7F' => "or",
                >= '\u0B80' and <= '\u0BFF' => "ta",
                >= '\u0C00' and <= '\u0C7F' => "te",
                >= '\u0C80' and <= '\u0CFF' => "kn",
                >= '\u0D00' and <= '\u0D7F' => "ml",
                >= '\u0D80' and <= '\u0DFF' => "si",
                >= '\u0E00' and <= '\u0E7F' => "th",
                >= '\u0E80' and <= '\u0EFF' => "lo",
                >= '\u1000' and <= '\u109F' => "my",
                >= '\u1200' and <= '\u137F' => "am",
                >= '\u1780' and <= '\u17FF' => "km",
                >= '\u10A0' and <= '\u10FF' => "ka",
                >= '\u0530' and <= '\u058F' => "hy",
                >= '\uAC00' and <= '\uD7AF' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F' => "ko",
                >= '\u3040' and <= '\u30FF' or >= '\u31F0' and <= '\u31FF' or >= '\uFF66' and <= '\uFF9F' => "kana",
                >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' => "han",
                _ => null,
            };
            if (script is not null)
            {
                var weight = script is "kana" or "han" or "ko" ? DenseScriptWeight : 1;
                counts[script] = counts.GetValueOrDefault(script) + weight;
                letters += weight - 1;
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
        foreach (var ch in text.AsSpan(0, Math.Min(text.Length, 20_000)))
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
