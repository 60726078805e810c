using System.Text;

namespace SciCurate.Parsers.Pdf;

/// <summary>Groups ordered lines into paragraphs, headings and list items.</summary>
internal static class BlockBuilder
{
    public static List<TextBlock> Build(List<TextLine> ordered, double body)
    {
        var blocks = new List<TextBlock>();
        var current = new List<TextLine>();
        TextLine? prev = null;
        foreach (var line in ordered)
        {
            if (line.Text.Length == 0)
            {
                continue;
            }

            if (line.IsTable)
            {
                if (current.Count > 0)
                {
                    blocks.Add(Make(current, body));
                    current.Clear();
                }

                blocks.Add(new TextBlock(BlockKind.Table, 0, line.Text, line.Left, line.Bottom, line.Right, line.Top, line.Size));
                prev = null;
                continue;
            }

            if (prev is not null && StartsNewBlock(prev, line, body))
            {
                blocks.Add(Make(current, body));
                current.Clear();
            }

            current.Add(line);
            prev = line;
        }

        if (current.Count > 0)
        {
            blocks.Add(Make(current, body));
        }

        return blocks;
    }

    private static bool StartsNewBlock(TextLine prev, TextLine line, double body)
    {
        var size = Math.Max(prev.Size, line.Size);
        var gap = prev.Bottom - line.Top;
        // Not directly below (a new column, a jump back up): new block.
        if (gap < -0.5 * size || gap > 0.9 * size)
        {
            return true;
        }

        if (Math.Abs(prev.Size - line.Size) > 0.15 * body)
        {
            return true;
        }

        if (prev.Bold != line.Bold && (IsShort(prev) || IsShort(line)))
        {
            return true;
        }

        if (ListMarker(line.Text) > 0)
        {
            return true;
        }

        // A heading is never merged into the paragraph after it, nor a numbered bold heading into the text before it.
        if (LooksLikeHeading(prev, body) && !LooksLikeHeading(line, body) && (prev.Bold != line.Bold || prev.Size > 1.1 * line.Size))
        {
            return true;
        }

        if (line.Bold && NumberedHeading(line.Text) > 0)
        {
            return true;
        }

        // A line far left of the previous one's start after a short line: a new paragraph.
        return false;
    }

    private static bool IsShort(TextLine line) => line.Words.Count <= 12;

    private static bool LooksLikeHeading(TextLine line, double body) =>
        line.Words.Count <= 12 && (line.Bold || line.Size >= 1.15 * body) && !line.Text.EndsWith('.') && HeadingText(line.Text);

    /// <summary>"3", "3.", "5.1", "A.2": a section number.</summary>
    internal static bool IsSectionNumber(string text)
    {
        if (text.Length is 0 or > 8)
        {
            return false;
        }

        var i = 0;
        if (char.IsAsciiLetterUpper(text[0]) && text.Length > 1 && text[1] == '.')
        {
            i = 2;
        }

        var digits = 0;
        for (; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                digits++;
            }
            else if (text[i] != '.' || digits == 0)
            {
                return false;
            }
        }

