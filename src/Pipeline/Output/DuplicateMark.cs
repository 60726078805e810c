namespace SciCurate.Pipeline.Output;

/// <summary>How a document copies the one a duplicate cluster keeps.</summary>
public enum DuplicateMark
{
    /// <summary>The same words.</summary>
    Exact,

    /// <summary>Nearly the same words (MinHash similarity at or above the threshold).</summary>
    Near,
}
