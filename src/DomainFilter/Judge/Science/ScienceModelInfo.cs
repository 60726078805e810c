using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SciCurate.DomainFilter.Judge.Science;

/// <summary>
/// What the science classifier is, stored beside it as <c>&lt;model&gt;.json</c> and, for what the runtime needs (the
/// feature spec, the threshold, an id), also in the ONNX file's metadata_props, so a model copied without its JSON
/// is still checked. The JSON adds how the model was trained and its cross-validated figures.
/// </summary>
public sealed class ScienceModelInfo
{
    public const string FeatureSpecKey = "scicurate.science.feature_spec";
    public const string ThresholdKey = "scicurate.science.threshold";
    public const string ModelIdKey = "scicurate.science.model_id";

    /// <summary>The label written into judge versions and reasons, e.g. <c>science-lr-1a2b3c4d</c>.</summary>
    [JsonPropertyName("model_id")] public string ModelId { get; set; } = "";

    [JsonPropertyName("feature_spec")] public ScienceFeatureSpec FeatureSpec { get; set; } = new();

    [JsonPropertyName("inputs")] public List<string> Inputs { get; set; } = [OnnxLinearGraph.IndicesInput, OnnxLinearGraph.ValuesInput];

    [JsonPropertyName("outputs")] public List<string> Outputs { get; set; } = [OnnxLinearGraph.LogitOutput, OnnxLinearGraph.ProbabilityOutput];

    /// <summary>A domain whose mean calibrated probability (over sampled pages with text) reaches this is science.</summary>
    [JsonPropertyName("threshold")] public double Threshold { get; set; } = 0.5;

    [JsonPropertyName("threshold_rule")] public string ThresholdRule { get; set; } = "";

    [JsonPropertyName("calibration")] public Dictionary<string, double> Calibration { get; set; } = [];

    [JsonPropertyName("trained_utc")] public string TrainedUtc { get; set; } = "";

    [JsonPropertyName("training")] public Dictionary<string, string> Training { get; set; } = [];

    [JsonPropertyName("cross_validation")] public Dictionary<string, string> CrossValidation { get; set; } = [];

    public static string SidecarPath(string modelPath) => modelPath + ".json";

    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Save(string modelPath) => File.WriteAllText(SidecarPath(modelPath), JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>The entries embedded in the ONNX file.</summary>
    public IReadOnlyList<(string Key, string Value)> Metadata() =>
    [
        (FeatureSpecKey, JsonSerializer.Serialize(FeatureSpec)),
        (ThresholdKey, Threshold.ToString("R", CultureInfo.InvariantCulture)),
        (ModelIdKey, ModelId),
    ];

    /// <summary>The sidecar file's content, or null when there is none.</summary>
    public static ScienceModelInfo? LoadSidecar(string modelPath)
    {
        var path = SidecarPath(modelPath);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ScienceModelInfo>(File.ReadAllText(path))
                ?? throw new ScienceModelException($"science model metadata {path} is empty");
        }
        catch (JsonException e)
        {
            throw new ScienceModelException($"science model metadata {path} is not valid JSON: {e.Message}", e);
        }
    }
}

/// <summary>A science model that cannot be used: missing, unreadable, or made for other features.</summary>
public sealed class ScienceModelException : Exception
{
    public ScienceModelException(string message) : base(message) { }

    public ScienceModelException() { }

    public ScienceModelException(string message, Exception inner) : base(message, inner) { }
}
