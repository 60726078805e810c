namespace SciCurate.Parsers.Pdf;

/// <summary>
/// The running headers and footers of one document (keys from <see cref="DocumentAssembler.Key"/>), and whether an edge
/// block is made of them. A page may group the same furniture differently from the others: a header drawn twice and
/// read as one block, or a masthead whose left and right cells were joined into rows. Such a block is still furniture
/// when its words are exactly those of whole repeated lines, each used as often as it fits; one word of anything else
/// keeps it.
/// </summary>
internal sealed class RepeatedLines
{
    private readonly HashSet<string> _keys;
    private readonly string[][] _words;

    public RepeatedLines(HashSet<string> keys)
    {
        _keys = keys;
        // Longest first, so that a line is not used up by a shorter one that shares its words. Lines without a letter
        // (page numbers) cover nothing: they would let any number in a block pass for furniture.
        _words = [.. keys.Where(k => k.Any(char.IsLetter)).Select(k => k.Split(' ')).OrderByDescending(w => w.Length)];
    }

    public static RepeatedLines None { get; } = new([]);

    /// <summary>Whether <paramref name="key"/> is one repeated line, or only whole repeated lines in any grouping.</summary>
    public bool Covers(string key)
    {
        if (_keys.Contains(key))
        {
            return true;
        }

        if (_keys.Count == 0 || key.Length == 0 || key.Length > MaxCoveredChars)
        {
            return false;
        }

        var left = new Dictionary<string, int>();
        var total = 0;
        foreach (var w in key.Split(' '))
        {
            left[w] = left.GetValueOrDefault(w) + 1;
            total++;
        }

        foreach (var line in _words)
        {
            while (total > 0 && line.Length <= total && Fits(line, left))
            {
                foreach (var w in line)
                {
                    left[w]--;
                }

                total -= line.Length;
            }
        }

        return total == 0;
    }

    /// <summary>A block longer than a few repeated lines together is text, whatever words it shares with them.</summary>
    private const int MaxCoveredChars = 600;

    private static bool Fits(string[] line, Dictionary<string, int> left)
    {
        // A line naming one word twice needs it twice.
        var need = new Dictionary<string, int>();
        foreach (var w in line)
        {
            need[w] = need.GetValueOrDefault(w) + 1;
            if (left.GetValueOrDefault(w) < need[w])
            {
                return false;
            }
        }

        return true;
    }
}
