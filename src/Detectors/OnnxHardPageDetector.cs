using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.ML.OnnxRuntime;

namespace SciCurate.Detectors;

/// <summary>
/// What a detector model was trained on, stored beside it as <c>&lt;model&gt;.json</c>: the feature schema version and
/// names (checked at load), the ONNX input and output names, and how the model was made. The schema version and
/// feature names are also written into the ONNX file's own metadata, so a model copied without its JSON is still checked.
/// </summary>
public sealed class DetectorModelInfo
{
    /// <summary>ONNX metadata_props keys written by `curate detector train`.</summary>
    public const string SchemaVersionKey = "scicurate.feature_schema_version";

    public const string FeatureNamesKey = "scicurate.feature_names";

    [JsonPropertyName("schema_version")] public int SchemaVersion { get; set; }

    [JsonPropertyName("feature_names")] public List<string> FeatureNames { get; set; } = [];

    [JsonPropertyName("input")] public string Input { get; set; } = "Features";

    [JsonPropertyName("output")] public string Output { get; set; } = "Probability.output";

    [JsonPropertyName("suggested_threshold")] public double SuggestedThreshold { get; set; } = 0.5;

    [JsonPropertyName("trained_utc")] public string TrainedUtc { get; set; } = "";

    [JsonPropertyName("training")] public Dictionary<string, string> Training { get; set; } = [];

    public static string SidecarPath(string modelPath) => modelPath + ".json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Save(string modelPath) => File.WriteAllText(SidecarPath(modelPath), JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>The sidecar file's content, or null when there is none.</summary>
    public static DetectorModelInfo? Load(string modelPath)
    {
        var path = SidecarPath(modelPath);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<DetectorModelInfo>(File.ReadAllText(path))
                ?? throw new DetectorModelException($"detector metadata {path} is empty");
        }
        catch (JsonException e)
        {
            throw new DetectorModelException($"detector metadata {path} is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>
    /// Appends the schema version and feature names to the ONNX file's metadata_props (ModelProto field 14). Protobuf
    /// fields may come in any order and repeated fields concatenate, so appending the encoded entries is a valid edit.
    /// </summary>
    public static void EmbedInOnnx(string modelPath, int schemaVersion, IReadOnlyList<string> names)
    {
        using var o = new MemoryStream();
        foreach (var (key, value) in new[] { (SchemaVersionKey, schemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)), (FeatureNamesKey, string.Join(',', names)) })
        {
            using var entry = new MemoryStream();
            WriteBytesField(entry, 1, System.Text.Encoding.UTF8.GetBytes(key));
            WriteBytesField(entry, 2, System.Text.Encoding.UTF8.GetBytes(value));
            WriteBytesField(o, 14, entry.ToArray());
        }

        using var file = new FileStream(modelPath, FileMode.Append, FileAccess.Write);
        o.WriteTo(file);
    }

    private static void WriteBytesField(Stream s, int field, byte[] bytes)
    {
        WriteVarint(s, (ulong)((field << 3) | 2));
        WriteVarint(s, (ulong)bytes.Length);
        s.Write(bytes);
    }

    private static void WriteVarint(Stream s, ulong v)
    {
        while (v >= 0x80)
        {
            s.WriteByte((byte)(v | 0x80));
            v >>= 7;
        }

        s.WriteByte((byte)v);
    }

    /// <summary>The schema version and feature names embedded in an ONNX model's metadata, when it has them.</summary>
    public static (int Version, List<string> Names)? FromOnnxMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(SchemaVersionKey, out var version) || !metadata.TryGetValue(FeatureNamesKey, out var names))
        {
            return null;
        }

        return int.TryParse(version, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? (v, [.. names.Split(',')])
            : throw new DetectorModelException($"detector model metadata {SchemaVersionKey} is not a number: '{version}'");
    }

