namespace SciCurate.Parsers.Pdf;

/// <summary>A letter in reading space: x along the text direction, y upwards, whatever the page rotation.</summary>
internal readonly record struct Glyph(string Value, double Left, double Right, double Bottom, double Top, double Baseline, double Size, bool Bold, bool Italic)
{
    /// <summary>A space glyph was drawn between this letter and the one drawn before it.</summary>
    public bool SpaceBefore { get; init; }
}
