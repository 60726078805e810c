namespace SciCurate.Parsers.Vlm;

/// <summary>How <see cref="VlmPageParser"/> asks for a page (config section "VlmParser").</summary>
public sealed class VlmPageParserOptions
{
    /// <summary>Upper bound on the answer length; a page needing more comes back truncated and is retried, then marked.</summary>
    public int MaxOutputTokens { get; set; } = 4096;

    /// <summary>0 for a faithful transcription.</summary>
    public float Temperature { get; set; }

    /// <summary>Answers asked per page when an answer is empty, truncated or a refusal; then the page is marked failed.</summary>
    public int MaxAnswerAttempts { get; set; } = 2;

    /// <summary>Pass the page's cheap text layer along as a hint (helps spelling of names and numbers).</summary>
    public bool TextHint { get; set; } = true;

    /// <summary>The hint is cut to this many characters.</summary>
    public int MaxHintChars { get; set; } = 6000;

    public IEnumerable<string> Validate(string section)
    {
        if (MaxOutputTokens < 16)
        {
            yield return $"{section}:MaxOutputTokens must be at least 16";
        }

        if (Temperature is < 0 or > 2)
        {
            yield return $"{section}:Temperature must be between 0 and 2";
        }

        if (MaxAnswerAttempts < 1)
        {
            yield return $"{section}:MaxAnswerAttempts must be at least 1";
        }

        if (MaxHintChars < 0)
        {
            yield return $"{section}:MaxHintChars must be 0 or more";
        }
    }
}
