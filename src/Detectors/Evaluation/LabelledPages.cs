using System.Globalization;
using SciCurate.Parsers.Pdf;
using UglyToad.PdfPig;

namespace SciCurate.Detectors.Evaluation;

/// <summary>
/// A page labelled by hand: <c>math</c> (formulas a text layer cannot carry), <c>scan</c> (no usable text layer),
/// <c>garbled</c> (text layer that is garbage) are hard; <c>prose</c>, <c>table</c>, <c>blank</c> are not. A page whose
/// only math is a stray symbol is <c>minor</c>: counted, but left out of training and metrics as ambiguous.
/// <see cref="Split"/> is <c>train</c>, <c>eval</c> (held out) or <c>test</c>, <c>test2</c>… (held out, labelled blind and
/// scored once, never looked at while building a model), decided per document so no document feeds two splits.
/// </summary>
public sealed record LabelledPage(string Pdf, int Page, string Label, string Split, string Note)
{
    public static readonly IReadOnlySet<string> HardLabels = new HashSet<string>(StringComparer.Ordinal) { "math", "scan", "garbled" };

    public static readonly IReadOnlySet<string> EasyLabels = new HashSet<string>(StringComparer.Ordinal) { "prose", "table", "blank" };

    public bool IsScored => HardLabels.Contains(Label) || EasyLabels.Contains(Label);

    public bool Hard => HardLabels.Contains(Label);
}

/// <summary>Reads and featurises the hand-labelled pages file (TSV: pdf, page, label, split, note).</summary>
public static class LabelledPages
{
    public static IReadOnlyList<LabelledPage> Read(string path)
    {
        var pages = new List<LabelledPage>();
        var lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var f = line.Split('\t');
            if (f.Length < 4 || !int.TryParse(f[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var page))
            {
                if (f[0] == "pdf" && f.Length > 1 && f[1] == "page")
                {
                    continue;
                }

                throw new FormatException($"{path}:{lineNo}: expected pdf<TAB>page<TAB>label<TAB>split[<TAB>note]");
            }

            var label = f[2].Trim();
            if (!LabelledPage.HardLabels.Contains(label) && !LabelledPage.EasyLabels.Contains(label) && label != "minor")
            {
                throw new FormatException($"{path}:{lineNo}: unknown label '{label}' (math, scan, garbled, prose, table, blank, minor)");
            }

            var split = f[3].Trim();
            if (split is not ("train" or "eval") && !split.StartsWith("test", StringComparison.Ordinal))
            {
                throw new FormatException($"{path}:{lineNo}: split must be train, eval or test (test2, test3… for later blind sets), not '{split}'");
            }

            pages.Add(new LabelledPage(f[0].Trim(), page, label, split, f.Length > 4 ? f[4] : ""));
        }

        return pages;
    }

    /// <summary>Resolves a labels-file path: absolute paths as they are, others under <paramref name="dataRoot"/>.</summary>
    public static string Resolve(string pdf, string dataRoot) => Path.IsPathRooted(pdf) ? pdf : Path.Combine(dataRoot, pdf);

    /// <summary>
    /// Features of the given pages, opening each PDF once. Pages that cannot be read are reported and skipped; a labelled
    /// document that does not exist is an error (scores over the few documents found would look perfect and mean nothing).
    /// </summary>
    public static List<(LabelledPage Page, PageFeatures Features)> Featurise(IEnumerable<LabelledPage> pages, string dataRoot, TextWriter log)
    {
        var parser = new PdfPigPageParser();
        var result = new List<(LabelledPage, PageFeatures)>();
        var groups = pages.GroupBy(p => p.Pdf).ToList();
        var missing = groups.Select(g => Resolve(g.Key, dataRoot)).Where(path => !File.Exists(path)).ToList();
        if (missing.Count > 0)
        {
            throw new FileNotFoundException(
                $"{missing.Count} of {groups.Count} labelled documents not found (relative paths start at {Path.GetFullPath(dataRoot)}; first missing: {missing[0]})",
                missing[0]);
        }

        foreach (var group in groups)
        {
            var path = Resolve(group.Key, dataRoot);
            try
            {
                using var doc = PdfDocument.Open(path);
                foreach (var p in group)
                {
                    if (p.Page < 1 || p.Page > doc.NumberOfPages)
                    {
                        log.WriteLine($"skipped {p.Pdf} page {p.Page}: the document has {doc.NumberOfPages} pages");
                        continue;
                    }

                    var page = doc.GetPage(p.Page);
                    result.Add((p, PageFeatureExtractor.Extract(page, parser.Parse(page))));
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                log.WriteLine($"skipped {path}: {e.GetType().Name}: {e.Message}");
            }
        }

        return result;
    }
}
