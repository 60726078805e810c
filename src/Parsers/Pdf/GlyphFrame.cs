namespace SciCurate.Parsers.Pdf;

/// <summary>A page's glyphs in reading space and that space's extent: a page read sideways is as wide as the page is high.</summary>
internal sealed record GlyphFrame(List<Glyph> Glyphs, double Width, double Height);
