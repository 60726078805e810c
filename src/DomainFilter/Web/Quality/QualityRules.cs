namespace SciCurate.DomainFilter.Web.Quality;

/// <summary>
/// A document-level quality rule: the signal it reads (its column name, and the property read), the published
/// threshold, and the direction that fails.
/// Sources: Gopher (Rae et al. 2021, as implemented in datatrove), C4 (Raffel et al. 2020), FineWeb (Penedo et al. 2024).
/// </summary>
public sealed record QualityRule(string Name, string Signal, Func<QualitySignals, double> Read, double Threshold, bool FailsAbove, string Description)
{
    public bool Fails(QualitySignals signals) => Read(signals) is var v && (FailsAbove ? v > Threshold : v < Threshold);
}

/// <summary>Every rule the quality stage evaluates, with its published threshold. Names are stable: they land in `failed_rules`.</summary>
public static class QualityRules
{
    public static readonly IReadOnlyList<QualityRule> All =
    [
        // Gopher quality
        new("gopher_min_words", "gopher_words", s => s.GopherWords, 50, false, "fewer than 50 words (tokens that are not pure punctuation)"),
        new("gopher_max_words", "gopher_words", s => s.GopherWords, 100_000, true, "more than 100,000 words"),
        new("gopher_min_mean_word_length", "gopher_mean_word_length", s => s.GopherMeanWordLength, 3, false, "mean word length below 3 characters"),
        new("gopher_max_mean_word_length", "gopher_mean_word_length", s => s.GopherMeanWordLength, 10, true, "mean word length above 10 characters"),
        new("gopher_hash_ratio", "gopher_hash_per_word", s => s.GopherHashPerWord, 0.1, true, "more than 0.1 '#' per word"),
        new("gopher_ellipsis_ratio", "gopher_ellipsis_per_word", s => s.GopherEllipsisPerWord, 0.1, true, "more than 0.1 ellipses ('...' or '…') per word"),
        new("gopher_bullet_lines", "gopher_bullet_line_ratio", s => s.GopherBulletLineRatio, 0.9, true, "more than 90% of lines start with a bullet"),
        new("gopher_ellipsis_lines", "gopher_ellipsis_line_ratio", s => s.GopherEllipsisLineRatio, 0.3, true, "more than 30% of lines end with an ellipsis"),
        new("gopher_alpha_words", "gopher_alpha_word_ratio", s => s.GopherAlphaWordRatio, 0.8, false, "fewer than 80% of words contain a letter"),
        new("gopher_stop_words", "gopher_stop_words", s => s.GopherStopWords, 2, false, "fewer than 2 of the stop words the, be, to, of, and, that, have, with"),
        // Gopher repetition
        new("gopher_dup_lines", "gopher_dup_line_ratio", s => s.GopherDupLineRatio, 0.3, true, "duplicate lines are more than 30% of lines"),
        new("gopher_dup_line_chars", "gopher_dup_line_char_ratio", s => s.GopherDupLineCharRatio, 0.2, true, "duplicate lines hold more than 20% of characters"),
        new("gopher_dup_paragraphs", "gopher_dup_para_ratio", s => s.GopherDupParaRatio, 0.3, true, "duplicate paragraphs are more than 30% of paragraphs"),
        new("gopher_dup_paragraph_chars", "gopher_dup_para_char_ratio", s => s.GopherDupParaCharRatio, 0.2, true, "duplicate paragraphs hold more than 20% of characters"),
        new("gopher_top_2gram", "gopher_top_2gram_char_ratio", s => s.GopherTop2gramCharRatio, 0.20, true, "the most frequent 2-gram holds more than 20% of characters"),
        new("gopher_top_3gram", "gopher_top_3gram_char_ratio", s => s.GopherTop3gramCharRatio, 0.18, true, "the most frequent 3-gram holds more than 18% of characters"),
        new("gopher_top_4gram", "gopher_top_4gram_char_ratio", s => s.GopherTop4gramCharRatio, 0.16, true, "the most frequent 4-gram holds more than 16% of characters"),
        new("gopher_dup_5grams", "gopher_dup_5gram_char_ratio", s => s.GopherDup5gramCharRatio, 0.15, true, "duplicated 5-grams hold more than 15% of characters"),
        new("gopher_dup_6grams", "gopher_dup_6gram_char_ratio", s => s.GopherDup6gramCharRatio, 0.14, true, "duplicated 6-grams hold more than 14% of characters"),
        new("gopher_dup_7grams", "gopher_dup_7gram_char_ratio", s => s.GopherDup7gramCharRatio, 0.13, true, "duplicated 7-grams hold more than 13% of characters"),
        new("gopher_dup_8grams", "gopher_dup_8gram_char_ratio", s => s.GopherDup8gramCharRatio, 0.12, true, "duplicated 8-grams hold more than 12% of characters"),
        new("gopher_dup_9grams", "gopher_dup_9gram_char_ratio", s => s.GopherDup9gramCharRatio, 0.11, true, "duplicated 9-grams hold more than 11% of characters"),
        new("gopher_dup_10grams", "gopher_dup_10gram_char_ratio", s => s.GopherDup10gramCharRatio, 0.10, true, "duplicated 10-grams hold more than 10% of characters"),
        // C4 (document level; the line-level filters are reported as c4_removed_line_ratio)
        new("c4_lorem_ipsum", "c4_lorem_ipsum", s => s.C4LoremIpsum, 0, true, "contains 'lorem ipsum'"),
        new("c4_curly_bracket", "c4_curly_bracket", s => s.C4CurlyBracket, 0, true, "contains '{'"),
        new("c4_min_sentences", "c4_sentences", s => s.C4Sentences, 5, false, "fewer than 5 sentences left after C4's line filters"),
        // FineWeb
        new("fineweb_line_punct", "fineweb_line_punct_ratio", s => s.FinewebLinePunctRatio, 0.12, false, "fewer than 12% of lines end in terminal punctuation"),
        new("fineweb_short_lines", "fineweb_short_line_ratio", s => s.FinewebShortLineRatio, 0.67, true, "more than 67% of lines have 30 characters or fewer"),
        new("fineweb_dup_line_chars", "fineweb_dup_line_char_ratio", s => s.FinewebDupLineCharRatio, 0.1, true, "duplicate lines hold more than 10% of characters (the paper's 0.1, not the code's 0.01)"),
        new("fineweb_list_like", "fineweb_newline_per_word", s => s.FinewebNewlinePerWord, 0.3, true, "more than 0.3 lines per word"),
    ];
}
