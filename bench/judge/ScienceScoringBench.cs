using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SciCurate.DomainFilter.Judge;
using SciCurate.DomainFilter.Judge.Science;

namespace SciCurate.Bench.Judge;

/// <summary>
/// Scoring speed of the offline judge's page scorers on real extracted pages, one thread: the trained classifier
/// (hashing + ONNX Runtime, in batches of a domain's sample of 8 pages) and today's lexical score as the peer.
/// Pages per second are given per CPU-second of this process (robust on a shared machine) and per wall-second.
/// </summary>
public static class ScienceScoringBench
{
    public static int Run(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var pagesPath = Arg("--pages", "/work/evaldata/judge/pages.json");
        var modelPath = Arg("--model", Path.Combine(AppContext.BaseDirectory, "configs", "models", "science_classifier.onnx"));
        var rounds = int.Parse(Arg("--rounds", "5"), CultureInfo.InvariantCulture);
        var scorer = Arg("--scorer", "both");
        using var doc = JsonDocument.Parse(File.ReadAllText(pagesPath));
        var pages = doc.RootElement.EnumerateArray()
            .Select(p => (Title: p.TryGetProperty("title", out var t) ? t.GetString() : null, Text: p.GetProperty("text").GetString() ?? "", Url: p.GetProperty("url").GetString() ?? ""))
            .ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{pages.Count} pages from {pagesPath}, median {pages.Select(p => p.Text.Length).Order().ElementAt(pages.Count / 2)} chars; one thread, {rounds} rounds after a warm-up; {Environment.ProcessorCount} cores"));

        double? model = null, lexical = null;
        if (scorer is "both" or "model")
        {
            using var classifier = new OnnxScienceClassifier(modelPath);
            model = Measure($"model {classifier.ModelId} (hash + ONNX, batches of 8)", rounds, pages.Count, () =>
            {
                var sum = 0.0;
                for (var i = 0; i < pages.Count; i += 8)
                {
                    foreach (var s in classifier.Score([.. pages.Skip(i).Take(8).Select(p => new ScienceInput(p.Url, p.Title, p.Text))]))
                    {
                        sum += s.Probability;
                    }
                }

                return sum;
            });
        }

        if (scorer is "both" or "model")
        {
            var hasher = new ScienceFeatureHasher(SpecOf(modelPath));
            Measure("  of which hashing alone", rounds, pages.Count, () => pages.Sum(p => (double)hasher.Hash(new ScienceInput(p.Url, p.Title, p.Text)).Count));
        }

        if (scorer is "both" or "lexical")
        {
            lexical = Measure("lexical ScienceRelevance (today)", rounds, pages.Count, () => pages.Sum(p => ScienceRelevance.Score(p.Text, p.Url).Score));
        }

        if (model is { } m && lexical is { } l)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio model / lexical (pages per CPU-second): {m / l:F2}"));
        }

        return 0;
    }

    private static ScienceFeatureSpec SpecOf(string modelPath)
    {
        using var classifier = new OnnxScienceClassifier(modelPath);
        return classifier.Spec;
    }

    /// <summary>Median over rounds of pages per CPU-second; also prints pages per wall-second.</summary>
    private static double Measure(string name, int rounds, int pages, Func<double> work)
    {
        work(); // warm-up: JIT, ONNX Runtime's first run
        var perCpu = new List<double>();
        var perWall = new List<double>();
        var checksum = 0.0;
        for (var r = 0; r < rounds; r++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            checksum = work();
            wall.Stop();
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            perCpu.Add(pages / Math.Max(cpuSeconds, 1e-9));
            perWall.Add(pages / wall.Elapsed.TotalSeconds);
        }

        var medianCpu = perCpu.Order().ElementAt(rounds / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {medianCpu:N0} pages per CPU-second (min {perCpu.Min():N0}, max {perCpu.Max():N0}); {perWall.Order().ElementAt(rounds / 2):N0} pages per wall-second; checksum {checksum:F3}"));
        return medianCpu;
    }
}