        return digits is > 0 and <= 4;
    }

    /// <summary>Depth of a leading section number followed by a capitalised title ("5.1 Hyper…" is 2), or 0.</summary>
    internal static int NumberedHeading(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || space + 1 >= text.Length || !IsSectionNumber(text[..space]) || !char.IsUpper(text[space + 1]))
        {
            return 0;
        }

        return Math.Min(3, text[..space].TrimEnd('.').Count(c => c == '.') + 1);
    }

    /// <summary>
    /// Text that can be a heading: real words (not single letters of rotated text, not equation fragments), no footnote
    /// mark glued to its first word ("12To"), no e-mail address (affiliations), no trailing comma.
    /// </summary>
    internal static bool HeadingText(string text)
    {
        if (!HasLetters(text) || text.EndsWith(',') || text.Contains('@', StringComparison.Ordinal))
        {
            return false;
        }

        int letters = 0, longest = 0, run = 0, words = 0, singles = 0;
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            words++;
            singles += part.Length == 1 ? 1 : 0;
        }

        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                run++;
                longest = Math.Max(longest, run);
            }
            else
            {
                run = 0;
            }
        }

        if (longest < 3 || letters < 0.5 * text.Replace(" ", "", StringComparison.Ordinal).Length || (words >= 3 && singles > words / 2))
        {
            return false;
        }

        // "12To" is a footnote mark on a word, not a heading.
        return !(char.IsAsciiDigit(text[0]) && text.Length > 2 && text.IndexOf(' ', StringComparison.Ordinal) is var sp
            && text[..(sp < 0 ? text.Length : sp)].SkipWhile(char.IsAsciiDigit).FirstOrDefault() is var after && char.IsLetter(after));
    }

    /// <summary>Length of a leading list marker ("•", "-", "1.", "(a)"), or 0.</summary>
    internal static int ListMarker(string text)
    {
        if (text.Length < 2)
        {
            return 0;
        }

        var c = text[0];
        if (c is '•' or '◦' or '▪' or '‣' or '∙' or '·' or '–' or '-' or '*' or '○' or '■' or '□' or '➢' or '✓')
        {
            return text[1] == ' ' ? 2 : (c is '•' or '◦' or '▪' or '‣' or '■' or '□' ? 1 : 0);
        }

        var i = 0;
        if (c == '(')
        {
            i = 1;
        }

        var start = i;
        while (i < text.Length && i - start < 3 && (char.IsAsciiDigit(text[i]) || (i - start == 0 && char.IsAsciiLetterLower(text[i]))))
        {
            i++;
        }

        if (i == start || i >= text.Length - 1)
        {
            return 0;
        }

        if ((text[i] == '.' || text[i] == ')') && text[i + 1] == ' ')
        {
            // "1. Text" or "(a) Text"; a lone lowercase letter needs the parenthesis form.
            if (!char.IsAsciiDigit(text[start]) && text[i] != ')')
            {
                return 0;
            }

            return i + 2;
        }

        return 0;
    }

    private static TextBlock Make(List<TextLine> lines, double body)
    {
        double left = double.MaxValue, right = double.MinValue, bottom = double.MaxValue, top = double.MinValue, size = 0;
        var chars = 0;
        var words = 0;
        var bold = true;
        foreach (var l in lines)
        {
            left = Math.Min(left, l.Left);
            right = Math.Max(right, l.Right);
            bottom = Math.Min(bottom, l.Bottom);
            top = Math.Max(top, l.Top);
            size += l.Size * l.Text.Length;
            chars += l.Text.Length;
            words += l.Words.Count;
            bold &= l.Bold;
        }

        size = chars > 0 ? size / chars : body;
        var text = JoinLines(lines);
        var kind = BlockKind.Paragraph;
        var level = 0;
        var marker = ListMarker(text);
        var ratio = size / body;
        var endsLikeSentence = text.EndsWith('.') || text.EndsWith(':') || text.EndsWith(',');
        var numbered = NumberedHeading(text);
        if (lines.Count <= 3 && words <= 20 && ratio >= 1.15 && !endsLikeSentence && HeadingText(text))
        {
            kind = BlockKind.Heading;
            level = ratio >= 1.6 ? 1 : ratio >= 1.3 ? 2 : 3;
        }
        else if (lines.Count <= 2 && words <= 14 && bold && !endsLikeSentence && HeadingText(text))
        {
            kind = BlockKind.Heading;
            // A numbered heading takes its level from its number: "2" a section, "2.1" a subsection.
            level = numbered > 0 ? numbered + 1 : 3;
        }
        else if (marker > 0)
        {
            kind = BlockKind.ListItem;
            if (char.IsAsciiDigit(text[0]) || text[0] == '(')
            {
                // Ordered: the number is content ("see exercise 150"), kept as written. Level 1 marks it.
                level = 1;
            }
            else
            {
                text = text[marker..].TrimStart();
            }
        }

        return new TextBlock(kind, level, text, left, bottom, right, top, size);
    }

    private static bool HasLetters(string text)
    {
        var letters = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
            }
        }

        return letters >= 2;
    }

    /// <summary>Joins a block's lines, undoing end-of-line hyphenation ("exam-" + "ple" → "example").</summary>
    internal static string JoinLines(IReadOnlyList<TextLine> lines)
    {
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            AppendJoined(sb, line.Text);
        }

        return sb.ToString();
    }

    /// <summary>Appends text to running prose: a break after "exam-" before a lowercase letter is a hyphenation.</summary>
    internal static void AppendJoined(StringBuilder sb, string text)
    {
        if (sb.Length == 0)
        {
            sb.Append(text);
            return;
        }

        if (IsHyphenated(sb, text))
        {
            sb.Length--;
            sb.Append(text);
            return;
        }

        sb.Append(' ').Append(text);
    }

    internal static bool IsHyphenated(StringBuilder sb, string next) =>
        sb.Length >= 2 && sb[^1] == '-' && char.IsLetter(sb[^2]) && next.Length > 0 && char.IsLower(next[0]);
}
