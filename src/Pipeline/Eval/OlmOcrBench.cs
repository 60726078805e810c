using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SciCurate.Pipeline.Eval;

/// <summary>One olmOCR-Bench unit test (dataset.jsonl / blanks.jsonl).</summary>
public sealed record BenchTest(string Pdf, int Page, string Id, string Type, string? Text, string? Before, string? After, int MaxDiffs, int? MaxLength,
    int? FirstN = null, int? LastN = null);

/// <summary>The result of a bench run, by test type.</summary>
public sealed record BenchScore(IReadOnlyDictionary<string, (int Passed, int Total)> ByType, IReadOnlyList<(BenchTest Test, string Why)> Failures);

/// <summary>
/// Scores page Markdown against olmOCR-Bench's text tests the way the bench defines them: text is normalised
/// (markdown emphasis removed, whitespace collapsed, NFC, typographic quotes and dashes folded), `present` must occur
/// with at most max_diffs edits, `absent` must not, `order` needs a match of `before` starting before one of `after`,
/// and `baseline` (blank page) allows at most max_length alphanumeric characters.
/// </summary>
public static partial class OlmOcrBench
{
    public static readonly string[] ScoredTypes = ["present", "absent", "order", "baseline"];

    public static List<BenchTest> Load(string benchDir)
    {
        var tests = new List<BenchTest>();
        foreach (var file in new[] { "dataset.jsonl", "blanks.jsonl" })
        {
            var path = Path.Combine(benchDir, file);
            if (!File.Exists(path))
            {
                continue;
            }

            foreach (var line in File.ReadLines(path))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                using var json = JsonDocument.Parse(line);
                var r = json.RootElement;
                string? Str(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                int? Int(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
                tests.Add(new BenchTest(Str("pdf")!, Int("page") ?? 1, Str("id")!, Str("type")!, Str("text"), Str("before"), Str("after"), Int("max_diffs") ?? 0, Int("max_length"),
                    Int("first_n"), Int("last_n")));
            }
        }

        return tests;
    }

    public static BenchScore Score(IReadOnlyList<BenchTest> tests, Func<string, int, string?> markdownOf)
    {
        var byType = new SortedDictionary<string, (int, int)>(StringComparer.Ordinal);
        var failures = new List<(BenchTest, string)>();
        foreach (var test in tests)
        {
            if (!ScoredTypes.Contains(test.Type))
            {
                continue;
            }

            var md = markdownOf(test.Pdf, test.Page) ?? "";
            var (pass, why) = Run(test, md);
            var (p, t) = byType.GetValueOrDefault(test.Type);
            byType[test.Type] = (p + (pass ? 1 : 0), t + 1);
            if (!pass)
            {
                failures.Add((test, why));
            }
        }

        return new BenchScore(byType, failures);
    }

    public static (bool Pass, string Why) Run(BenchTest test, string markdown)
    {
        var content = Normalize(markdown);
        if (test.Type is "present" or "absent")
        {
            // first_n / last_n restrict the search to the page's first or last characters (headers, footers).
            content = (test.FirstN, test.LastN) switch
            {
                ({ } f, { } l) => content[..Math.Min(f, content.Length)] + content[Math.Max(0, content.Length - l)..],
                ({ } f, null) => content[..Math.Min(f, content.Length)],
                (null, { } l) => content[Math.Max(0, content.Length - l)..],
                _ => content,
            };
        }

        switch (test.Type)
        {
            case "present":
            {
                var text = Normalize(test.Text ?? "");
                return FuzzyMatch.Contains(text, content, test.MaxDiffs) ? (true, "") : (false, $"missing: {Clip(text)}");
            }

            case "absent":
            {
                var text = Normalize(test.Text ?? "");
                return FuzzyMatch.Contains(text, content, test.MaxDiffs) ? (false, $"present but should be absent: {Clip(text)}") : (true, "");
            }

            case "order":
            {
                var before = FuzzyMatch.FindStarts(Normalize(test.Before ?? ""), content, test.MaxDiffs);
                var after = FuzzyMatch.FindStarts(Normalize(test.After ?? ""), content, test.MaxDiffs);
                if (before.Count == 0)
                {
                    return (false, $"'before' not found: {Clip(test.Before)}");
                }

                if (after.Count == 0)
                {
                    return (false, $"'after' not found: {Clip(test.After)}");
                }

                return before[0] < after[^1] ? (true, "") : (false, "wrong order");
            }

            case "baseline":
            {
                var alnum = markdown.Count(char.IsLetterOrDigit);
                if (test.MaxLength is { } max)
                {
                    return alnum <= max ? (true, "") : (false, $"{alnum} characters on a page expected blank");
                }

                return alnum > 0 ? (true, "") : (false, "no alphanumeric characters");
            }

            default:
                return (false, "not scored");
        }
    }

    private static string Clip(string? s) => s is null ? "" : s.Length > 60 ? s[..60] + "…" : s;

    public static string Normalize(string md)
    {
        md = BreakTag().Replace(md, " ");
        md = Bold().Replace(md, "$2");
        md = HtmlEmphasis().Replace(md, "");
        md = Italic().Replace(md, "$2");
        md = Whitespace().Replace(md, " ");
        md = md.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(md.Length);
        foreach (var c in md)
        {
            sb.Append(c switch
            {
                '‘' or '’' or '‚' => '\'',
                '“' or '”' or '„' => '"',
                '＿' => '_',
                '–' or '—' or '‑' or '‒' or '−' => '-',
                '\u00b5' => '\u03bc',
                _ => c,
            });
        }

        return sb.ToString();
    }

    public static string FormatTable(IEnumerable<(string Name, BenchScore Score)> columns)
    {
        var list = columns.ToList();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{"test type",-10}");
        foreach (var (name, _) in list)
        {
            sb.Append(CultureInfo.InvariantCulture, $" {name,18}");
        }

        sb.AppendLine();
        foreach (var type in ScoredTypes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{type,-10}");
            foreach (var (_, score) in list)
            {
                var (p, t) = score.ByType.GetValueOrDefault(type);
                sb.Append(CultureInfo.InvariantCulture, $" {$"{p}/{t} ({(t == 0 ? 0 : 100.0 * p / t):F1}%)",18}");
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }

    [GeneratedRegex("<br/?>")]
    private static partial Regex BreakTag();

    [GeneratedRegex(@"(\*\*|__)(.*?)\1")]
    private static partial Regex Bold();

    [GeneratedRegex("</?[bi]>")]
    private static partial Regex HtmlEmphasis();

    [GeneratedRegex(@"(\*|_)(.*?)\1")]
    private static partial Regex Italic();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
