using System.CommandLine;
using System.Globalization;
using SciCurate.Detectors;
using SciCurate.Detectors.Evaluation;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Hosting;

namespace SciCurate.Pipeline.Cli;

/// <summary>`curate detector train|eval`: build the hard-page model from generated and hand-labelled pages, and measure it.</summary>
public static class DetectorCommand
{
    public static Command Create() => new("detector", "Train and evaluate the hard-page detector") { Train(), Eval() };

    private static readonly Option<string?> Data = new("--data") { Description = "Folder that relative PDF paths in the labels file start from (default: the nearest shared/data above the working directory)" };

    private static Command Train()
    {
        var labels = new Option<string?>("--labels") { Description = "Hand-labelled pages, TSV (default: detector/labels.tsv beside the config file)" };
        var work = new Option<string>("--work") { Description = "Folder for the generated LaTeX sources and PDFs", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "curate-detector-gen") };
        var documents = new Option<int>("--documents") { Description = "Generated LaTeX documents (6–10 pages each)", DefaultValueFactory = _ => 150 };
        var seed = new Option<int>("--seed") { Description = "Generator and trainer seed", DefaultValueFactory = _ => 7 };
        var trees = new Option<int>("--trees") { Description = "Boosted trees", DefaultValueFactory = _ => 80 };
        var output = new Option<string?>("--out", "-o") { Description = "Model file to write (default: Detector:ModelPath)" };
        var command = new Command("train", "Generate LaTeX pages, add the labels file's train split, train FastTree and export ONNX (runs src/Detectors.Training)") { labels, work, documents, seed, trees, output, Data };
        command.SetAction(parse =>
        {
            var config = CurateConfig.Load(parse.GetValue(CommonOptions.Config));
            string[] arguments =
            [
                "--labels", Path.GetFullPath(parse.GetValue(labels) ?? DefaultLabels(config)),
                "--data", Path.GetFullPath(parse.GetValue(Data) ?? FindDataRoot()),
                "--out", Path.GetFullPath(parse.GetValue(output) ?? config.ResolveModelPath(config.Detector.ModelPath)),
                "--work", Path.GetFullPath(parse.GetValue(work)!),
                "--documents", parse.GetValue(documents).ToString(CultureInfo.InvariantCulture),
                "--seed", parse.GetValue(seed).ToString(CultureInfo.InvariantCulture),
                "--trees", parse.GetValue(trees).ToString(CultureInfo.InvariantCulture),
            ];
            return RunTrainer(arguments);
        });
        return command;
    }

    /// <summary>
    /// Training needs ML.NET, which `curate` does not ship: run the training project of the source checkout this
    /// executable or the working directory sits in, or say how to.
    /// </summary>
    private static int RunTrainer(string[] arguments)
    {
        var project = FindTrainingProject();
        var quoted = string.Join(' ', arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));
        if (project is null)
        {
            Console.Error.WriteLine($"curate: training needs the source checkout (ML.NET is not shipped with curate); in it run: dotnet run --project src/Detectors.Training -c Release -- {quoted}");
            return 2;
        }

        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var a in (string[])["run", "--project", project, "-c", "Release", "--", .. arguments])
        {
            start.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    private static string? FindTrainingProject()
    {
        foreach (var from in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "src", "Detectors.Training", "Detectors.Training.csproj");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static Command Eval()
    {
        var labels = new Argument<string>("labels") { Description = "Hand-labelled pages, TSV (pdf, page, label, split, note)" };
        var all = new Option<bool>("--all") { Description = "Score every labelled page, whatever its split" };
        var split = new Option<string>("--split") { Description = "Which split to score: eval (held out), test, test2… (held out, labelled blind) or train", DefaultValueFactory = _ => "eval" };
        var threshold = new Option<double?>("--threshold") { Description = "Override Detector:Threshold" };
        var model = new Option<string?>("--model") { Description = "Model file (default: Detector:ModelPath)" };
        var features = new Option<string?>("--features") { Description = "Also write each page's label, score and features to this TSV file" };
        var command = new Command("eval", "Precision, recall, ROC AUC and confusion matrix on held-out labelled pages") { labels, all, split, threshold, model, features, Data };
        command.SetAction(parse =>
        {
            var config = CurateConfig.Load(parse.GetValue(CommonOptions.Config));
            var modelPath = parse.GetValue(model) ?? config.ResolveModelPath(config.Detector.ModelPath);
            OnnxHardPageDetector detector;
            try
            {
                detector = new OnnxHardPageDetector(modelPath, parse.GetValue(threshold) ?? config.Detector.Threshold);
            }
            catch (DetectorModelException e)
            {
                Console.Error.WriteLine($"curate: {Composition.Remedy(e, HardPageDetectorOptions.OnnxKind)}");
                return 2;
            }

            using (detector)
            {
                try
                {
                    var (metrics, pages) = DetectorEvaluation.Evaluate(detector, parse.GetValue(labels)!, parse.GetValue(Data) ?? FindDataRoot(),
                        parse.GetValue(all) ? null : parse.GetValue(split), Console.Out);
                    Console.WriteLine($"model {detector.Name}");
                    DetectorEvaluation.Print(metrics, pages, Console.Out);
                    if (parse.GetValue(features) is { } featuresPath)
                    {
                        DetectorEvaluation.WriteFeatures(pages, featuresPath);
                    }
                }
                catch (FileNotFoundException e)
                {
                    Console.Error.WriteLine($"curate: {e.Message}; pass --data DIR (the folder holding the labelled PDFs, ../shared/data in the project)");
                    return 2;
                }
                catch (Exception e) when (e is FormatException or IOException)
                {
                    Console.Error.WriteLine($"curate: {e.Message}");
                    return 2;
                }
            }

            return 0;
        });
        return command;
    }

    private static string DefaultLabels(CurateConfig config) =>
        Path.Combine(config.SourceDirectory ?? Path.Combine(Environment.CurrentDirectory, "configs"), "detector", "labels.tsv");

    /// <summary>The project's test material lives in ../shared/data beside the repository; look upwards for it.</summary>
    private static string FindDataRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Environment.CurrentDirectory;
    }
}
