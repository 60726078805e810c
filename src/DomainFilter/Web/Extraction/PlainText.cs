namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>Text statistics and whitespace handling shared by the extraction stages.</summary>
internal static class PlainText
{
    /// <summary>Visible (non-whitespace) characters and commas, the two counts density scoring rests on.</summary>
    public static (int Chars, int Commas) Count(string data)
    {
        var chars = 0;
        var commas = 0;
        foreach (var ch in data)
        {
            if (!char.IsWhiteSpace(ch))
            {
                chars++;
                if (ch is ',' or '，' or '、' or '،')
                {
                    commas++;
                }
            }
        }

        return (chars, commas);
    }

    /// <summary>
    /// Each run of white space as one space, none at either end. One pass, and no copy when the string is already so:
    /// most text nodes are (this ran for every block and table cell, about a fiftieth of extraction's CPU as a regex).
    /// White space is <see cref="char.IsWhiteSpace(char)"/>, the set the regex <c>\s</c> and <c>Trim</c> use.
    /// </summary>
    public static string Collapse(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && char.IsWhiteSpace(s[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(s[end - 1]))
        {
            end--;
        }

        var clean = true;
        for (var i = start; i < end && clean; i++)
        {
            // Inside the trimmed span a run is only clean as one plain space.
            clean = !char.IsWhiteSpace(s[i]) || (s[i] == ' ' && !char.IsWhiteSpace(s[i + 1]));
        }

        if (clean)
        {
            return start == 0 && end == s.Length ? s : s[start..end];
        }

        var sb = new System.Text.StringBuilder(end - start);
        var space = false;
        for (var i = start; i < end; i++)
        {
            var ch = s[i];
            if (char.IsWhiteSpace(ch))
            {
                space = true;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(ch);
        }

        return sb.ToString();
    }

    /// <summary>The number of whitespace-separated words in <paramref name="text"/>.</summary>
    public static int WordCount(ReadOnlySpan<char> text)
    {
        var n = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var w = !char.IsWhiteSpace(c);
            n += w && !inWord ? 1 : 0;
            inWord = w;
        }

        return n;
    }

    public static bool EndsSentence(string text)
    {
        var t = text.TrimEnd();
        return t.Length > 0 && t[^1] is '.' or '!' or '?' or '"' or '”' or '。';
    }
}
