using System.Reflection;

namespace SciCurate.DomainFilter.Web;

/// <summary>
/// The Public Suffix List's rules and its matching algorithm (https://publicsuffix.org/list/): the prevailing rule is an
/// exception rule if one matches, else the matching rule with the most labels, else the implicit rule <c>*</c>.
/// Both sections are used: with the private section, <c>x.github.io</c> and <c>y.github.io</c> are two sites, as
/// they are two owners. Lookups take ASCII lower-case hosts (IDN labels already in punycode) and do not allocate.
/// </summary>
public sealed class PublicSuffixList
{
    [Flags]
    private enum Rule : byte
    {
        None = 0,
        Normal = 1,
        /// <summary>The key is the part after <c>*.</c>.</summary>
        Wildcard = 2,
        /// <summary>The key is the part after <c>!</c>.</summary>
        Exception = 4,
    }

    private readonly Dictionary<string, Rule> _rules;
    private readonly Dictionary<string, Rule>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private PublicSuffixList(Dictionary<string, Rule> rules)
    {
        _rules = rules;
        _lookup = rules.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Number of rules read.</summary>
    public int Count => _rules.Count;

    /// <summary>The copy embedded in this assembly (see Web/PublicSuffix/README.md for its date and licence).</summary>
    public static PublicSuffixList Embedded { get; } = LoadEmbedded();

    /// <summary>Parses the list's text format: one rule a line, <c>//</c> comments, rules in Unicode or punycode.</summary>
    public static PublicSuffixList Parse(TextReader reader)
    {
        var rules = new Dictionary<string, Rule>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } raw)
        {
            // A rule ends at the first white space.
            var line = raw.AsSpan().Trim();
            var space = line.IndexOfAny(' ', '\t');
            if (space >= 0)
            {
                line = line[..space];
            }

            if (line.IsEmpty || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var kind = Rule.Normal;
            if (line[0] == '!')
            {
                kind = Rule.Exception;
                line = line[1..];
            }
            else if (line.StartsWith("*.", StringComparison.Ordinal))
            {
                kind = Rule.Wildcard;
                line = line[2..];
            }

            var key = HostName.ToAscii(line.ToString());
            if (key is null)
            {
                continue;
            }

            rules[key] = rules.GetValueOrDefault(key) | kind;
        }

        return new PublicSuffixList(rules);
    }

    /// <summary>
    /// The number of trailing labels of <paramref name="host"/> that form its public suffix (at least 1).
    /// <paramref name="host"/> must be a normalised ASCII host name (see <see cref="HostName"/>).
    /// </summary>
    public int SuffixLabels(ReadOnlySpan<char> host)
    {
        var labels = CountLabels(host);

        // Walk the suffixes from the longest (the whole host) to the shortest (the TLD).
        var best = 1;
        var start = 0;
        for (var n = labels; n >= 1; n--)
        {
            var suffix = host[start..];
            if (_lookup.TryGetValue(suffix, out var rule))
            {
                if ((rule & Rule.Exception) != 0)
                {
                    // An exception wins outright; its public suffix is the rule minus its leftmost label.
                    return n - 1;
                }

                if ((rule & Rule.Normal) != 0)
                {
                    best = Math.Max(best, n);
                }

                if ((rule & Rule.Wildcard) != 0 && n < labels)
                {
                    best = Math.Max(best, n + 1);
                }
            }

            var dot = host[start..].IndexOf('.');
            if (dot < 0)
            {
                break;
            }

            start += dot + 1;
        }

        return best;
    }

    private static int CountLabels(ReadOnlySpan<char> host) => host.Count('.') + 1;

    private static PublicSuffixList LoadEmbedded()
    {
        var assembly = typeof(PublicSuffixList).Assembly;
        const string name = "SciCurate.DomainFilter.public_suffix_list.dat";
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} missing from {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
