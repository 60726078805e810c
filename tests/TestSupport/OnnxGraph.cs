using SciCurate.Onnx;

namespace SciCurate.TestSupport;

/// <summary>
/// Writes small ONNX models for tests without Python or downloads: ONNX's protobuf messages (ModelProto, GraphProto,
/// NodeProto, TensorProto, ValueInfoProto) encoded by hand, field numbers from onnx/onnx.proto. IR version 8, opset 13.
/// </summary>
public sealed class OnnxGraph
{
    public const int Float = 1;
    public const int Int64 = 7;

    private readonly List<byte[]> _nodes = [];
    private readonly List<byte[]> _initializers = [];
    private readonly List<byte[]> _inputs = [];
    private readonly List<byte[]> _outputs = [];
    private readonly List<(string Key, string Value)> _metadata = [];

    /// <summary>A graph input; a dimension below 1 is symbolic (dynamic).</summary>
    public OnnxGraph Input(string name, long[] dims, int elemType = Float)
    {
        _inputs.Add(ValueInfo(name, elemType, dims));
        return this;
    }

    public OnnxGraph Output(string name, long[] dims, int elemType = Float)
    {
        _outputs.Add(ValueInfo(name, elemType, dims));
        return this;
    }

    /// <summary>A constant float tensor.</summary>
    public OnnxGraph Initializer(string name, long[] dims, float[] values)
    {
        var t = new ProtobufWriter();
        foreach (var d in dims)
        {
            t.Varint(1, (ulong)d);
        }

        t.Varint(2, Float);
        t.String(8, name);
        var raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        t.Bytes(9, raw);
        _initializers.Add(t.ToArray());
        return this;
    }

    /// <summary>A node; <paramref name="ints"/> are integer attributes (for example keepdims).</summary>
    public OnnxGraph Node(string opType, string[] inputs, string[] outputs, params (string Name, long Value)[] ints)
    {
        _nodes.Add(OnnxProto.Node($"{opType}_{_nodes.Count}", opType, inputs, outputs, ints));
        return this;
    }

    /// <summary>A metadata_props entry (Ultralytics exports store e.g. <c>names</c> here).</summary>
    public OnnxGraph Metadata(string key, string value)
    {
        _metadata.Add((key, value));
        return this;
    }

    public byte[] ToBytes()
    {
        var g = new ProtobufWriter();
        foreach (var n in _nodes)
        {
            g.Bytes(1, n);
        }

        g.String(2, "test_graph");
        foreach (var t in _initializers)
        {
            g.Bytes(5, t);
        }

        foreach (var i in _inputs)
        {
            g.Bytes(11, i);
        }

        foreach (var o in _outputs)
        {
            g.Bytes(12, o);
        }

        return OnnxProto.Model(g, "SciCurate.TestSupport", _metadata);
    }

    public string Save(string path)
    {
        File.WriteAllBytes(path, ToBytes());
        return path;
    }

    /// <summary>
    /// A YOLO-shaped model whose output is <paramref name="detections"/> whatever the image: input <c>images</c>
    /// float [1, 3, size, size] (or <paramref name="inputDims"/>), output <c>output0</c> of <paramref name="outputDims"/>.
    /// The input still feeds the graph (output = detections + 0 × sum(images)), as in a real model.
    /// </summary>
    public static OnnxGraph ConstantDetections(long[] outputDims, float[] detections, int size = 64, long[]? inputDims = null, string? names = null)
    {
        var graph = new OnnxGraph()
            .Input("images", inputDims ?? [1, 3, size, size])
            .Output("output0", outputDims)
            .Initializer("detections", outputDims, detections)
            .Initializer("zero", [], [0f])
            .Node("ReduceSum", ["images"], ["total"], ("keepdims", 0))
            .Node("Mul", ["total", "zero"], ["nothing"])
            .Node("Add", ["detections", "nothing"], ["output0"]);
        return names is null ? graph : graph.Metadata("names", names);
    }

    private static byte[] ValueInfo(string name, int elemType, long[] dims)
    {
        var shape = new ProtobufWriter();
        foreach (var d in dims)
        {
            var dim = new ProtobufWriter();
            if (d > 0)
            {
                dim.Varint(1, (ulong)d);
            }
            else
            {
                dim.String(2, $"{name}_dim{shape.Length}");
            }

            shape.Message(1, dim);
        }

        var tensor = new ProtobufWriter();
        tensor.Varint(1, (ulong)elemType);
        tensor.Message(2, shape);
        var type = new ProtobufWriter();
        type.Message(1, tensor);
        var info = new ProtobufWriter();
        info.String(1, name);
        info.Message(2, type);
        return info.ToArray();
    }
}
