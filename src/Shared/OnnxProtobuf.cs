using System.Text;

// Compiled into each assembly that writes ONNX models by hand (linked from src/Shared): the science classifier's
// trainer and the test helper that builds small models.
namespace SciCurate.Onnx;

/// <summary>Protobuf wire format: varints (type 0) and length-delimited fields (type 2), all ONNX's messages need here.</summary>
internal sealed class ProtobufWriter
{
    private readonly List<byte> _bytes = [];

    public long Length => _bytes.Count;

    public void Varint(int field, ulong value)
    {
        Raw((ulong)field << 3);
        Raw(value);
    }

    public void Bytes(int field, byte[] value)
    {
        Raw(((ulong)field << 3) | 2);
        Raw((ulong)value.Length);
        _bytes.AddRange(value);
    }

    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public void Message(int field, ProtobufWriter value) => Bytes(field, value.ToArray());

    public byte[] ToArray() => [.. _bytes];

    private void Raw(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        _bytes.Add((byte)value);
    }
}

/// <summary>The ONNX messages both writers build alike (field numbers from onnx/onnx.proto): IR version 8, opset 13.</summary>
internal static class OnnxProto
{
    /// <summary>A ModelProto around <paramref name="graph"/>, with metadata_props entries.</summary>
    public static byte[] Model(ProtobufWriter graph, string producer, IEnumerable<(string Key, string Value)> metadata)
    {
        var m = new ProtobufWriter();
        m.Varint(1, 8); // ir_version
        m.String(2, producer);
        m.Message(7, graph);
        var opset = new ProtobufWriter();
        opset.String(1, "");
        opset.Varint(2, 13);
        m.Message(8, opset);
        foreach (var (key, value) in metadata)
        {
            var e = new ProtobufWriter();
            e.String(1, key);
            e.String(2, value);
            m.Message(14, e);
        }

        return m.ToArray();
    }

    /// <summary>A NodeProto; <paramref name="ints"/> are integer attributes (for example keepdims).</summary>
    public static byte[] Node(string name, string opType, string[] inputs, string[] outputs, (string Name, long Value)[] ints)
    {
        var n = new ProtobufWriter();
        foreach (var i in inputs)
        {
            n.String(1, i);
        }

        foreach (var o in outputs)
        {
            n.String(2, o);
        }

        n.String(3, name);
        n.String(4, opType);
        foreach (var (attribute, value) in ints)
        {
            var a = new ProtobufWriter();
            a.String(1, attribute);
            a.Varint(3, (ulong)value);
            a.Varint(20, 2); // AttributeType.INT
            n.Message(5, a);
        }

        return n.ToArray();
    }
}
