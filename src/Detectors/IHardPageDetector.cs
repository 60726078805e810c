namespace SciCurate.Detectors;

/// <summary>Whether the cheap text of a page can be trusted, with the reasons that weighed most.</summary>
public sealed record HardPageVerdict(double Score, bool Hard, IReadOnlyList<string> Reasons);

/// <summary>Scores a page from its features: a high score means the cheap parse is not trustworthy and a VLM should read it.</summary>
public interface IHardPageDetector
{
    /// <summary>The detector's name and version, recorded with each page.</summary>
    string Name { get; }

    HardPageVerdict Detect(PageFeatures features);
}
