namespace SciCurate.DomainFilter.Judge.Science;

/// <summary>One page's science probability, or no vote when it has no text to judge.</summary>
public readonly record struct PageScience(bool HasText, double Probability);

/// <summary>What the classifier reads of a page: its URL (host and path words), title and main text.</summary>
public readonly record struct ScienceInput(string? Url, string? Title, string Text);

/// <summary>Calibrated probability that a page's main content is science, for the offline domain judge.</summary>
public interface IScienceClassifier
{
    /// <summary>Names the model in verdicts and judge versions (for example <c>science-lr-1a2b3c4d</c>).</summary>
    string ModelId { get; }

    /// <summary>The domain threshold fixed when the model was trained (see its JSON's threshold_rule).</summary>
    double Threshold { get; }

    /// <summary>Pages with fewer letters than the model's minimum get <c>HasText = false</c> and no probability.</summary>
    IReadOnlyList<PageScience> Score(IReadOnlyList<ScienceInput> pages);
}
