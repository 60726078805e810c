using System.Text.RegularExpressions;

namespace SciCurate.DomainFilter.Web.Quality;

/// <summary>
/// The quality signals of a page's text, which <see cref="QualityRules"/> read and web_documents stores one column each
/// (Gopher, C4 and FineWeb, as datatrove computes them). <see cref="Compute"/> takes them from extracted text: lines are
/// the text's non-empty lines (the extractor puts one block a line, blank lines between); paragraphs are split on blank
/// lines. Character ratios are taken over the text's length, as datatrove does.
/// </summary>
public sealed partial record QualitySignals
{
    /// <summary>Characters of the text (shown to the judge; no rule reads it).</summary>
    public int CharCount { get; init; }
    public double GopherWords { get; init; }
    public double GopherMeanWordLength { get; init; }
    public double GopherHashPerWord { get; init; }
    public double GopherEllipsisPerWord { get; init; }
    public double GopherBulletLineRatio { get; init; }
    public double GopherEllipsisLineRatio { get; init; }
    public double GopherAlphaWordRatio { get; init; }
    public double GopherStopWords { get; init; }
    public double GopherDupLineRatio { get; init; }
    public double GopherDupLineCharRatio { get; init; }
    public double GopherDupParaRatio { get; init; }
    public double GopherDupParaCharRatio { get; init; }
    public double GopherTop2gramCharRatio { get; init; }
    public double GopherTop3gramCharRatio { get; init; }
    public double GopherTop4gramCharRatio { get; init; }
    public double GopherDup5gramCharRatio { get; init; }
    public double GopherDup6gramCharRatio { get; init; }
    public double GopherDup7gramCharRatio { get; init; }
    public double GopherDup8gramCharRatio { get; init; }
    public double GopherDup9gramCharRatio { get; init; }
    public double GopherDup10gramCharRatio { get; init; }
    public double C4LoremIpsum { get; init; }
    public double C4CurlyBracket { get; init; }
    public double C4Sentences { get; init; }
    public double C4RemovedLineRatio { get; init; }
    public double FinewebLinePunctRatio { get; init; }
    public double FinewebShortLineRatio { get; init; }
    public double FinewebDupLineCharRatio { get; init; }
    public double FinewebNewlinePerWord { get; init; }

