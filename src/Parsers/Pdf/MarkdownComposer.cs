using System.Text;

namespace SciCurate.Parsers.Pdf;

/// <summary>Writes blocks as Markdown: headings, paragraphs and list items, separated by blank lines.</summary>
public static class MarkdownComposer
{
    public static string Compose(IEnumerable<TextBlock> blocks)
    {
        var sb = new StringBuilder();
        foreach (var block in blocks)
        {
            Append(sb, block);
        }

        return sb.ToString();
    }

    public static void Append(StringBuilder sb, TextBlock block)
    {
        if (IsMargin(block.Kind))
        {
            return;
        }

        if (sb.Length > 0)
        {
            sb.Append(block.Kind == BlockKind.ListItem && sb.Length > 0 && EndsWithListItem(sb) ? "\n" : "\n\n");
        }

        switch (block.Kind)
        {
            case BlockKind.Heading:
                sb.Append('#', Math.Clamp(block.Level, 1, 6)).Append(' ').Append(block.Text);
                break;
            case BlockKind.ListItem when block.Level == 1:
                sb.Append(block.Text);
                break;
            case BlockKind.ListItem:
                sb.Append("- ").Append(block.Text);
                break;
            case BlockKind.Table:
                sb.Append(block.Text);
                break;
            case BlockKind.Footnote:
                var mark = FootnoteMarkLength(block.Text);
                sb.Append("[^").Append(mark == 0 ? "*" : block.Text[..mark]).Append("]: ").Append(block.Text.AsSpan(mark).TrimStart());
                break;
            default:
                // A paragraph that starts like Markdown syntax is escaped so it stays a paragraph.
                if (block.Text.Length > 0 && block.Text[0] is '#' or '>' or '|')
                {
                    sb.Append('\\');
                }

                sb.Append(block.Text);
                break;
        }
    }

    /// <summary>Length of a footnote mark at the start of a line: up to three digits or one of * † ‡ § ¶ #, then text.</summary>
    internal static int FootnoteMarkLength(string text)
    {
        if (text.Length < 3)
        {
            return 0;
        }

        if (text[0] is '*' or '†' or '‡' or '§' or '¶' or '#')
        {
            return 1;
        }

        var i = 0;
        while (i < text.Length && i < 3 && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        // "12 The data…" or "12The data…" (the mark set as a superscript without a space), never "2019" or "3.5".
        return i > 0 && i < text.Length && (text[i] == ' ' || char.IsLetter(text[i])) ? i : 0;
    }

    /// <summary>Page headers and footers are kept in the parse (for the detector and the document merge) but never written.</summary>
    public static bool IsMargin(BlockKind kind) => kind is BlockKind.PageHeader or BlockKind.PageFooter;

    private static bool EndsWithListItem(StringBuilder sb)
    {
        for (var i = sb.Length - 1; i >= 0; i--)
        {
            if (sb[i] == '\n')
            {
                return i + 2 < sb.Length && sb[i + 1] == '-' && sb[i + 2] == ' ';
            }
        }

        return sb.Length > 1 && sb[0] == '-' && sb[1] == ' ';
    }
}
