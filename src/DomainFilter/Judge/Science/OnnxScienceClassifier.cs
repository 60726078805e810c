using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SciCurate.DomainFilter.Judge.Science;

/// <summary>
/// The trained science classifier (a hashed-n-gram logistic regression, see <see cref="ScienceFeatureHasher"/>) run
/// with ONNX Runtime on one thread per call. The feature spec embedded in the model is checked against this build at
/// load, and against the JSON beside the model when there is one; a model that fails either is refused with the
/// reason. Thread-safe: each thread hashes with its own <see cref="ScienceFeatureHasher"/>.
/// </summary>
public sealed class OnnxScienceClassifier : IScienceClassifier, IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly ThreadLocal<ScienceFeatureHasher> _hashers;
    private readonly ThreadLocal<InputBuffers> _buffers = new(() => new InputBuffers());
    private static readonly string[] Outputs = [OnnxLinearGraph.ProbabilityOutput];
    private static readonly string[] Inputs = [OnnxLinearGraph.IndicesInput, OnnxLinearGraph.ValuesInput];

    public OnnxScienceClassifier(string modelPath)
    {
        if (!File.Exists(modelPath))
        {
            throw new ScienceModelException($"science model not found: {modelPath}");
        }

        var sidecar = ScienceModelInfo.LoadSidecar(modelPath);
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        try
        {
            _session = new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ScienceModelException($"science model {modelPath} is not a loadable ONNX model: {e.Message}", e);
        }
        finally
        {
            options.Dispose();
        }

        try
        {
            (Spec, Threshold, ModelId) = ReadMetadata(modelPath, _session.ModelMetadata.CustomMetadataMap);
            if (sidecar is not null && sidecar.FeatureSpec != Spec)
            {
                throw new ScienceModelException($"science model {modelPath}: its JSON's feature_spec differs from the spec embedded in the ONNX file; the JSON belongs to another model");
            }

            CheckGraph(modelPath);
        }
        catch
        {
            _session.Dispose();
            _runOptions.Dispose();
            throw;
        }

        Info = sidecar ?? new ScienceModelInfo { ModelId = ModelId, FeatureSpec = Spec, Threshold = Threshold };
        var spec = Spec;
        _hashers = new ThreadLocal<ScienceFeatureHasher>(() => new ScienceFeatureHasher(spec));
    }

    public string ModelId { get; }

    public double Threshold { get; }

    public ScienceFeatureSpec Spec { get; }

    public ScienceModelInfo Info { get; }

    public IReadOnlyList<PageScience> Score(IReadOnlyList<ScienceInput> pages)
    {
        var result = new PageScience[pages.Count];
        var features = new List<SparseFeatures>(pages.Count);
        var at = new List<int>(pages.Count);
        var hasher = _hashers.Value!;
        for (var i = 0; i < pages.Count; i++)
        {
            if (ScienceFeatureHasher.HasText(pages[i].Text, Spec.MinLetters))
            {
                features.Add(hasher.Hash(pages[i]));
                at.Add(i);
            }
        }

        var probabilities = Probabilities(features);
        for (var j = 0; j < at.Count; j++)
        {
            result[at[j]] = new PageScience(true, probabilities[j]);
        }

        return result;
    }

    /// <summary>Calibrated probabilities of hashed pages, in one ONNX call (padded to the longest page).</summary>
    public double[] Probabilities(IReadOnlyList<SparseFeatures> pages)
    {
        if (pages.Count == 0)
        {
            return [];
        }

        var width = Math.Max(1, pages.Max(p => p.Count));
        var size = pages.Count * width;
        // The input buffers are reused per thread: a sample of 8 pages is a few hundred kilobytes, which allocated
        // anew per call went to the large-object heap and cost as much as the scoring.
        var buffers = _buffers.Value!;
        if (buffers.Indices.Length < size)
        {
            buffers.Indices = new long[size];
            buffers.Values = new float[size];
        }

        var indices = buffers.Indices.AsSpan(0, size);
        var values = buffers.Values.AsSpan(0, size);
        indices.Clear();
        values.Clear();
        for (var i = 0; i < pages.Count; i++)
        {
            var p = pages[i];
            var row = indices.Slice(i * width, p.Count);
            for (var j = 0; j < p.Count; j++)
            {
                row[j] = p.Indices[j];
            }

            p.Values.CopyTo(values.Slice(i * width, p.Count));
        }

        using var indexTensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffers.Indices.AsMemory(0, size), [pages.Count, width]);
        using var valueTensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffers.Values.AsMemory(0, size), [pages.Count, width]);
        using var results = _session.Run(_runOptions, Inputs, [indexTensor, valueTensor], Outputs);
        var output = results[0].GetTensorDataAsSpan<float>();
        var probabilities = new double[pages.Count];
        for (var i = 0; i < pages.Count; i++)
        {
            probabilities[i] = output[i];
        }

        return probabilities;
    }

    private static (ScienceFeatureSpec Spec, double Threshold, string Id) ReadMetadata(string modelPath, Dictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(ScienceModelInfo.FeatureSpecKey, out var specJson))
        {
            throw new ScienceModelException($"science model {modelPath} names no feature spec (ONNX metadata '{ScienceModelInfo.FeatureSpecKey}'): it was not made by this project's science-model trainer");
        }

        ScienceFeatureSpec spec;
        try
        {
            spec = JsonSerializer.Deserialize<ScienceFeatureSpec>(specJson) ?? throw new ScienceModelException($"science model {modelPath}: empty feature spec");
        }
        catch (JsonException e)
        {
            throw new ScienceModelException($"science model {modelPath}: feature spec is not valid JSON: {e.Message}", e);
        }

        if (spec.Unsupported() is { } problem)
        {
            throw new ScienceModelException($"science model {modelPath} does not match this build's features: {problem}");
        }

        if (!metadata.TryGetValue(ScienceModelInfo.ThresholdKey, out var t)
            || !double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold) || threshold is < 0 or > 1)
        {
            throw new ScienceModelException($"science model {modelPath} has no threshold in [0, 1] (ONNX metadata '{ScienceModelInfo.ThresholdKey}')");
        }

        var id = metadata.TryGetValue(ScienceModelInfo.ModelIdKey, out var i) && i.Length > 0 ? i : Path.GetFileNameWithoutExtension(modelPath);
        return (spec, threshold, id);
    }

    private void CheckGraph(string modelPath)
    {
        foreach (var (name, type) in new[] { (OnnxLinearGraph.IndicesInput, TensorElementType.Int64), (OnnxLinearGraph.ValuesInput, TensorElementType.Float) })
        {
            if (!_session.InputMetadata.TryGetValue(name, out var input) || input.ElementDataType != type || input.Dimensions.Length != 2)
            {
                throw new ScienceModelException($"science model {modelPath} lacks the 2-D {type} input '{name}' (inputs: {string.Join(", ", _session.InputMetadata.Keys)})");
            }
        }

        if (!_session.OutputMetadata.ContainsKey(OnnxLinearGraph.ProbabilityOutput))
        {
            throw new ScienceModelException($"science model {modelPath} has no output '{OnnxLinearGraph.ProbabilityOutput}' (outputs: {string.Join(", ", _session.OutputMetadata.Keys)})");
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
        _hashers.Dispose();
        _buffers.Dispose();
    }

    /// <summary>One thread's ONNX input arrays, grown to the largest batch seen.</summary>
    private sealed class InputBuffers
    {
        public long[] Indices { get; set; } = new long[8192];

        public float[] Values { get; set; } = new float[8192];
    }
}
