using SciCurate.Onnx;

namespace SciCurate.DomainFilter.Judge.Science;

/// <summary>
/// Writes the science classifier as a small ONNX model (IR 8, opset 13) without an ONNX library: the protobuf messages
/// (ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto) encoded by hand, field numbers from onnx/onnx.proto.
/// The graph is a hashed-feature logistic regression with Platt calibration:
/// <c>probability = Sigmoid(a · (ReduceSum(Gather(weights, indices) · values, axis 1) + bias) + b)</c>,
/// inputs <c>indices</c> int64 [N, L] and <c>values</c> float [N, L] (padding: index 0, value 0), outputs
/// <c>logit</c> and <c>probability</c> float [N].
/// </summary>
public static class OnnxLinearGraph
{
    public const string IndicesInput = "indices";
    public const string ValuesInput = "values";
    public const string LogitOutput = "logit";
    public const string ProbabilityOutput = "probability";

    private const int Float = 1;
    private const int Int64 = 7;

    public static byte[] Build(float[] weights, float bias, double plattA, double plattB, IReadOnlyList<(string Key, string Value)> metadata)
    {
        var g = new ProtobufWriter();
        Node(g, "Gather", [WeightsName, IndicesInput], ["gathered"]);
        Node(g, "Mul", ["gathered", ValuesInput], ["terms"]);
        Node(g, "ReduceSum", ["terms", "axes"], ["dot"], ("keepdims", 0));
        Node(g, "Add", ["dot", "bias"], [LogitOutput]);
        Node(g, "Mul", [LogitOutput, "platt_a"], ["scaled"]);
        Node(g, "Add", ["scaled", "platt_b"], ["calibrated"]);
        Node(g, "Sigmoid", ["calibrated"], [ProbabilityOutput]);
        g.String(2, "science_classifier");
        g.Bytes(5, FloatTensor(WeightsName, [weights.Length], weights));
        g.Bytes(5, FloatTensor("bias", [], [bias]));
        g.Bytes(5, FloatTensor("platt_a", [], [(float)plattA]));
        g.Bytes(5, FloatTensor("platt_b", [], [(float)plattB]));
        g.Bytes(5, Int64Tensor("axes", [1], [1]));
        g.Bytes(11, ValueInfo(IndicesInput, Int64, ["batch", "features"]));
        g.Bytes(11, ValueInfo(ValuesInput, Float, ["batch", "features"]));
        g.Bytes(12, ValueInfo(LogitOutput, Float, ["batch"]));
        g.Bytes(12, ValueInfo(ProbabilityOutput, Float, ["batch"]));

        return OnnxProto.Model(g, "SciCurate curate judge train", metadata);
    }

    private const string WeightsName = "weights";

    private static void Node(ProtobufWriter graph, string op, string[] inputs, string[] outputs, params (string Name, long Value)[] ints) =>
        graph.Bytes(1, OnnxProto.Node(outputs[0] + "_node", op, inputs, outputs, ints));

    private static byte[] FloatTensor(string name, long[] dims, float[] values)
    {
        var raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        return Tensor(name, dims, Float, raw);
    }

    private static byte[] Int64Tensor(string name, long[] dims, long[] values)
    {
        var raw = new byte[values.Length * 8];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        return Tensor(name, dims, Int64, raw);
    }

    private static byte[] Tensor(string name, long[] dims, int type, byte[] raw)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian");
        }

        var t = new ProtobufWriter();
        foreach (var d in dims)
        {
            t.Varint(1, (ulong)d);
        }

        t.Varint(2, (ulong)type);
        t.String(8, name);
        t.Bytes(9, raw);
        return t.ToArray();
    }

    private static byte[] ValueInfo(string name, int elemType, string[] symbolicDims)
    {
        var shape = new ProtobufWriter();
        foreach (var d in symbolicDims)
        {
            var dim = new ProtobufWriter();
            dim.String(2, d);
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
