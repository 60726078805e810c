using System.Globalization;

namespace SciCurate.Detectors.Image;

/// <summary>
/// The image-based formula detector (config section "Detector:Image", used when Detector:Kind is <c>image</c>): a
/// user-supplied YOLO-style formula-detection model in ONNX, run on each page rendered to a square letterbox.
/// </summary>
public sealed class ImageDetectorOptions
{
    /// <summary>The classes of PDF-Extract-Kit's YOLOv8 MFD model: 0 inline, 1 isolated (display) formula.</summary>
    public static readonly IReadOnlyList<int> DefaultFormulaClasses = [0, 1];

    /// <summary>The user's ONNX model; a relative path is taken from the configuration file's folder.</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>Side of the square model input in pixels (the page's longer side is rendered to it); a multiple of 32.</summary>
    public int InputSize { get; set; } = 1024;

    /// <summary>Detections scoring at or below this are ignored (YOLOv5: objectness × class score).</summary>
    public double ScoreThreshold { get; set; } = 0.25;

    /// <summary>Same-class boxes overlapping a better one by more than this IoU are suppressed.</summary>
    public double NmsIou { get; set; } = 0.45;

    /// <summary>Class indices that count as formulas. Null (not configured) means <see cref="DefaultFormulaClasses"/>.</summary>
    /// <remarks>Null rather than a filled list by default: the configuration binder appends to an existing list.</remarks>
    public int[]? FormulaClasses { get; set; }

    /// <summary>A page is hard when its formula boxes cover at least this share of the page area.</summary>
    public double AreaThreshold { get; set; } = 0.01;

    /// <summary>A page is also hard with at least this many formula boxes, whatever their area; 0 turns the rule off.</summary>
    public int MinBoxes { get; set; }

    /// <summary>A page still rendering after this many seconds is abandoned (renderer killed) and sent to the VLM.</summary>
    public int RenderTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Pages rendered ahead in one pdftoppm call (its start-up and PDF parse dominate a single page); 1 renders each
    /// page on its own. A batch that fails or runs over RenderTimeoutSeconds falls back to one call per page.
    /// </summary>
    public int RenderBatchPages { get; set; } = 16;

    public IReadOnlyList<int> EffectiveFormulaClasses => FormulaClasses is { Length: > 0 } c ? c : DefaultFormulaClasses;

    public IEnumerable<string> Validate(string section, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(ModelPath))
        {
            yield return $"{section}:ModelPath is required when Detector:Kind is 'image' (your YOLO-style formula-detection model in ONNX)";
        }

        if (InputSize is < 32 or > 4096 || InputSize % 32 != 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{section}:InputSize must be a multiple of 32 between 32 and 4096, not {InputSize}");
        }

        if (ScoreThreshold is < 0 or >= 1 || double.IsNaN(ScoreThreshold))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{section}:ScoreThreshold must be at least 0 and below 1, not {ScoreThreshold}");
        }

        if (NmsIou is <= 0 or > 1 || double.IsNaN(NmsIou))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{section}:NmsIou must be above 0 and at most 1, not {NmsIou}");
        }

        if (FormulaClasses is not null && FormulaClasses.Any(c => c < 0))
        {
            yield return $"{section}:FormulaClasses must be class indices (0 or more), not [{string.Join(", ", FormulaClasses)}]";
        }

        if (AreaThreshold is <= 0 or > 1 || double.IsNaN(AreaThreshold))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{section}:AreaThreshold must be above 0 and at most 1, not {AreaThreshold}");
        }

        if (MinBoxes < 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{section}:MinBoxes must be 0 (off) or more, not {MinBoxes}");
        }

        if (RenderBatchPages is < 1 or > 256)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{section}:RenderBatchPages must be between 1 and 256, not {RenderBatchPages}");
        }

        if (RenderTimeoutSeconds < 1)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{section}:RenderTimeoutSeconds must be at least 1, not {RenderTimeoutSeconds}");
        }
    }
}
