using System.CommandLine;
using System.Globalization;
using SciCurate.Detectors;
using SciCurate.Detectors.Training;

// `curate detector train` resolves the defaults from the configuration and runs this with every path given.
var labels = new Option<string>("--labels") { Description = "Hand-labelled pages, TSV", Required = true };
var data = new Option<string>("--data") { Description = "Folder that relative PDF paths in the labels file start from", Required = true };
var output = new Option<string>("--out", "-o") { Description = "Model file to write", Required = true };
var work = new Option<string>("--work") { Description = "Folder for the generated LaTeX sources and PDFs", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "curate-detector-gen") };
var documents = new Option<int>("--documents") { Description = "Generated LaTeX documents (6–10 pages each)", DefaultValueFactory = _ => 150 };
var seed = new Option<int>("--seed") { Description = "Generator and trainer seed", DefaultValueFactory = _ => 7 };
var trees = new Option<int>("--trees") { Description = "Boosted trees", DefaultValueFactory = _ => 80 };
var root = new RootCommand("Train the hard-page detector: generated LaTeX pages plus the labels file's train split, FastTree, exported to ONNX")
{
    labels, data, output, work, documents, seed, trees,
};
root.SetAction(parse =>
{
    var modelPath = parse.GetValue(output)!;
    var request = new DetectorTrainRequest
    {
        LabelsPath = parse.GetValue(labels)!,
        DataRoot = parse.GetValue(data)!,
        WorkDir = parse.GetValue(work)!,
        ModelPath = modelPath,
        GeneratedDocuments = parse.GetValue(documents),
        Seed = parse.GetValue(seed),
        Trainer = new DetectorTrainerOptions { Trees = parse.GetValue(trees), Seed = parse.GetValue(seed) },
    };
    DetectorModelInfo info;
    try
    {
        info = DetectorTraining.Train(request, Console.Out);
    }
    catch (Exception e) when (e is FormatException or InvalidOperationException or IOException)
    {
        Console.Error.WriteLine($"detector training: {e.Message}");
        return 2;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"wrote {modelPath} ({new FileInfo(modelPath).Length / 1024.0:0.0} KiB) and {DetectorModelInfo.SidecarPath(modelPath)}; suggested threshold {info.SuggestedThreshold}"));
    return 0;
});
return root.Parse(args).Invoke();
