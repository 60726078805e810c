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
