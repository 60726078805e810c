namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>One rendered block (paragraph, heading, list item, table, code, math) with its link share.</summary>
internal sealed record ContentBlock(string Text, string Markdown, string Kind, int Chars, double LinkShare = 0);
