namespace SciCurate.Pipeline.Configuration;

/// <summary>How hard pages are rendered and where the VLM's answers are cached (config section "VlmStage"); which pages go is <see cref="SciCurate.Detectors.HardPagePolicy"/>.</summary>
public sealed class VlmStageOptions
{
    /// <summary>Folder of the answer cache; empty: &lt;out&gt;/.vlm-cache. Share it between outputs to never pay twice for a page.</summary>
    public string CacheDir { get; set; } = "";

    /// <summary>Pages rendered at once; 0: one per core.</summary>
    public int RenderConcurrency { get; set; }

    public int EffectiveRenderConcurrency => RenderConcurrency > 0 ? RenderConcurrency : Environment.ProcessorCount;

    public IEnumerable<string> Validate(string section)
    {
        if (RenderConcurrency < 0)
        {
            yield return $"{section}:RenderConcurrency must be 0 (one per core) or more";
        }
    }
}
