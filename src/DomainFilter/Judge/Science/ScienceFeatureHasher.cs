using System.Globalization;

namespace SciCurate.DomainFilter.Judge.Science;

/// <summary>
/// fastText-style hashed features of a page, the same in every language: the title and text (cut to
/// <see cref="ScienceFeatureSpec.MaxChars"/>) are lower-cased, digits become 0, and split into words (runs of letters,
/// digits and combining marks; every Chinese or Japanese character is a word of its own, since those scripts put no
/// spaces between words). Features: each word, each pair of neighbouring words, and the character 3–5-grams of each
/// word wrapped in &lt; &gt; (so German compounds and French inflections share pieces with related words). Each is
/// hashed (FNV-1a 64 over UTF-16, a namespace per kind, a 64-bit finaliser) into a power-of-two number of buckets;
/// the words of the URL's host and path (<c>science</c>, <c>edu</c>, <c>gesundheit</c>) are a third kind. A bucket's
/// weight is <c>log(1 + count)</c>; the three blocks (words and pairs, character n-grams, URL words) are each
/// L2-normalised and scaled by their weight (1, <see cref="ScienceFeatureSpec.CharWeight"/>,
/// <see cref="ScienceFeatureSpec.UrlWeight"/>), and the sum normalised again, so long and short pages compare.
/// Not thread-safe per instance: use one per thread (the trainer and the judge do).
/// </summary>
public sealed class ScienceFeatureHasher
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;
    private const int MaxWordChars = 30;

    private readonly ScienceFeatureSpec _spec;
    private readonly int _mask;
    private const int WordBlock = 0;
    private const int CharBlock = 1;
    private const int UrlBlock = 2;

    /// <summary>Counts per bucket and block (words, character n-grams, URL words), interleaved as
    /// <c>[bucket * 4 + block]</c> so one bucket's counts share a cache line: the table is larger than the cache
    /// and every n-gram lands on a random bucket.</summary>
    private readonly int[] _counts;
    private readonly double[] _blockWeights;
    private readonly char[] _buffer;
    private int[] _touched = new int[4096];
    private int _touchedCount;

    public ScienceFeatureHasher(ScienceFeatureSpec spec)
    {
        if (spec.Unsupported() is { } problem)
        {
            throw new ArgumentException(problem, nameof(spec));
        }

        _spec = spec;
        _mask = spec.Buckets - 1;
        _counts = new int[spec.Buckets * 4];
        _blockWeights = [1.0, spec.CharWeight, spec.UrlWeight];
        _buffer = new char[spec.MaxChars];
    }

    public ScienceFeatureSpec Spec => _spec;

    /// <summary>Whether the text has enough letters or digits to say anything (<see cref="ScienceFeatureSpec.MinLetters"/>).</summary>
    public static bool HasText(string? text, int minLetters)
    {
        if (string.IsNullOrEmpty(text))
        {
            return minLetters <= 0;
        }

        var n = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) && ++n >= minLetters)
            {
                return true;
            }
        }

        return n >= minLetters;
    }

    public SparseFeatures Hash(string? title, string? text) => Hash(new ScienceInput(null, title, text ?? ""));

    public SparseFeatures Hash(ScienceInput page)
    {
        var length = Normalise(page.Title, page.Text);
        _touchedCount = 0;
        if (page.Url is not null && _spec.UrlWeight > 0)
        {
            UrlWords(page.Url);
        }

        ulong previous = 0;
        var havePrevious = false;
        var i = 0;
        while (i < length)
        {
            var c = _buffer[i];
            if (IsSingleCharWord(c))
            {
                Word(i, 1, singleChar: true, ref previous, ref havePrevious);
                i++;
                continue;
            }

            if (!IsWordChar(c))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < length && IsWordChar(_buffer[i]) && !IsSingleCharWord(_buffer[i]))
            {
                i++;
            }

            Word(start, i - start, singleChar: false, ref previous, ref havePrevious);
        }

        return Collect();
    }

    /// <summary>The words of the URL's host and path (not its query): "science", "health", "edu", "wissenschaft".</summary>
    private void UrlWords(string url)
    {
        var end = url.IndexOfAny(['?', '#']);
        var span = (end >= 0 ? url.AsSpan(0, end) : url.AsSpan());
        var scheme = span.IndexOf("://");
        if (scheme >= 0)
        {
            span = span[(scheme + 3)..];
        }

        Span<char> word = stackalloc char[MaxWordChars];
        var n = 0;
        for (var i = 0; i <= span.Length; i++)
        {
            var c = i < span.Length ? span[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                if (n < MaxWordChars)
                {
                    word[n++] = char.IsDigit(c) ? '0' : char.ToLowerInvariant(c);
                }

                continue;
            }

            if (n > 0)
            {
                Add(Fnv(FnvOffset ^ 5, word[..n]), UrlBlock);
                n = 0;
            }
        }
    }

    private int Normalise(string? title, string? text)
    {
        var n = 0;
        foreach (var part in new[] { title, text })
        {
            if (string.IsNullOrEmpty(part))
            {
                continue;
            }

            if (n > 0 && n < _buffer.Length)
            {
                _buffer[n++] = '\n';
            }

            for (var j = 0; j < part.Length && n < _buffer.Length; j++)
            {
                var c = part[j];
                _buffer[n++] = char.IsDigit(c) ? '0' : char.ToLowerInvariant(c);
            }
        }

        return n;
    }

    private void Word(int start, int length, bool singleChar, ref ulong previous, ref bool havePrevious)
    {
        var span = _buffer.AsSpan(start, Math.Min(length, MaxWordChars));
        var word = Fnv(FnvOffset ^ 1, span);
        Add(word, WordBlock);
        if (_spec.WordBigrams && havePrevious)
        {
            Add((previous * 0x9E3779B97F4A7C15UL) ^ word ^ 2, WordBlock);
        }

        previous = word;
        havePrevious = true;
        if (singleChar || _spec.CharMin == 0)
        {
            return;
        }

        // Character n-grams of "<word>".
        var wrapped = span.Length + 2;
        Span<char> w = stackalloc char[MaxWordChars + 2];
        w[0] = '<';
        span.CopyTo(w[1..]);
        w[wrapped - 1] = '>';
        for (var n = _spec.CharMin; n <= _spec.CharMax && n <= wrapped; n++)
        {
            var seed = (FnvOffset ^ 3) + (ulong)n;
            for (var s = 0; s + n <= wrapped; s++)
            {
                Add(Fnv(seed, w.Slice(s, n)), CharBlock);
            }
        }
    }

    /// <summary>log(1 + count), from a table for the common small counts (the hot path calls it per bucket).</summary>
    private static double LogOnePlus(int count) => count < LogTable.Length ? LogTable[count] : Math.Log(1 + count);

    private static readonly double[] LogTable = [.. Enumerable.Range(0, 1024).Select(c => Math.Log(1 + c))];

    private static ulong Fnv(ulong seed, ReadOnlySpan<char> chars)
    {
        var h = seed;
        foreach (var c in chars)
        {
            h = Step(h, c);
        }

        return h;
    }

    private static ulong Step(ulong h, char c)
    {
        h = (h ^ (byte)c) * FnvPrime;
        return (h ^ (byte)(c >> 8)) * FnvPrime;
    }

    /// <summary>splitmix64's finaliser: FNV's low bits alone are weak for short keys.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private void Add(ulong hash, int block)
    {
        var bucket = (int)(Mix(hash) & (ulong)_mask);
        var at = bucket << 2;
        if (_counts[at + block]++ == 0 && _counts[at] + _counts[at + 1] + _counts[at + 2] == 1)
        {
            if (_touchedCount == _touched.Length)
            {
                Array.Resize(ref _touched, _touched.Length * 2);
            }

            _touched[_touchedCount++] = bucket;
        }
    }

    private SparseFeatures Collect()
    {
        if (_touchedCount == 0)
        {
            return SparseFeatures.Empty;
        }

        Span<double> squares = stackalloc double[3];
        for (var j = 0; j < _touchedCount; j++)
        {
            var bucket = _touched[j];
            for (var b = 0; b < 3; b++)
            {
                var count = _counts[(bucket << 2) + b];
                if (count > 0)
                {
                    var v = LogOnePlus(count);
                    squares[b] += v * v;
                }
            }
        }

        Span<double> scales = stackalloc double[3];
        for (var b = 0; b < 3; b++)
        {
            scales[b] = squares[b] > 0 ? _blockWeights[b] / Math.Sqrt(squares[b]) : 0;
        }

        var indices = new int[_touchedCount];
        var values = new float[_touchedCount];
        var sumSquares = 0.0;
        for (var j = 0; j < _touchedCount; j++)
        {
            var bucket = _touched[j];
            var v = 0.0;
            for (var b = 0; b < 3; b++)
            {
                var count = _counts[(bucket << 2) + b];
                if (count > 0)
                {
                    v += LogOnePlus(count) * scales[b];
                    _counts[(bucket << 2) + b] = 0;
                }
            }

            indices[j] = bucket;
            values[j] = (float)v;
            sumSquares += v * v;
        }

        var scale = sumSquares > 0 ? (float)(1 / Math.Sqrt(sumSquares)) : 0f;
        for (var j = 0; j < values.Length; j++)
        {
            values[j] *= scale;
        }

        return new SparseFeatures(indices, values);
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c)
        is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>Han ideographs, kana and their punctuation-free neighbours: scripts written without spaces.</summary>
    private static bool IsSingleCharWord(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u3040' and <= '\u30FF')
            or (>= '\uF900' and <= '\uFAFF');
}
