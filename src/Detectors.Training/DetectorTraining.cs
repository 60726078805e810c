using SciCurate.Detectors.Evaluation;

namespace SciCurate.Detectors.Training;

/// <summary>What a training run does (`curate detector train` runs this project): generated pages plus the hand-labelled pages of the train split.</summary>
public sealed class DetectorTrainRequest
{
    public required string LabelsPath { get; init; }

    public required string DataRoot { get; init; }

    public required string WorkDir { get; init; }

    public required string ModelPath { get; init; }

    public int GeneratedDocuments { get; init; } = 120;

    public int Seed { get; init; } = 7;

    /// <summary>Hand-labelled pages are few and real: each weighs as much as this many generated ones.</summary>
    public float RealWeight { get; init; } = 4;

    public DetectorTrainerOptions Trainer { get; init; } = new();
}

/// <summary>Generated pages plus the hand-labelled train split, featurised and trained into an ONNX model.</summary>
public static class DetectorTraining
{
    public static DetectorModelInfo Train(DetectorTrainRequest request, TextWriter log)
    {
        var examples = new List<TrainingExample>();
        if (request.GeneratedDocuments > 0)
        {
            examples.AddRange(new GeneratedCorpus(request.WorkDir).Build(request.GeneratedDocuments, request.Seed, log));
        }

        var labelled = LabelledPages.Read(request.LabelsPath).Where(p => p.Split == "train" && p.IsScored).ToList();
        foreach (var (page, features) in LabelledPages.Featurise(labelled, request.DataRoot, log))
        {
            examples.Add(new TrainingExample(features.Values, page.Hard, $"{page.Pdf}:{page.Page}", "real:" + page.Label, request.RealWeight));
        }

        log.WriteLine($"training on {examples.Count} pages ({examples.Count(e => e.Hard)} hard): "
            + string.Join(", ", examples.GroupBy(e => e.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
        return new DetectorTrainer(request.Trainer).Train(examples, request.ModelPath, log);
    }
}
