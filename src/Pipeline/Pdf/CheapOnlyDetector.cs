using SciCurate.Detectors;

namespace SciCurate.Pipeline.Pdf;

/// <summary>Routes every page to the cheap parser: used when no detector model is configured.</summary>
public sealed class CheapOnlyDetector : IHardPageDetector
{
    public string Name => "none";

    public HardPageVerdict Detect(PageFeatures features) => new(0, false, []);
}
