using UglyToad.PdfPig.Content;

namespace SciCurate.Parsers.Pdf;

/// <summary>Turns one PDF page into blocks of text in reading order.</summary>
public interface IPageParser
{
    /// <summary>The parser's name, recorded with each page.</summary>
    string Name { get; }

    ParsedPage Parse(Page page);
}
