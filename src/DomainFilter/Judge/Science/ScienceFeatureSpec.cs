using System.Text.Json.Serialization;

namespace SciCurate.DomainFilter.Judge.Science;

/// <summary>
/// How a page's text becomes hashed features: written into the model (ONNX metadata and the JSON beside it) and
/// checked at load, so a model is only ever fed the features it was trained on.
/// </summary>
public sealed record ScienceFeatureSpec
{
    /// <summary>The hashing scheme this build implements; bump when tokenisation, hashing or weighting change. Schema 5
    /// is schema 2 plus the optional dropping of function words (<see cref="DropFunctionWords"/>). Schemas 3 and 4 had
    /// optional page-shape and genre blocks, never shipped on and removed in schema 5: a schema 3 or 4 model with those
    /// blocks off computes schema 2's features and still loads; one with a block on is refused.</summary>
    public const int CurrentSchemaVersion = 5;

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
    /// Leave the function words of the language identifier's lists (the 40 commonest of each of 30 languages: "the",
    /// "der", "les", "и") out of the word stream: no word, pair or character n-gram features, and pairs join the
    /// content words on either side. Their weights would otherwise say which languages the labelled science pages
    /// happened to be in, and score a French or German page on its articles. Schema 5.
    /// </summary>
    [JsonPropertyName("drop_function_words")] public bool DropFunctionWords { get; init; }

    /// <summary>
    /// With <see cref="DropFunctionWords"/>, which list was dropped (<see cref="CurrentFunctionWordsDigest"/> when the
    /// model was trained): a build whose list differs computes other features and refuses the model. Absent in models
    /// trained before it was recorded (science-lr-d6931787, whose list a test pins).
    /// </summary>
    [JsonPropertyName("function_words_digest")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FunctionWordsDigest { get; init; }

    /// <summary>SHA-256 (first 16 hex digits) of this build's function words, sorted ordinally, one per line.</summary>
    public static string CurrentFunctionWordsDigest { get; } = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(string.Join('\n', Web.Quality.StopwordLanguageIdentifier.FunctionWords.Order(StringComparer.Ordinal)))))[..16];

    /// <summary>Weight of the page-shape block of schemas 3–4 (removed): must be 0, else the model needs features this build no longer computes.</summary>
    [JsonPropertyName("shape_weight")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double ShapeWeight { get; init; }

    /// <summary>Weight of the genre block of schema 4 (removed): must be 0, as <see cref="ShapeWeight"/>.</summary>
    [JsonPropertyName("genre_weight")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double GenreWeight { get; init; }

    /// <summary>A page with fewer letters or digits than this has no text to judge: it does not vote.</summary>
    [JsonPropertyName("min_letters")] public int MinLetters { get; init; } = 100;

    /// <summary>Null when this build can compute these features, else why not.</summary>
    public string? Unsupported()
    {
        if (SchemaVersion is < OldestSchemaVersion or > CurrentSchemaVersion || Hash != CurrentHash || (SchemaVersion < 5 && DropFunctionWords))
        {
            return $"feature schema {SchemaVersion}/{Hash} in the model, {OldestSchemaVersion}–{CurrentSchemaVersion}/{CurrentHash} in this build";
        }

        if (DropFunctionWords && FunctionWordsDigest is { } digest && digest != CurrentFunctionWordsDigest)
        {
            return $"the model dropped another function-word list (digest {digest}, this build's {CurrentFunctionWordsDigest}): retrain it with this build";
        }

        if (ShapeWeight != 0 || GenreWeight != 0)
        {
            return $"the model uses the page-shape or genre block of feature schema 3–4 (shape_weight {ShapeWeight}, genre_weight {GenreWeight}), which this build no longer computes";
        }

        if (Buckets < 2 || (Buckets & (Buckets - 1)) != 0 || MaxChars < 1 || CharMin < 0 || CharMax < CharMin || MinLetters < 0 || CharWeight < 0 || UrlWeight < 0 || TitleWeight < 0)
        {
            return $"invalid feature spec (buckets {Buckets} must be a power of two; max_chars {MaxChars}; char n-grams {CharMin}–{CharMax}; min_letters {MinLetters})";
        }

        return null;
    }
}
