using System.CommandLine;
using System.Globalization;
using SciCurate.Detectors;
using SciCurate.Detectors.Training;
using SciCurate.Pipeline.Configuration;

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
        var command = new Command("train", "Generate LaTeX pages, add the labels file's train split, train FastTree and export ONNX") { labels, work, documents, seed, trees, output, Data };
        command.SetAction(parse =>
        {
            var config = CurateConfig.Load(parse.GetValue(CommonOptions.Config));
            var modelPath = parse.GetValue(output) ?? config.ResolveModelPath(config.Detector.ModelPath);
            var request = new DetectorTrainRequest
            {
                LabelsPath = parse.GetValue(labels) ?? DefaultLabels(config),
                DataRoot = parse.GetValue(Data) ?? FindDataRoot(),
                WorkDir = parse.GetValue(work)!,
                ModelPath = modelPath,
                GeneratedDocuments = parse.GetValue(documents),
                Seed = parse.GetValue(seed),
                Trainer = new DetectorTrainerOptions { Trees = parse.GetValue(trees), Seed = parse.GetValue(seed) },
            };
            DetectorModelInfo info;
            try
            {
                info = DetectorWorkflow.Train(request, Console.Out);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or IOException)
            {
                Console.Error.WriteLine($"curate: {e.Message}");
                return 2;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {modelPath} ({new FileInfo(modelPath).Length / 1024.0:0.0} KiB) and {DetectorModelInfo.SidecarPath(modelPath)}; suggested threshold {info.SuggestedThreshold}"));
            return 0;
        });
        return command;
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
                    var (metrics, pages) = DetectorWorkflow.Evaluate(detector, parse.GetValue(labels)!, parse.GetValue(Data) ?? FindDataRoot(),
                        parse.GetValue(all) ? null : parse.GetValue(split), Console.Out);
                    Console.WriteLine($"model {detector.Name}");
                    DetectorWorkflow.Print(metrics, pages, Console.Out);
                    if (parse.GetValue(features) is { } featuresPath)
                    {
                        DetectorWorkflow.WriteFeatures(pages, featuresPath);
                    }
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