    /// <summary>
    /// The dozen signals the domain judge is shown, by name in ordinal order: those that tell boilerplate from prose.
    /// </summary>
    public IEnumerable<(string Name, double Value)> ForJudge() =>
    [
        ("c4_removed_line_ratio", C4RemovedLineRatio),
        ("c4_sentences", C4Sentences),
        ("char_count", CharCount),
        ("fineweb_line_punct_ratio", FinewebLinePunctRatio),
        ("fineweb_newline_per_word", FinewebNewlinePerWord),
        ("fineweb_short_line_ratio", FinewebShortLineRatio),
        ("gopher_alpha_word_ratio", GopherAlphaWordRatio),
        ("gopher_bullet_line_ratio", GopherBulletLineRatio),
        ("gopher_dup_line_ratio", GopherDupLineRatio),
        ("gopher_mean_word_length", GopherMeanWordLength),
        ("gopher_stop_words", GopherStopWords),
        ("gopher_words", GopherWords),
    ];

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal) { "the", "be", "to", "of", "and", "that", "have", "with" };

    private static readonly string[] C4PolicyPhrases = ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"];

    [GeneratedRegex(@"\S+")]
    private static partial Regex Words();

    [GeneratedRegex(@"\[\d+\]|\[edit\]|\[citation needed\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex C4Citations();

    [GeneratedRegex(@"[.!?]+[""'”’)\]]*(\s|$)")]
    private static partial Regex SentenceEnd();

    public static QualitySignals Compute(string text)
    {
        var chars = Math.Max(1, text.Length);
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var paragraphs = text.Split(["\n\n"], StringSplitOptions.None).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        var tokens = Words().Matches(text).Select(m => m.Value).ToList();
        // Gopher counts words without pure-punctuation tokens.
        var words = tokens.Where(t => t.Any(c => !char.IsPunctuation(c) && !char.IsSymbol(c))).ToList();
        var wordCount = Math.Max(1, words.Count);

        var lineCount = Math.Max(1, lines.Count);
        var (dupLines, dupLineChars) = Duplicates(lines);
        var (dupParas, dupParaChars) = Duplicates(paragraphs);
        var lower = tokens.Select(t => t.ToLowerInvariant()).ToList();

        // C4: line filters, then document rules on what is left.
        var kept = new List<string>();
        foreach (var line in lines)
        {
            var l = C4Citations().Replace(line, "");
            var lineWords = Words().Matches(l).Select(m => m.Value).ToList();
            var lowerLine = l.ToLowerInvariant();
            if (lineWords.Count < 3 || lineWords.Any(w => w.Length > 1000) || lowerLine.Contains("javascript", StringComparison.Ordinal)
                || C4PolicyPhrases.Any(p => lowerLine.Contains(p, StringComparison.Ordinal)))
            {
                continue;
            }

            kept.Add(l);
        }

        var dupLineCharRatio = (double)dupLineChars / chars;
        return new QualitySignals
        {
            CharCount = text.Length,
            GopherWords = words.Count,
            GopherMeanWordLength = words.Count == 0 ? 0 : words.Average(w => w.Length),
            GopherHashPerWord = (double)text.Count(c => c == '#') / wordCount,
            GopherEllipsisPerWord = (double)(CountOf(text, "...") + text.Count(c => c == '…')) / wordCount,
            GopherBulletLineRatio = (double)lines.Count(l => l.StartsWith('•') || l.StartsWith('-') || l.StartsWith('*') || l.StartsWith('●')) / lineCount,
            GopherEllipsisLineRatio = (double)lines.Count(l => l.EndsWith("...", StringComparison.Ordinal) || l.EndsWith('…')) / lineCount,
            GopherAlphaWordRatio = words.Count == 0 ? 0 : (double)words.Count(w => w.Any(char.IsLetter)) / words.Count,
            GopherStopWords = words.Count(w => StopWords.Contains(w.ToLowerInvariant())),
            GopherDupLineRatio = (double)dupLines / lineCount,
            GopherDupLineCharRatio = dupLineCharRatio,
            GopherDupParaRatio = (double)dupParas / Math.Max(1, paragraphs.Count),
            GopherDupParaCharRatio = (double)dupParaChars / chars,
            GopherTop2gramCharRatio = (double)TopNGramChars(lower, 2) / chars,
            GopherTop3gramCharRatio = (double)TopNGramChars(lower, 3) / chars,
            GopherTop4gramCharRatio = (double)TopNGramChars(lower, 4) / chars,
            GopherDup5gramCharRatio = (double)DuplicatedNGramChars(lower, 5) / chars,
            GopherDup6gramCharRatio = (double)DuplicatedNGramChars(lower, 6) / chars,
            GopherDup7gramCharRatio = (double)DuplicatedNGramChars(lower, 7) / chars,
            GopherDup8gramCharRatio = (double)DuplicatedNGramChars(lower, 8) / chars,
            GopherDup9gramCharRatio = (double)DuplicatedNGramChars(lower, 9) / chars,
            GopherDup10gramCharRatio = (double)DuplicatedNGramChars(lower, 10) / chars,
            C4RemovedLineRatio = lines.Count == 0 ? 0 : 1 - (double)kept.Count / lines.Count,
            C4LoremIpsum = text.Contains("lorem ipsum", StringComparison.OrdinalIgnoreCase) ? 1 : 0,
            C4CurlyBracket = text.Contains('{', StringComparison.Ordinal) ? 1 : 0,
            C4Sentences = kept.Sum(l => SentenceEnd().Count(l)),
            FinewebLinePunctRatio = (double)lines.Count(EndsInTerminalPunctuation) / lineCount,
            FinewebShortLineRatio = (double)lines.Count(l => l.Length <= 30) / lineCount,
            FinewebDupLineCharRatio = dupLineCharRatio,
            FinewebNewlinePerWord = (double)lines.Count / wordCount,
        };
    }

    /// <summary>Names of the rules the signals fail, in <see cref="QualityRules.All"/> order.</summary>
    public static List<string> FailedRules(QualitySignals signals) =>
        QualityRules.All.Where(r => r.Fails(signals)).Select(r => r.Name).ToList();

    private static bool EndsInTerminalPunctuation(string line) =>
        line[^1] is '.' or '!' or '?' or '"' or '\'' or '”' or '’' or '。' or '！' or '？' || line.EndsWith("...", StringComparison.Ordinal) || line[^1] == '…';

    private static int CountOf(string text, string needle)
    {
        var count = 0;
        for (var at = text.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = text.IndexOf(needle, at + needle.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Elements seen before (after their first occurrence) and their characters (datatrove's find_duplicates).</summary>
    private static (int Count, int Chars) Duplicates(List<string> items)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int count = 0, chars = 0;
        foreach (var item in items)
        {
            if (!seen.Add(item))
            {
                count++;
                chars += item.Length;
            }
        }

        return (count, chars);
    }

    /// <summary>Characters of the most frequent n-gram times its count (datatrove's find_top_duplicate), 0 when none repeats.</summary>
    private static int TopNGramChars(List<string> words, int n)
    {
        if (words.Count < n)
        {
            return 0;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var best = (Count: 0, Length: 0);
        for (var i = 0; i + n <= words.Count; i++)
        {
            var gram = string.Join(' ', words.GetRange(i, n));
            var c = counts[gram] = counts.GetValueOrDefault(gram) + 1;
            if (c > best.Count)
            {
                best = (c, gram.Length);
            }
        }

        return best.Count > 1 ? best.Count * best.Length : 0;
    }

    /// <summary>Characters in n-grams that repeat an earlier one, without double counting overlaps (datatrove's find_all_duplicate).</summary>
    private static int DuplicatedNGramChars(List<string> words, int n)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var chars = 0;
        var i = 0;
        while (i + n <= words.Count)
        {
            var gram = string.Concat(words.GetRange(i, n));
            if (!seen.Add(gram))
            {
                chars += gram.Length;
                i += n;
            }
            else
            {
                i++;
            }
        }

        return chars;
    }
}
