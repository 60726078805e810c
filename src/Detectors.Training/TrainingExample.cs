namespace SciCurate.Detectors.Training;

/// <summary>One featurised example: what the model sees and what it should say.</summary>
public sealed record TrainingExample(float[] Features, bool Hard, string Origin, string Kind, float Weight);
