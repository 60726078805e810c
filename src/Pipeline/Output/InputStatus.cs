namespace SciCurate.Pipeline.Output;

/// <summary>What a run did with an input file (manifest.json, inputs.*.status).</summary>
public enum InputStatus
{
    Ok,
    Failed,

    /// <summary>The same bytes as another input: its rows are that one's.</summary>
    Duplicate,

    /// <summary>A web input whose first pages are committed; a later run resumes after them.</summary>
    Partial,
}
