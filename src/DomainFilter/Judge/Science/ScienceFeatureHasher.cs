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

    /// <summary>The longest function word of the lists (Lithuanian "tačiau", Turkish "olduğu" …): longer words skip the lookup.</summary>
    private static readonly int MaxFunctionWordChars = Web.Quality.StopwordLanguageIdentifier.FunctionWords.Max(w => w.Length);

    private readonly ScienceFeatureSpec _spec;
    private readonly int _mask;
    private const int WordBlock = 0;
    private const int CharBlock = 1;
    private const int UrlBlock = 2;
    private const int TitleBlock = 3;
    private const int Blocks = 4;

    /// <summary>A key is bucket × 8 + block.</summary>
    private const int BlockBits = 3;
    private const uint BlockMask = (1u << BlockBits) - 1;

    private const int RadixBits = 11;
    private const uint RadixMask = (1u << RadixBits) - 1;

    /// <summary>The page's feature occurrences (bucket × 8 + block, and a count), sorted and summed in <see cref="Collect"/>.</summary>
    private uint[] _keys = new uint[8192];
    private int[] _addCounts = new int[8192];
    private uint[] _sortedKeys = new uint[8192];
    private int[] _sortedCounts = new int[8192];
    private int _added;
    private readonly int[] _histogram = new int[1 << RadixBits];
    private readonly int _keyBits;
    private readonly double[] _blockWeights;
    private readonly char[] _buffer;

    /// <summary>The page's distinct words (open addressing on the word hash): key, where it starts in the buffer,
    /// its length (negative for a Han or kana character, which gets no character n-grams) and its count.</summary>
    private readonly ulong[] _wordKeys;
    private readonly int[] _wordStarts;
    private readonly int[] _wordLengths;
    private readonly int[] _wordCounts;
    private readonly int[] _wordSlots;
    private int _wordCount;

    /// <summary>Whether function words are left out of the word stream (<see cref="ScienceFeatureSpec.DropFunctionWords"/>).</summary>
    private readonly bool _dropFunctionWords;

    public ScienceFeatureHasher(ScienceFeatureSpec spec)
    {
        if (spec.Unsupported() is { } problem)
        {
            throw new ArgumentException(problem, nameof(spec));
        }

        _spec = spec;
        _mask = spec.Buckets - 1;
        _keyBits = (int)Math.Log2(spec.Buckets) + BlockBits;
        _blockWeights = [1.0, spec.CharWeight, spec.UrlWeight, spec.TitleWeight];
        _dropFunctionWords = spec.DropFunctionWords;
        _buffer = new char[spec.MaxChars];
        // A word takes at least two characters of the buffer (itself and a separator) except Han and kana, which
        // are one each: twice the buffer length keeps the open-addressed table at most half full.
        var slots = 1 << (int)Math.Ceiling(Math.Log2(Math.Max(16, spec.MaxChars * 2)));
        _wordKeys = new ulong[slots];
        _wordStarts = new int[slots];
        _wordLengths = new int[slots];
        _wordCounts = new int[slots];
        _wordSlots = new int[spec.MaxChars + 1];
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
        var length = Normalise(page.Title, page.Text, out var titleLength);
        _added = 0;
        if (page.Url is not null && _spec.UrlWeight > 0)
        {
            UrlWords(page.Url);
        }

        if (titleLength > 0 && _spec.TitleWeight > 0)
        {
            TitleWords(titleLength);
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

        FlushWords();
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
                Add(Fnv(FnvOffset ^ 5, word[..n]), UrlBlock, 1);
                n = 0;
            }
        }
    }

    /// <summary>The title's words once more, as a block of their own: a title names the topic in a few words
    /// ("study", "Forschung", "recipe") that the body's hundreds of words would otherwise outweigh.</summary>
    private void TitleWords(int titleLength)
    {
        var i = 0;
        while (i < titleLength)
        {
            if (!IsWordChar(_buffer[i]))
            {
                i++;
                continue;
            }

            var start = i;
            i++;
            if (!IsSingleCharWord(_buffer[start]))
            {
                while (i < titleLength && IsWordChar(_buffer[i]) && !IsSingleCharWord(_buffer[i]))
                {
                    i++;
                }
            }

            Add(Fnv(FnvOffset ^ 7, _buffer.AsSpan(start, Math.Min(i - start, MaxWordChars))), TitleBlock, 1);
        }
    }

    /// <summary>Word hashes (as <see cref="Word"/> computes them) of the language identifier's function words.</summary>
    private static readonly HashSet<ulong> FunctionWordHashes = [.. Web.Quality.StopwordLanguageIdentifier.FunctionWords.Select(WordHash)];

    private static ulong WordHash(string word)
    {
        var folded = word.Select(c => char.IsDigit(c) ? '0' : char.ToLowerInvariant(c)).ToArray();
        return Fnv(FnvOffset ^ 1, folded.AsSpan(0, Math.Min(folded.Length, MaxWordChars)));
    }

    private int Normalise(string? title, string? text, out int titleLength)
    {
        var n = 0;
        titleLength = 0;
        foreach (var part in new[] { title, text })
        {
            if (string.IsNullOrEmpty(part))
            {
                continue;
            }

            if (n > 0 && n < _buffer.Length)
            {
                titleLength = n;
                _buffer[n++] = '\n';
            }

            for (var j = 0; j < part.Length && n < _buffer.Length; j++)
            {
                var c = part[j];
                _buffer[n++] = c < 128 ? AsciiFold[c] : char.IsDigit(c) ? '0' : char.ToLowerInvariant(c);
            }
        }

        return n;
    }

    /// <summary>
    /// Counts a word occurrence in the page's word table and adds the pair it forms with the previous word. The word
    /// itself and its character n-grams are added once per distinct word with its count (<see cref="FlushWords"/>):
    /// words repeat (a page of 700 words has about 300 distinct ones), so this halves the work per page.
    /// </summary>
    private void Word(int start, int length, bool singleChar, ref ulong previous, ref bool havePrevious)
    {
        var span = _buffer.AsSpan(start, Math.Min(length, MaxWordChars));
        var word = Fnv(FnvOffset ^ 1, span);
        if (_dropFunctionWords && length <= MaxFunctionWordChars && !singleChar && FunctionWordHashes.Contains(word))
        {
            // Not there at all: no word, no n-grams, and the pair joins the content words on either side.
            return;
        }

        if (_spec.WordBigrams && havePrevious)
        {
            Add((previous * 0x9E3779B97F4A7C15UL) ^ word ^ 2, WordBlock, 1);
        }

        previous = word;
        havePrevious = true;
        var slot = (int)(Mix(word) & (ulong)(_wordKeys.Length - 1));
        while (true)
        {
            if (_wordCounts[slot] == 0)
            {
                _wordKeys[slot] = word;
                _wordStarts[slot] = start;
                _wordLengths[slot] = singleChar ? -span.Length : span.Length;
                _wordCounts[slot] = 1;
                _wordSlots[_wordCount++] = slot;
                return;
            }

            if (_wordKeys[slot] == word)
            {
                _wordCounts[slot]++;
                return;
            }

            slot = (slot + 1) & (_wordKeys.Length - 1);
        }
    }

    /// <summary>Adds each distinct word of the page and its character n-grams, weighted by the word's count.</summary>
    private void FlushWords()
    {
        Span<char> w = stackalloc char[MaxWordChars + 2];
        for (var j = 0; j < _wordCount; j++)
        {
            var slot = _wordSlots[j];
            var count = _wordCounts[slot];
            _wordCounts[slot] = 0;
            Add(_wordKeys[slot], WordBlock, count);

            var length = _wordLengths[slot];
            if (length < 0 || _spec.CharMin == 0)
            {
                continue;
            }

            // Character n-grams of "<word>": FNV is computed left to right, so one pass from each start position
            // yields its 3-, 4- and 5-gram hashes in turn.
            var wrapped = length + 2;
            w[0] = '<';
            _buffer.AsSpan(_wordStarts[slot], length).CopyTo(w[1..]);
            w[wrapped - 1] = '>';
            for (var s = 0; s + _spec.CharMin <= wrapped; s++)
            {
                var h = FnvOffset ^ 3;
                var end = Math.Min(wrapped, s + _spec.CharMax);
                for (var e = s; e < end; e++)
                {
                    h = (h ^ w[e]) * FnvPrime;
                    if (e - s + 1 >= _spec.CharMin)
                    {
                        Add(h, CharBlock, count);
                    }
                }
            }
        }

        _wordCount = 0;
    }

    /// <summary>log(1 + count), from a table for the common small counts (the hot path calls it per bucket).</summary>
    private static double LogOnePlus(int count) => count < LogTable.Length ? LogTable[count] : Math.Log(1 + count);

    private static readonly double[] LogTable = [.. Enumerable.Range(0, 1024).Select(c => Math.Log(1 + c))];

    /// <summary>FNV-1a over UTF-16 code units, one step per code unit.</summary>
    private static ulong Fnv(ulong seed, ReadOnlySpan<char> chars)
    {
        var h = seed;
        foreach (var c in chars)
        {
            h = (h ^ c) * FnvPrime;
        }

        return h;
    }

    /// <summary>splitmix64's finaliser: FNV's low bits alone are weak for short keys.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Notes one feature occurrence as a key (bucket and block) and a count; counted in <see cref="Collect"/>.</summary>
    private void Add(ulong hash, int block, int count)
    {
        if (_added == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
            Array.Resize(ref _addCounts, _addCounts.Length * 2);
            _sortedKeys = new uint[_keys.Length];
            _sortedCounts = new int[_keys.Length];
        }

        _keys[_added] = (uint)(((int)(Mix(hash) & (ulong)_mask) << BlockBits) | block);
        _addCounts[_added++] = count;
    }

    /// <summary>
    /// Sums the counts per bucket and block and weights them. The keys are radix-sorted first: adding into a table
    /// with a slot per bucket (4 MB) costs a cache miss per feature, which was most of the time per page; sorting a
    /// page's few thousand keys stays in the cache. The result lists buckets in ascending order.
    /// </summary>
    private SparseFeatures Collect()
    {
        var n = _added;
        _added = 0;
        if (n == 0)
        {
            return SparseFeatures.Empty;
        }

        RadixSort(n);
        var keys = _sortedKeys;
        var counts = _sortedCounts;

        // Runs of one key are one bucket and block; their summed count gives log(1 + count).
        Span<double> squares = stackalloc double[Blocks];
        var distinct = 0;
        for (var j = 0; j < n;)
        {
            var key = keys[j];
            var c = 0;
            while (j < n && keys[j] == key)
            {
                c += counts[j++];
            }

            var v = LogOnePlus(c);
            squares[(int)(key & BlockMask)] += v * v;
            keys[distinct] = key;
            counts[distinct++] = c;
        }

        Span<double> scales = stackalloc double[Blocks];
        for (var b = 0; b < Blocks; b++)
        {
            scales[b] = squares[b] > 0 ? _blockWeights[b] / Math.Sqrt(squares[b]) : 0;
        }

        var buckets = 1;
        for (var j = 1; j < distinct; j++)
        {
            buckets += (keys[j] >> BlockBits) != (keys[j - 1] >> BlockBits) ? 1 : 0;
        }

        var indices = new int[buckets];
        var values = new float[buckets];
        var sumSquares = 0.0;
        var at = -1;
        var value = 0.0;
        for (var j = 0; j < distinct; j++)
        {
            var bucket = (int)(keys[j] >> BlockBits);
            if (at < 0 || indices[at] != bucket)
            {
                if (at >= 0)
                {
                    values[at] = (float)value;
                    sumSquares += value * value;
                }

                indices[++at] = bucket;
                value = 0;
            }

            value += LogOnePlus(counts[j]) * scales[(int)(keys[j] & BlockMask)];
        }

        values[at] = (float)value;
        sumSquares += value * value;
        var scale = sumSquares > 0 ? (float)(1 / Math.Sqrt(sumSquares)) : 0f;
        for (var j = 0; j < values.Length; j++)
        {
            values[j] *= scale;
        }

        return new SparseFeatures(indices, values);
    }

    /// <summary>LSD radix sort of the first <paramref name="n"/> keys (with their counts) into the sorted arrays, 11 bits a pass.</summary>
    private void RadixSort(int n)
    {
        uint[] fromKeys = _keys, toKeys = _sortedKeys;
        int[] fromCounts = _addCounts, toCounts = _sortedCounts;
        for (var shift = 0; shift < _keyBits; shift += RadixBits)
        {
            Array.Clear(_histogram);
            for (var j = 0; j < n; j++)
            {
                _histogram[(fromKeys[j] >> shift) & RadixMask]++;
            }

            var sum = 0;
            for (var d = 0; d < _histogram.Length; d++)
            {
                var c = _histogram[d];
                _histogram[d] = sum;
                sum += c;
            }

            for (var j = 0; j < n; j++)
            {
                var at = _histogram[(fromKeys[j] >> shift) & RadixMask]++;
                toKeys[at] = fromKeys[j];
                toCounts[at] = fromCounts[j];
            }

            (fromKeys, toKeys) = (toKeys, fromKeys);
            (fromCounts, toCounts) = (toCounts, fromCounts);
        }

        // After an odd number of passes the sorted keys are in _sortedKeys already; after an even one, copy them there.
        if (!ReferenceEquals(fromKeys, _sortedKeys))
        {
            Array.Copy(fromKeys, _sortedKeys, n);
            Array.Copy(fromCounts, _sortedCounts, n);
        }
    }

    /// <summary>Lower case and digits as 0 for ASCII, by table (most of the text of most pages).</summary>
    private static readonly char[] AsciiFold = [.. Enumerable.Range(0, 128).Select(c => char.IsAsciiDigit((char)c) ? '0' : char.ToLowerInvariant((char)c))];

    private static bool IsWordChar(char c) => c < 128 ? char.IsAsciiLetterOrDigit(c) : char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c)
        is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>Han ideographs, kana and their punctuation-free neighbours: scripts written without spaces.</summary>
    private static bool IsSingleCharWord(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u3040' and <= '\u30FF')
            or (>= '\uF900' and <= '\uFAFF');
}
