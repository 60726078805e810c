using System.IO.Compression;
using System.Text;

namespace SciCurate.TestSupport;

/// <summary>
/// One-page PDFs holding a FlateDecode decompression bomb (issue 15): a content stream, or a TrueType font file, that
/// inflates to <c>inflatedBytes</c> from about a thousandth of that. Built byte by byte with a correct xref.
/// </summary>
public static class BombPdf
{
    public enum Where { Content, Font }

    public static byte[] Build(long inflatedBytes, Where where)
    {
        var text = Deflate(Encoding.ASCII.GetBytes("BT /F1 12 Tf 72 720 Td (Hello bomb) Tj ET"));
        var objects = new List<byte[]>
        {
            Ascii("<< /Type /Catalog /Pages 2 0 R >>"),
            Ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"),
            Stream(where == Where.Content ? Zeros(inflatedBytes, (byte)' ') : text, ""),
            Ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
        };
        if (where == Where.Font)
        {
            // With /Widths the library loads the font program (without them it falls back to a standard font unread).
            objects[4] = Ascii($"<< /Type /Font /Subtype /TrueType /BaseFont /Bomb /FirstChar 32 /LastChar 126 /Widths [{string.Concat(Enumerable.Repeat("500 ", 95))}] /FontDescriptor 6 0 R >>");
            objects.Add(Ascii("<< /Type /FontDescriptor /FontName /Bomb /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>"));
            objects.Add(Stream(Zeros(inflatedBytes, 0), $"/Length1 {inflatedBytes} "));
        }

        using var output = new MemoryStream();
        output.Write(Ascii("%PDF-1.7\n%\u00e2\u00e3\n"));
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(output.Position);
            output.Write(Ascii($"{i + 1} 0 obj\n"));
            output.Write(objects[i]);
            output.Write(Ascii("\nendobj\n"));
        }

        var xref = output.Position;
        var table = new StringBuilder($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets)
        {
            table.Append(System.Globalization.CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        }

        table.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        output.Write(Ascii(table.ToString()));
        return output.ToArray();
    }

    private static byte[] Ascii(string s) => Encoding.Latin1.GetBytes(s);

    private static byte[] Stream(byte[] data, string extra) =>
        [.. Ascii($"<< /Length {data.Length} /Filter /FlateDecode {extra}>>\nstream\n"), .. data, .. Ascii("\nendstream")];

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            z.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>A zlib stream of <paramref name="count"/> copies of one byte, compressed as it is written.</summary>
    private static byte[] Zeros(long count, byte value)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var block = new byte[1 << 20];
            Array.Fill(block, value);
            for (var left = count; left > 0; left -= block.Length)
            {
                z.Write(block, 0, (int)Math.Min(left, block.Length));
            }
        }

        return output.ToArray();
    }
}
