namespace SciCurate.Pipeline.Configuration;

/// <summary>Which pages go to the VLM and where its answers are cached (config section "VlmStage").</summary>
public sealed class VlmStageOptions
{
    /// <summary>A page whose cheap parse found fewer characters than this has no usable text layer (a scan) and is always hard.</summary>
    public int MinTextChars { get; set; } = 20;

    /// <summary>At most this share of a document's pages is sent to the VLM (highest detector scores first); text-less pages always go.</summary>
    public double MaxHardShare { get; set; } = 1.0;

    /// <summary>Folder of the answer cache; empty: &lt;out&gt;/.vlm-cache. Share it between outputs to never pay twice for a page.</summary>
    public string CacheDir { get; set; } = "";

    /// <summary>Pages rendered at once; 0: one per core.</summary>
    public int RenderConcurrency { get; set; }

    public int EffectiveRenderConcurrency => RenderConcurrency > 0 ? RenderConcurrency : Environment.ProcessorCount;

    public IEnumerable<string> Validate(string section)
    {
        if (MinTextChars < 0)
        {
            yield return $"{section}:MinTextChars must be 0 or more";
        }

        if (MaxHardShare is < 0 or > 1)
        {
            yield return $"{section}:MaxHardShare must be between 0 and 1";
        }

        if (RenderConcurrency < 0)
        {
            yield return $"{section}:RenderConcurrency must be 0 (one per core) or more";
        }
    }
}
