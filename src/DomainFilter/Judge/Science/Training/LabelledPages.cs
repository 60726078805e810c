using System.Text.Json;

namespace SciCurate.DomainFilter.Judge.Science.Training;

/// <summary>A hand label of a page (see src/DomainFilter/Judge/README.md for the definition).</summary>
public enum ScienceLabel
{
    Science,
    Not,
    Unsure,
    Empty,
}

/// <summary>An extracted page as <c>curate web extract</c> wrote it, with its hand label.</summary>
public sealed record LabelledPage
{
    public required string Id { get; init; }

    public required string Url { get; init; }

    /// <summary>The registered domain, as the judge groups pages.</summary>
    public required string Domain { get; init; }

    public required string Language { get; init; }

    public string? Title { get; init; }

    public required string Text { get; init; }

    /// <summary>train | test: fixed by a hash of the domain, so no site is on both sides.</summary>
    public required string Split { get; init; }

    public required ScienceLabel Label { get; init; }

    public string Note { get; init; } = "";
}

/// <summary>Reads the pages JSON and the label files, and joins them by page id.</summary>
public static class LabelledPages
{
    /// <summary>
    /// Label files are TSV, either an annotator's <c>id, label, note</c> lines, or the committed form with a header
    /// line naming at least <c>id</c> and <c>label</c> (configs/judge/labels-*.tsv: id, url, split, label, note).
    /// Labels: science | not | unsure | empty. A page labelled twice keeps its first label.
    /// </summary>
    public static Dictionary<string, (ScienceLabel Label, string Note)> ReadLabels(IEnumerable<string> paths)
    {
        var labels = new Dictionary<string, (ScienceLabel, string)>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"labels file not found: {path}", path);
            }

            int id = 0, label = 1, note = 2;
            var lineNo = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNo++;
                if (line.Length == 0)
                {
                    continue;
                }

                var cols = line.Split('\t');
                if (lineNo == 1 && cols[0] == "id")
                {
                    id = Array.IndexOf(cols, "id");
                    label = Array.IndexOf(cols, "label");
                    note = Array.IndexOf(cols, "note");
                    if (label < 0)
                    {
                        throw new FormatException($"{path}: the header names no 'label' column");
                    }

                    continue;
                }

                if (cols.Length <= Math.Max(id, label))
                {
                    throw new FormatException($"{path}:{lineNo}: expected tab-separated id and label, got '{Trim(line)}'");
                }

                var parsed = Parse(cols[label].Trim()) ?? throw new FormatException($"{path}:{lineNo}: label '{cols[label]}' is not science, not, unsure or empty");
                labels.TryAdd(cols[id].Trim(), (parsed, note >= 0 && note < cols.Length ? cols[note] : ""));
            }
        }

        return labels;
    }

    public static ScienceLabel? Parse(string label) => label switch
    {
        "science" => ScienceLabel.Science,
        "not" => ScienceLabel.Not,
        "unsure" => ScienceLabel.Unsure,
        "empty" => ScienceLabel.Empty,
        _ => null,
    };

    public static string ToWire(this ScienceLabel label) => label.ToString().ToLowerInvariant();

    /// <summary>
    /// The pages JSON (an array of {id, url, title, text, language, split}) joined with the labels; pages without a
    /// label are left out. The domain is recomputed from the URL with the judge's own registered-domain rule.
    /// </summary>
    public static List<LabelledPage> Read(string pagesJson, IReadOnlyDictionary<string, (ScienceLabel Label, string Note)> labels)
    {
        var pages = new List<LabelledPage>();
        foreach (var p in PageElements(pagesJson))
        {
            var id = Str(p, "id");
            if (id is null || !labels.TryGetValue(id, out var label))
            {
                continue;
            }

            var url = Str(p, "url") ?? "";
            pages.Add(new LabelledPage
            {
                Id = id,
                Url = url,
                Domain = Web.RegisteredDomain.OfUrl(url),
                Language = Str(p, "language") ?? "und",
                Title = Str(p, "title"),
                Text = Str(p, "text") ?? "",
                Split = Str(p, "split") ?? "",
                Label = label.Label,
                Note = label.Note,
            });
        }

        return pages;
    }

    /// <summary>The registered domains of every page in these pages files, labelled or not.</summary>
    public static HashSet<string> RegisteredDomains(IEnumerable<string> pagesJsons)
    {
        var domains = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in pagesJsons)
        {
            foreach (var p in PageElements(path))
            {
                if (Str(p, "url") is { Length: > 0 } url)
                {
                    domains.Add(Web.RegisteredDomain.OfUrl(url));
                }
            }
        }

        return domains;
    }

    /// <summary>The pages of one pages file (a JSON array), read while the caller enumerates them.</summary>
    private static IEnumerable<JsonElement> PageElements(string pagesJson)
    {
        if (!File.Exists(pagesJson))
        {
            throw new FileNotFoundException($"pages file not found: {pagesJson}", pagesJson);
        }

        using var stream = File.OpenRead(pagesJson);
        using var doc = JsonDocument.Parse(stream);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{pagesJson}: expected a JSON array of pages");
        }

        foreach (var p in doc.RootElement.EnumerateArray())
        {
            yield return p;
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Trim(string s) => s.Length > 60 ? s[..60] + "…" : s;
}
