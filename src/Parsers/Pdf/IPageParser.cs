using UglyToad.PdfPig.Content;

namespace SciCurate.Parsers.Pdf;

/// <summary>Turns one PDF page into blocks of text in reading order.</summary>
public interface IPageParser
{
    /// <summary>The parser's name, recorded with each page.</summary>
    string Name { get; }

    /// <summary>Parses one page; <paramref name="formValues"/> are the filled form values shown first on it.</summary>
    ParsedPage Parse(Page page, IReadOnlyList<Forms.FormFieldValue>? formValues = null);
}
