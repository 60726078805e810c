namespace SciCurate.Pipeline.Web;

/// <summary>The "Web" configuration section.</summary>
public sealed class WebRunOptions
{
    /// <summary>A page whose extraction takes longer becomes a failed row (default 30 s).</summary>
    public int PageTimeoutSeconds { get; set; } = 30;

    public IEnumerable<string> Validate()
    {
        if (PageTimeoutSeconds < 1)
        {
            yield return "Web:PageTimeoutSeconds must be at least 1";
        }
    }
}
