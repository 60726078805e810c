using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SciCurate.Parsers.Pdf;
using UglyToad.PdfPig;

namespace SciCurate.Detectors.Training;

/// <summary>
/// Generates LaTeX documents, compiles them with pdflatex and featurises their pages with labels from the source.
/// Segment i starts with \label{seg:i}, so the .aux file says on which page each segment begins; a segment's first page
/// takes its label, and pages a segment overflows onto are left out (their content is only the segment's tail).
/// </summary>
public sealed partial class GeneratedCorpus(string workDir, string pdflatex = "pdflatex")
{
    [GeneratedRegex(@"\\newlabel\{seg:(\d+)\}\{\{.*?\}\{(\d+)\}")]
    private static partial Regex SegmentLabel();

    public List<TrainingExample> Build(int documents, int seed, TextWriter log)
    {
        Directory.CreateDirectory(workDir);
        var generator = new LatexPageGenerator(seed);
        var parser = new PdfPigPageParser();
        var examples = new List<TrainingExample>();
        var failed = 0;
        for (var d = 0; d < documents; d++)
        {
            var doc = generator.Next(d);
            var pdf = Compile(doc, out var error);
            if (pdf is null)
            {
                failed++;
                log.WriteLine($"{doc.Name} ({doc.Style}) did not compile: {error}");
                continue;
            }

            MakeFigure(pdf);
            var starts = ReadSegmentStarts(Path.ChangeExtension(pdf, ".aux"));
            using var document = PdfDocument.Open(pdf);
            foreach (var segment in doc.Segments)
            {
                if (!starts.TryGetValue(segment.Index, out var pageNo) || pageNo < 1 || pageNo > document.NumberOfPages)
                {
                    continue;
                }

                var page = document.GetPage(pageNo);
                var features = PageFeatureExtractor.Extract(page, parser.Parse(page));
                examples.Add(new TrainingExample(features.Values, segment.HasFormulas, $"{doc.Name}:{pageNo}",
                    "gen:" + segment.Kind.ToString().ToLowerInvariant(), 1));
            }

            if ((d + 1) % 20 == 0)
            {
                log.WriteLine($"generated {d + 1}/{documents} documents, {examples.Count} pages");
            }
        }

        if (failed > documents / 4)
        {
            throw new InvalidOperationException($"{failed} of {documents} generated documents failed to compile; is texlive installed?");
        }

        return examples;
    }

    /// <summary>Compiles once (the .aux of a single run already holds every page number); reuses a PDF whose source has not changed.</summary>
    private string? Compile(GeneratedDocument doc, out string? error)
    {
        error = null;
        var tex = Path.Combine(workDir, doc.Name + ".tex");
        var pdf = Path.ChangeExtension(tex, ".pdf");
        if (File.Exists(pdf) && File.Exists(tex) && File.ReadAllText(tex) == doc.Source)
        {
            return pdf;
        }

        File.WriteAllText(tex, doc.Source);
        var info = new ProcessStartInfo(pdflatex)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-interaction=batchmode", "-halt-on-error", doc.Name + ".tex" })
        {
            info.ArgumentList.Add(a);
        }

        try
        {
            using var p = Process.Start(info) ?? throw new InvalidOperationException("pdflatex did not start");
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(120_000))
            {
                p.Kill(entireProcessTree: true);
                error = "timed out";
                return null;
            }

            if (p.ExitCode != 0 || !File.Exists(pdf))
            {
                error = $"exit {p.ExitCode}; see {Path.ChangeExtension(tex, ".log")}";
                File.Delete(pdf);
                return null;
            }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run {pdflatex}: {e.Message} (apt-get install texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended lmodern)", e);
        }

        return pdf;
    }

    /// <summary>Renders the first compiled page to figure.png (pdftoppm), the raster figure later documents include.</summary>
    private void MakeFigure(string pdf)
    {
        var figure = Path.Combine(workDir, "figure.png");
        if (File.Exists(figure))
        {
            return;
        }

        try
        {
            var info = new ProcessStartInfo("pdftoppm") { WorkingDirectory = workDir, UseShellExecute = false, RedirectStandardError = true };
            foreach (var a in new[] { "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", pdf, "figure" })
            {
                info.ArgumentList.Add(a);
            }

            using var p = Process.Start(info);
            p?.WaitForExit(60_000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Without poppler-utils the documents simply have no raster figures.
        }
    }

    internal static Dictionary<int, int> ReadSegmentStarts(string aux)
    {
        var starts = new Dictionary<int, int>();
        if (!File.Exists(aux))
        {
            return starts;
        }

        foreach (Match m in SegmentLabel().Matches(File.ReadAllText(aux)))
        {
            starts[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)] = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        }

        return starts;
    }
}
