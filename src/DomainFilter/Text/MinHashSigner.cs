using System.Runtime.Intrinsics;

namespace SciCurate.DomainFilter.Text;

/// <summary>Computes a document's signature from its text.</summary>
public interface ITextSigner
{
    /// <summary>The signature, or null for a text without a single word (nothing to compare).</summary>
    DocumentSignature? Sign(ReadOnlySpan<char> text);
}

/// <summary>
/// MinHash over word shingles, as datatrove/FineWeb do: the text is lower-cased and cut into words (letters and
/// digits; punctuation, Markdown and whitespace only separate), each run of <see cref="MinHashOptions.ShingleWords"/>
/// words is hashed once to 32 bits, and hash function i maps it by x·aᵢ + bᵢ (mod 2³², aᵢ odd) followed by an
/// xor-shift: a bijection of the 32-bit space per function, eight functions per AVX2 instruction. One pass, no
/// allocation per word: about 30 µs for a 350-word page (bench/dedup).
/// </summary>
public sealed class MinHashSigner : ITextSigner
{
    private readonly int _shingle;
    private readonly uint[] _a;
    private readonly uint[] _b;

    public MinHashSigner(MinHashOptions options)
    {
        _shingle = options.ShingleWords;
        var random = new Random(options.Seed);
        _a = new uint[options.Hashes];
        _b = new uint[options.Hashes];
        for (var i = 0; i < _a.Length; i++)
        {
            // Odd multipliers keep the map a permutation of the 32-bit space.
            _a[i] = (uint)random.NextInt64() | 1;
            _b[i] = (uint)random.NextInt64();
        }
    }

    public int Hashes => _a.Length;

    public DocumentSignature? Sign(ReadOnlySpan<char> text)
    {
        var mins = new uint[_a.Length];
        Array.Fill(mins, uint.MaxValue);
        Span<ulong> window = stackalloc ulong[_shingle];
        var words = 0;
        ulong exact = 14695981039346656037UL;
        ulong word = 0;
        var inWord = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                if (!inWord)
                {
                    word = 14695981039346656037UL;
                    inWord = true;
                }

                word = (word ^ char.ToLowerInvariant(c)) * 1099511628211UL;
                continue;
            }

            if (!inWord)
            {
                continue;
            }

            inWord = false;
            word = Mix(word);
            window[words % _shingle] = word;
            words++;
            exact = (exact ^ word) * 1099511628211UL;
            if (words >= _shingle)
            {
                Add(mins, Shingle(window, words));
            }
        }

        if (words == 0)
        {
            return null;
        }

        if (words < _shingle)
        {
            // A text shorter than one shingle is one shingle.
            Add(mins, Shingle(window[..words], words));
        }

        return new DocumentSignature(mins, Mix(exact ^ (ulong)words), words);
    }

    /// <summary>The shingle ending at word <paramref name="count"/>, order-sensitive.</summary>
    private static ulong Shingle(ReadOnlySpan<ulong> window, int count)
    {
        ulong h = 0;
        var n = window.Length;
        for (var k = 0; k < n; k++)
        {
            h = (h * 0x9E3779B97F4A7C15UL) + window[(count + k) % n];
        }

        return Mix(h);
    }

    private void Add(uint[] mins, ulong shingle)
    {
        var x = (uint)(shingle ^ (shingle >> 32));
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vx = Vector256.Create(x);
            for (; i <= mins.Length - Vector256<uint>.Count; i += Vector256<uint>.Count)
            {
                var v = vx * Vector256.Create(_a.AsSpan(i)) + Vector256.Create(_b.AsSpan(i));
                v ^= Vector256.ShiftRightLogical(v, 15);
                Vector256.Min(v, Vector256.Create(mins.AsSpan(i))).CopyTo(mins.AsSpan(i));
            }
        }

        for (; i < mins.Length; i++)
        {
            var v = x * _a[i] + _b[i];
            v ^= v >> 15;
            if (v < mins[i])
            {
                mins[i] = v;
            }
        }
    }

    /// <summary>splitmix64's finaliser: spreads the bits so the multiply-add family behaves.</summary>
    internal static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return x;
    }
}
