namespace SciCurate.Parsers.Pdf.Forms;

/// <summary>
/// What a filled form field shows on one page: the typed text (or "[x]" for a checked box), where its widget sits in
/// PDF user space (null when the widget has no usable rectangle), and the field's human label for when it has none.
/// </summary>
public sealed record FormFieldValue(string Text, string? Label, FieldBox? Box, bool Multiline);

/// <summary>A widget's rectangle in PDF user space (y grows upwards).</summary>
public readonly record struct FieldBox(double Left, double Bottom, double Right, double Top)
{
    public double Width => Right - Left;
    public double Height => Top - Bottom;
}

/// <summary>The filled values of a document's form, by page number; empty for a document without a form.</summary>
public sealed class DocumentFormValues
{
    private readonly Dictionary<int, List<FormFieldValue>> _byPage;

    internal DocumentFormValues(Dictionary<int, List<FormFieldValue>> byPage) => _byPage = byPage;

    public static DocumentFormValues None { get; } = new([]);

    /// <summary>The values each shown first on page <paramref name="pageNo"/>, in the order of the page's widgets.</summary>
    public IReadOnlyList<FormFieldValue> OnPage(int pageNo) => _byPage.TryGetValue(pageNo, out var list) ? list : [];
}
