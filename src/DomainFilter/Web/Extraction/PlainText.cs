using System.Text.RegularExpressions;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>Text statistics and whitespace handling shared by the extraction stages.</summary>
internal static partial class PlainText
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

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

    public static string Collapse(string s) => Whitespace().Replace(s, " ").Trim();

    public static bool EndsSentence(string text)
    {
        var t = text.TrimEnd();
        return t.Length > 0 && t[^1] is '.' or '!' or '?' or '"' or '”' or '。';
    }
}
