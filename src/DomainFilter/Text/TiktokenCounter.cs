using Microsoft.ML.Tokenizers;

namespace SciCurate.DomainFilter.Text;

/// <summary>Counts the tokens a text becomes for a language model.</summary>
public interface ITokenCounter
{
    /// <summary>The vocabulary's name (o200k_base, cl100k_base), recorded with the counts.</summary>
    string Encoding { get; }

    int Count(string text);
}

/// <summary>
/// OpenAI's byte-pair vocabularies through Microsoft.ML.Tokenizers; the vocabulary files come from their NuGet data
/// packages, so nothing is downloaded. Thread-safe: one instance serves all workers.
/// </summary>
public sealed class TiktokenCounter : ITokenCounter
{
    private readonly Lazy<Tokenizer> _tokenizer;

    public TiktokenCounter(TokenizerOptions options)
    {
        Encoding = options.Encoding;
        // Loading a vocabulary costs about a second of CPU: paid by the process that counts (a parse worker), not by
        // every process that might (curate run's main process, whose workers count a PDF's tokens).
        _tokenizer = new Lazy<Tokenizer>(() => TiktokenTokenizer.CreateForEncoding(options.Encoding));
    }

    public string Encoding { get; }

    public int Count(string text) => string.IsNullOrEmpty(text) ? 0 : _tokenizer.Value.CountTokens(text);

    /// <summary>The token ids (for checks against published encodings).</summary>
    public IReadOnlyList<int> Encode(string text) => _tokenizer.Value.EncodeToIds(text);
}
