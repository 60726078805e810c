namespace SciCurate.Parsers.Pdf;

/// <summary>The kind of a text block in a parsed page.</summary>
public enum BlockKind
{
    Paragraph,
    Heading,
    ListItem,

    /// <summary>Margin text above the body (journal name, download stamp, page number): not part of the content.</summary>
    PageHeader,

    /// <summary>Margin text below the body (page number, copyright line, URL): not part of the content.</summary>
    PageFooter,

    /// <summary>A table whose rows and columns were clear from the geometry; its text is a Markdown table.</summary>
    Table,

    /// <summary>A footnote: small type below the body, starting with its mark; written at the end of its page.</summary>
    Footnote,
}

/// <summary>
/// A block of text in reading order, with its box in PDF user space (y grows upwards). <see cref="Level"/> is the
/// heading level (1-6) for headings, 1 for an ordered list item (its text keeps its number) and 0 otherwise.
/// </summary>
public sealed record TextBlock(
    BlockKind Kind,
    int Level,
    string Text,
    double Left,
    double Bottom,
    double Right,
    double Top,
    double FontSize);

/// <summary>What the cheap parser saw of one page: blocks in reading order and its Markdown.</summary>
public sealed record ParsedPage(
    int PageNo,
    double Width,
    double Height,
    IReadOnlyList<TextBlock> Blocks,
    int CharCount,
    double ParseMs)
{
    /// <summary>Rows of short cells that did not line up into columns: a table the cheap parser could not write.</summary>
    public int UnclearTables { get; init; }

    /// <summary>The page's Markdown before document-level clean-up (running headers, page joins).</summary>
    public string Markdown => MarkdownComposer.Compose(Blocks);
}
