namespace SciCurate.Pipeline.Eval;

/// <summary>Approximate substring search (Sellers' algorithm): where a pattern occurs in a text with at most k edits.</summary>
public static class FuzzyMatch
{
    /// <summary>Start offsets (approximate: end minus pattern length) of every match with at most <paramref name="maxEdits"/> edits.</summary>
    public static List<int> FindStarts(string pattern, string text, int maxEdits)
    {
        var starts = new List<int>();
        if (pattern.Length == 0)
        {
            return starts;
        }

        if (maxEdits == 0)
        {
            for (var i = text.IndexOf(pattern, StringComparison.Ordinal); i >= 0; i = text.IndexOf(pattern, i + 1, StringComparison.Ordinal))
            {
                starts.Add(i);
            }

            return starts;
        }

        var m = pattern.Length;
        var previous = new int[m + 1];
        var current = new int[m + 1];
        for (var i = 0; i <= m; i++)
        {
            previous[i] = i;
        }

        for (var j = 1; j <= text.Length; j++)
        {
            current[0] = 0;
            var c = text[j - 1];
            for (var i = 1; i <= m; i++)
            {
                var cost = pattern[i - 1] == c ? 0 : 1;
                current[i] = Math.Min(Math.Min(previous[i] + 1, current[i - 1] + 1), previous[i - 1] + cost);
            }

            if (current[m] <= maxEdits)
            {
                starts.Add(Math.Max(0, j - m));
            }

            (previous, current) = (current, previous);
        }

        return starts;
    }

    public static bool Contains(string pattern, string text, int maxEdits) =>
        maxEdits == 0 ? text.Contains(pattern, StringComparison.Ordinal) : FindStarts(pattern, text, maxEdits).Count > 0;
}
