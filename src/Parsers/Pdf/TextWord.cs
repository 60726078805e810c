namespace SciCurate.Parsers.Pdf;

/// <summary>A word of the cheap parser: letters joined by <see cref="GlyphGapWordExtractor"/>, in reading space.</summary>
internal sealed class TextWord
{
    public required string Text;
    public double Left, Right, Bottom, Top, Baseline, Size;
    public bool Bold;
    public double CenterY => (Bottom + Top) / 2;
}
