using System.Text.RegularExpressions;

namespace SciCurate.DomainFilter.Web.Quality;

/// <summary>
/// Computes the signal values that <see cref="QualityRules"/> read, from extracted text. Lines are the text's
/// non-empty lines (the extractor puts one block a line, blank lines between); paragraphs are split on blank lines.
/// Character ratios are taken over the text's length, as datatrove does.
/// </summary>
public static partial class QualitySignals
{
    private static readonly HashSet<string> GopherStopWords = new(StringComparer.Ordinal) { "the", "be", "to", "of", "and", "that", "have", "with" };

    private static readonly string[] C4PolicyPhrases = ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"];

    [GeneratedRegex(@"\S+")]
    private static partial Regex Words();

    [GeneratedRegex(@"\[\d+\]|\[edit\]|\[citation needed\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex C4Citations();

    [GeneratedRegex(@"[.!?]+[""'”’)\]]*(\s|$)")]
    private static partial Regex SentenceEnd();

    public static Dictionary<string, double> Compute(string text)
    {
        var signals = new Dictionary<string, double>(StringComparer.Ordinal);
        var chars = Math.Max(1, text.Length);
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var paragraphs = text.Split(["\n\n"], StringSplitOptions.None).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        var tokens = Words().Matches(text).Select(m => m.Value).ToList();
        // Gopher counts words without pure-punctuation tokens.
        var words = tokens.Where(t => t.Any(c => !char.IsPunctuation(c) && !char.IsSymbol(c))).ToList();
        var wordCount = Math.Max(1, words.Count);

        signals["gopher_words"] = words.Count;
        signals["gopher_mean_word_length"] = words.Count == 0 ? 0 : words.Average(w => w.Length);
        signals["gopher_hash_per_word"] = (double)text.Count(c => c == '#') / wordCount;
        signals["gopher_ellipsis_per_word"] = (double)(CountOf(text, "...") + text.Count(c => c == '…')) / wordCount;
        var lineCount = Math.Max(1, lines.Count);
        signals["gopher_bullet_line_ratio"] = (double)lines.Count(l => l.StartsWith('•') || l.StartsWith('-') || l.StartsWith('*') || l.StartsWith('●')) / lineCount;
        signals["gopher_ellipsis_line_ratio"] = (double)lines.Count(l => l.EndsWith("...", StringComparison.Ordinal) || l.EndsWith('…')) / lineCount;
        signals["gopher_alpha_word_ratio"] = words.Count == 0 ? 0 : (double)words.Count(w => w.Any(char.IsLetter)) / words.Count;
        signals["gopher_stop_words"] = words.Count(w => GopherStopWords.Contains(w.ToLowerInvariant()));

        var (dupLines, dupLineChars) = Duplicates(lines);
        signals["gopher_dup_line_ratio"] = (double)dupLines / lineCount;
        signals["gopher_dup_line_char_ratio"] = (double)dupLineChars / chars;
        var (dupParas, dupParaChars) = Duplicates(paragraphs);
        signals["gopher_dup_para_ratio"] = (double)dupParas / Math.Max(1, paragraphs.Count);
        signals["gopher_dup_para_char_ratio"] = (double)dupParaChars / chars;
        var lower = tokens.Select(t => t.ToLowerInvariant()).ToList();
        for (var n = 2; n <= 4; n++)
        {
            signals[$"gopher_top_{n}gram_char_ratio"] = (double)TopNGramChars(lower, n) / chars;
        }

        for (var n = 5; n <= 10; n++)
        {
            signals[$"gopher_dup_{n}gram_char_ratio"] = (double)DuplicatedNGramChars(lower, n) / chars;
        }

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

        signals["c4_removed_line_ratio"] = lines.Count == 0 ? 0 : 1 - (double)kept.Count / lines.Count;
        signals["c4_lorem_ipsum"] = text.Contains("lorem ipsum", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        signals["c4_curly_bracket"] = text.Contains('{', StringComparison.Ordinal) ? 1 : 0;
        signals["c4_sentences"] = kept.Sum(l => SentenceEnd().Count(l));

        // FineWeb
        signals["fineweb_line_punct_ratio"] = (double)lines.Count(EndsInTerminalPunctuation) / lineCount;
        signals["fineweb_short_line_ratio"] = (double)lines.Count(l => l.Length <= 30) / lineCount;
        signals["fineweb_dup_line_char_ratio"] = signals["gopher_dup_line_char_ratio"];
        signals["fineweb_newline_per_word"] = (double)lines.Count / wordCount;
        return signals;
    }

    /// <summary>Names of the rules the signals fail, in <see cref="QualityRules.All"/> order.</summary>
    public static List<string> FailedRules(IReadOnlyDictionary<string, double> signals) =>
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
