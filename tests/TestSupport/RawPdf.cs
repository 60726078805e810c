using System.Globalization;
using System.Text;

namespace SciCurate.TestSupport;

/// <summary>
/// A PDF written object by object, for structures PdfPig's writer cannot make (AcroForm fields and their widgets, loops,
/// deep trees). Object 1 is the catalog, 2 the page tree, 3 Helvetica (/F1); pages and any other objects follow.
/// </summary>
public sealed class RawPdf
{
    private readonly List<string> _objects = ["", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"];
    private readonly List<int> _pages = [];

    /// <summary>The catalog's /AcroForm value, e.g. "&lt;&lt; /Fields [5 0 R] &gt;&gt;"; none when null.</summary>
    public string? AcroForm { get; set; }

    /// <summary>Adds an object; returns its number.</summary>
    public int Add(string body)
    {
        _objects.Add(body);
        return _objects.Count;
    }

    /// <summary>Numbers an object to be written later with <see cref="Set"/> (for references that point forward).</summary>
    public int Reserve() => Add("null");

    public void Set(int number, string body) => _objects[number - 1] = body;

    /// <summary>Adds a US Letter page drawing <paramref name="content"/>, listing <paramref name="annots"/> among its annotations.</summary>
    public int AddPage(string content, params int[] annots)
    {
        var stream = Add($"<< /Length {Encoding.Latin1.GetByteCount(content)} >>\nstream\n{content}\nendstream");
        var annotList = annots.Length == 0 ? "" : $" /Annots [{string.Join(' ', annots.Select(a => $"{a} 0 R"))}]";
        var page = Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {stream} 0 R /Resources << /Font << /F1 3 0 R >> >>{annotList} >>");
        _pages.Add(page);
        return page;
    }

    /// <summary>Content operators drawing one line of text in Helvetica.</summary>
    public static string Text(string text, double x, double y, double size = 10) =>
        string.Create(CultureInfo.InvariantCulture, $"BT /F1 {size} Tf {x} {y} Td ({text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal)}) Tj ET\n");

    public byte[] Build()
    {
        _objects[0] = AcroForm is null ? "<< /Type /Catalog /Pages 2 0 R >>" : $"<< /Type /Catalog /Pages 2 0 R /AcroForm {AcroForm} >>";
        _objects[1] = $"<< /Type /Pages /Kids [{string.Join(' ', _pages.Select(p => $"{p} 0 R"))}] /Count {_pages.Count} >>";
        using var output = new MemoryStream();
        output.Write(Encoding.Latin1.GetBytes("%PDF-1.7\n%\u00e2\u00e3\n"));
        var offsets = new List<long>(_objects.Count);
        for (var i = 0; i < _objects.Count; i++)
        {
            offsets.Add(output.Position);
            output.Write(Encoding.Latin1.GetBytes($"{i + 1} 0 obj\n{_objects[i]}\nendobj\n"));
        }

        var xref = output.Position;
        var table = new StringBuilder($"xref\n0 {_objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets)
        {
            table.Append(CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {_objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        output.Write(Encoding.Latin1.GetBytes(table.ToString()));
        return output.ToArray();
    }
}