    /// <summary>Null when the model was trained on the features this build computes, else what differs.</summary>
    public string? Mismatch(int schemaVersion, IReadOnlyList<string> names)
    {
        var problems = new List<string>();
        if (SchemaVersion != schemaVersion)
        {
            problems.Add($"feature schema version {SchemaVersion} in the model, {schemaVersion} in this build");
        }

        var missing = names.Where(n => !FeatureNames.Contains(n)).ToList();
        var extra = FeatureNames.Where(n => !names.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            problems.Add("features the model lacks: " + string.Join(", ", missing));
        }

        if (extra.Count > 0)
        {
            problems.Add("features unknown to this build: " + string.Join(", ", extra));
        }

        if (missing.Count == 0 && extra.Count == 0 && !FeatureNames.SequenceEqual(names))
        {
            var at = Enumerable.Range(0, names.Count).First(i => FeatureNames[i] != names[i]);
            problems.Add($"features in another order (position {at}: '{FeatureNames[at]}' in the model, '{names[at]}' in this build)");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}

/// <summary>A detector model that cannot be used: missing, unreadable, or trained on other features.</summary>
public sealed class DetectorModelException : Exception
{
    public DetectorModelException(string message) : base(message) { }

    public DetectorModelException() { }

    public DetectorModelException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// The hard-page detector: a gradient-boosted tree model over <see cref="PageFeatures"/>, run with ONNX Runtime.
/// Pages without a usable text layer are hard whatever the model says. Reasons name the strongest signals on the page.
/// </summary>
public sealed class OnnxHardPageDetector : IHardPageDetector, IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string[] _outputs;
    private readonly int _width;
    private readonly RunOptions _runOptions = new();

    public OnnxHardPageDetector(string modelPath, double threshold)
    {
        if (!File.Exists(modelPath))
        {
            throw new DetectorModelException($"detector model not found: {modelPath}");
        }

        var sidecar = DetectorModelInfo.Load(modelPath);
        Info = sidecar ?? new DetectorModelInfo();
        if (sidecar?.Mismatch(PageFeatureExtractor.SchemaVersion, PageFeatureExtractor.Names) is { } mismatch)
        {
            throw new DetectorModelException($"detector model {modelPath} does not match this build's page features: {mismatch}");
        }

        Threshold = threshold;
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        try
        {
            _session = new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new DetectorModelException($"detector model {modelPath} is not a loadable ONNX model: {e.Message}", e);
        }
        finally
        {
            options.Dispose();
        }

        // The schema embedded in the ONNX file is checked too; a model with neither it nor a sidecar is refused.
        try
        {
            var embedded = DetectorModelInfo.FromOnnxMetadata(_session.ModelMetadata.CustomMetadataMap);
            if (embedded is null && sidecar is null)
            {
                throw new DetectorModelException($"detector model {modelPath} names no feature schema: neither ONNX metadata '{DetectorModelInfo.SchemaVersionKey}' nor a metadata file {DetectorModelInfo.SidecarPath(modelPath)}");
            }

            if (embedded is { } e && new DetectorModelInfo { SchemaVersion = e.Version, FeatureNames = e.Names }.Mismatch(PageFeatureExtractor.SchemaVersion, PageFeatureExtractor.Names) is { } problem)
            {
                throw new DetectorModelException($"detector model {modelPath} does not match this build's page features: {problem}");
            }
        }
        catch
        {
            _session.Dispose();
            throw;
        }

        if (!_session.InputMetadata.TryGetValue(Info.Input, out var input))
        {
            _session.Dispose();
            throw new DetectorModelException($"detector model {modelPath} has no input '{Info.Input}' (inputs: {string.Join(", ", _session.InputMetadata.Keys)})");
        }

        _width = input.Dimensions[^1];
        if (_width != PageFeatureExtractor.Names.Count)
        {
            _session.Dispose();
            throw new DetectorModelException($"detector model {modelPath} takes {_width} features, this build computes {PageFeatureExtractor.Names.Count}");
        }

        if (!_session.OutputMetadata.ContainsKey(Info.Output))
        {
            _session.Dispose();
            throw new DetectorModelException($"detector model {modelPath} has no output '{Info.Output}' (outputs: {string.Join(", ", _session.OutputMetadata.Keys)})");
        }

        _input = Info.Input;
        _outputs = [Info.Output];
        Name = "onnx:" + Path.GetFileNameWithoutExtension(modelPath) + (Info.TrainedUtc.Length > 0 ? "@" + Info.TrainedUtc : "");
    }

    public string Name { get; }

    public double Threshold { get; }

    /// <summary>See <see cref="HardPageDetectorOptions.RouteUnclearTables"/>.</summary>
    public bool RouteUnclearTables { get; init; }

    public DetectorModelInfo Info { get; }

    public HardPageVerdict Detect(PageFeatures features) => DetectMany([features])[0];

    /// <summary>Scores pages in one ONNX call: per-call overhead dominates a single tree-ensemble row.</summary>
    public IReadOnlyList<HardPageVerdict> DetectMany(IReadOnlyList<PageFeatures> pages)
    {
        var scores = Score(pages);
        var verdicts = new HardPageVerdict[pages.Count];
        for (var i = 0; i < pages.Count; i++)
        {
            verdicts[i] = Verdict(pages[i], scores[i], Threshold, RouteUnclearTables);
        }

        return verdicts;
    }

    /// <summary>The model's probability that each page is hard (before the no-text-layer rule).</summary>
    public float[] Score(IReadOnlyList<PageFeatures> pages)
    {
        if (pages.Count == 0)
        {
            return [];
        }

        var data = new float[pages.Count * _width];
        for (var i = 0; i < pages.Count; i++)
        {
            var v = pages[i].Values;
            if (v.Length != _width)
            {
                throw new ArgumentException($"page {i} has {v.Length} features, the model takes {_width}", nameof(pages));
            }

            v.CopyTo(data, i * _width);
        }

        using var tensor = OrtValue.CreateTensorValueFromMemory(data, [pages.Count, _width]);
        using var results = _session.Run(_runOptions, [_input], [tensor], _outputs);
        var output = results[0].GetTensorDataAsSpan<float>();
        return output[..pages.Count].ToArray();
    }

    /// <summary>Share of a page's letters in broken fonts (<see cref="PageFeatures.BrokenFontShare"/>) that sends it to the VLM.</summary>
    public const double BrokenFontPageShare = 0.1;

    internal static HardPageVerdict Verdict(PageFeatures features, double score, double threshold, bool routeUnclearTables = false)
    {
        var reasons = HardPageReasons.Explain(features);
        if (features.NoTextLayer)
        {
            return new HardPageVerdict(1, true, ["no_text_layer", .. reasons.Where(r => r != "no_text_layer").Take(2)]);
        }

        if (routeUnclearTables && features.UnclearTables > 0)
        {
            // Cells that do not line up would come out as a loose run of words: only a reader of the image can lay them out.
            return new HardPageVerdict(score, true, ["table", .. reasons.Where(r => r != "table").Take(2)]);
        }

        if (features.BrokenFontShare >= BrokenFontPageShare)
        {
            // Letters from a font that maps only some of its glyphs read as words but are the wrong ones (mojibake):
            // the model, trained on pages whose garbage looks like garbage, cannot see it; the page image can.
            return new HardPageVerdict(score, true, ["unmapped_glyphs", .. reasons.Where(r => r != "unmapped_glyphs").Take(2)]);
        }

        var hard = score >= threshold;
        if (hard && reasons.Count == 0)
        {
            // Flagged by the signals together, none past its own level: name the strongest one, so no hard page is
            // left without a reason.
            reasons = [HardPageReasons.Strongest(features)];
        }

        return new HardPageVerdict(score, hard, reasons);
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}

/// <summary>Names the strongest hard-page signals on a page, each measured against the level where it starts to matter.</summary>
public static class HardPageReasons
{
    private static readonly (string Reason, string Feature, double Level)[] Signals =
    [
        ("math_glyphs", "math_font_share", 0.02),
        ("math_glyphs", "math_unicode_share", 0.01),
        ("math_glyphs", "greek_share", 0.01),
        ("unmapped_glyphs", "unmapped_share", 0.01),
        ("scripts", "baseline_shift_share", 0.01),
        ("fraction_bars", "fraction_bar_count", 0.69),
        ("italic_variables", "italic_single_share", 0.03),
        ("italic_variables", "math_single_share", 0.03),
        ("garbled_text", "nonword_share", 0.15),
        ("table_layout", "gap_line_share", 0.3),
        ("image_content", "image_coverage", 0.5),
    ];

    /// <summary>The signal nearest its level, even below it; <c>model_only</c> when the page shows none of them.</summary>
    public static string Strongest(PageFeatures features)
    {
        var best = "model_only";
        var strength = 0.0;
        foreach (var (reason, feature, level) in Signals)
        {
            var ratio = features[feature] / level;
            if (ratio > strength)
            {
                (best, strength) = (reason, ratio);
            }
        }

        return best;
    }

    public static IReadOnlyList<string> Explain(PageFeatures features, int max = 3)
    {
        var strengths = new Dictionary<string, double>(StringComparer.Ordinal);
        if (features.NoTextLayer)
        {
            strengths["no_text_layer"] = double.MaxValue;
        }

        foreach (var (reason, feature, level) in Signals)
        {
            var ratio = features[feature] / level;
            if (ratio >= 1 && (!strengths.TryGetValue(reason, out var s) || s < ratio))
            {
                strengths[reason] = ratio;
            }
        }

        // Text that reads as no language at all: shifted encodings, broken ToUnicode maps.
        if (features["log_letters"] > 5 && features["stopword_share"] < 0.03 && features["math_font_share"] < 0.05)
        {
            strengths["garbled_text"] = Math.Max(strengths.GetValueOrDefault("garbled_text"), 5);
        }

        return [.. strengths.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(max).Select(kv => kv.Key)];
    }
}
