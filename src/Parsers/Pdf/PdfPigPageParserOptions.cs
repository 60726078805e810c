namespace SciCurate.Parsers.Pdf;

/// <summary>Tuning of <see cref="PdfPigPageParser"/>; sizes are in multiples of the letter's point size.</summary>
public sealed class PdfPigPageParserOptions
{
    /// <summary>A horizontal gap wider than this (in em) between two letters starts a new word.</summary>
    public double WordGapEm { get; set; } = 0.16;

    /// <summary>A horizontal gap wider than this (in em) inside a text line splits it (columns, table cells).</summary>
    public double LineSplitGapEm { get; set; } = 1.1;

    /// <summary>Narrowest whitespace (in em of the body size) accepted as a gutter between columns.</summary>
    public double ColumnGapEm { get; set; } = 1.0;

    /// <summary>Text with an orientation other than the page's dominant one, this close to an edge (share of the page), is margin furniture and dropped.</summary>
    public double MarginShare { get; set; } = 0.12;
}
