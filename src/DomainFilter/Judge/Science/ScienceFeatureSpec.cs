using System.Text.Json.Serialization;

namespace SciCurate.DomainFilter.Judge.Science;

/// <summary>
/// How a page's text becomes hashed features: written into the model (ONNX metadata and the JSON beside it) and
/// checked at load, so a model is only ever fed the features it was trained on.
/// </summary>
public sealed record ScienceFeatureSpec
{
    /// <summary>The hashing scheme this build implements; bump when tokenisation, hashing or weighting change. Schema 3
    /// is schema 2 plus the optional page-shape block (<see cref="ShapeWeight"/>), schema 4 schema 3 plus the optional
    /// genre block (<see cref="GenreWeight"/>): an older model computes the same features here (its new blocks'
    /// weights are 0), so it still loads; an older build refuses a newer schema.</summary>
    public const int CurrentSchemaVersion = 4;

    /// <summary>The oldest schema this build still computes exactly.</summary>
    public const int OldestSchemaVersion = 2;

    public const string CurrentHash = "fnv1a64-char";

    [JsonPropertyName("schema_version")] public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    [JsonPropertyName("hash")] public string Hash { get; init; } = CurrentHash;

    /// <summary>Hash buckets (a power of two): the length of the weight vector.</summary>
    [JsonPropertyName("buckets")] public int Buckets { get; init; } = 1 << 18;

    /// <summary>Title, a newline and the text are cut to this many characters before hashing.</summary>
    [JsonPropertyName("max_chars")] public int MaxChars { get; init; } = 12000;

    [JsonPropertyName("word_bigrams")] public bool WordBigrams { get; init; } = true;

    /// <summary>Character n-grams of each word wrapped in &lt; &gt; (fastText's subwords); 0 turns them off.</summary>
    [JsonPropertyName("char_min")] public int CharMin { get; init; } = 3;

    [JsonPropertyName("char_max")] public int CharMax { get; init; } = 5;

    /// <summary>
    /// Weight of the character n-gram block against the word block: each block is L2-normalised on its own, the
    /// character block scaled by this, then the whole vector normalised (else a page's ~15 n-grams per word drown
    /// its words).
    /// </summary>
    [JsonPropertyName("char_weight")] public double CharWeight { get; init; } = 1.0;

    /// <summary>Weight of the URL-words block (host and path words) against the word block; 0 turns it off.</summary>
    [JsonPropertyName("url_weight")] public double UrlWeight { get; init; } = 0.5;

    /// <summary>Weight of the title-words block (the title's words again, on their own) against the word block; 0 turns it off.</summary>
    [JsonPropertyName("title_weight")] public double TitleWeight { get; init; }

    /// <summary>
    /// Weight of the page-shape block against the word block; 0 turns it off. The block is page-type evidence the
    /// words do not carry: a dozen coarse, bucketed measures of the text's layout (length, number of lines, mean line
    /// length, the share of short lines, of lines ending a sentence, of list-item lines, of digits, e-mail signs),
    /// each a one-hot feature whose weight is learned. Listings, directories, profiles and adverts are laid out
    /// differently from an article that explains something.
    /// </summary>
    [JsonPropertyName("shape_weight")] public double ShapeWeight { get; init; }

    /// <summary>
    /// Weight of the genre block against the word block; 0 turns it off. The block is what a page does with its
    /// topic: the density of research-report cues (study, results, we, may, et al., units, citations) and of
    /// administration cues (apply, programme, policy, minister, professor, contact, price), in the detector's
    /// languages and Chinese (<see cref="ScienceGenreCues"/>), each bucketed into a one-hot feature.
    /// </summary>
    [JsonPropertyName("genre_weight")] public double GenreWeight { get; init; }

    /// <summary>A page with fewer letters or digits than this has no text to judge: it does not vote.</summary>
    [JsonPropertyName("min_letters")] public int MinLetters { get; init; } = 100;

    /// <summary>Null when this build can compute these features, else why not.</summary>
    public string? Unsupported()
    {
        if (SchemaVersion is < OldestSchemaVersion or > CurrentSchemaVersion || Hash != CurrentHash || (SchemaVersion < 3 && ShapeWeight != 0) || (SchemaVersion < 4 && GenreWeight != 0))
        {
            return $"feature schema {SchemaVersion}/{Hash} in the model, {OldestSchemaVersion}–{CurrentSchemaVersion}/{CurrentHash} in this build";
        }

        if (Buckets < 2 || (Buckets & (Buckets - 1)) != 0 || MaxChars < 1 || CharMin < 0 || CharMax < CharMin || MinLetters < 0 || CharWeight < 0 || UrlWeight < 0 || TitleWeight < 0 || ShapeWeight < 0 || GenreWeight < 0)
        {
            return $"invalid feature spec (buckets {Buckets} must be a power of two; max_chars {MaxChars}; char n-grams {CharMin}–{CharMax}; min_letters {MinLetters})";
        }

        return null;
    }
}
