using System.Globalization;
using SciCurate.Detectors.Image;

namespace SciCurate.Detectors;

/// <summary>Which hard-page detector runs and how strict it is (config section "Detector").</summary>
public sealed class HardPageDetectorOptions
{
    public const string OnnxKind = "onnx";
    public const string NoneKind = "none";
    public const string ImageKind = "image";

    /// <summary>
    /// <c>onnx</c>: the page-feature model (default); <c>none</c>: every page cheap except pages with no text layer;
    /// <c>image</c>: a user-supplied YOLO-style formula-detection model on the rendered page (<see cref="Image"/>).
    /// </summary>
    public string Kind { get; set; } = OnnxKind;

    /// <summary>The ONNX model; a relative path is taken from the configuration file's folder. Its metadata sits beside it as &lt;model&gt;.json.</summary>
    public string ModelPath { get; set; } = "models/hard_page_detector.onnx";

    /// <summary>Pages scoring at least this are hard.</summary>
    public double Threshold { get; set; } = 0.5;

    /// <summary>At most this share of a document's pages go to the VLM (highest scores first); pages with no text layer always go.</summary>
    public double MaxHardShare { get; set; } = 1.0;

    /// <summary>A page whose cheap parse found fewer characters than this has no usable text layer (a scan) and always goes to the VLM.</summary>
    public int MinTextChars { get; set; } = HardPagePolicy.DefaultMinTextChars;

    /// <summary>
    /// Send pages with a table the cheap parser could not lay out as rows and columns to the VLM (reason <c>table</c>).
    /// Off by default: the present rule for "unclear" tables about doubles the pages sent to the VLM on LaTeX manuals.
    /// </summary>
    public bool RouteUnclearTables { get; set; }

    /// <summary>The image-based formula detector (section Detector:Image), used when <see cref="Kind"/> is <c>image</c>.</summary>
    public ImageDetectorOptions Image { get; set; } = new();

    public IEnumerable<string> Validate(string section)
    {
        if (Kind is not (OnnxKind or NoneKind or ImageKind))
        {
            yield return $"{section}:Kind must be '{OnnxKind}', '{ImageKind}' or '{NoneKind}', not '{Kind}'";
        }

        if (Threshold is < 0 or > 1 || double.IsNaN(Threshold))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{section}:Threshold must be between 0 and 1, not {Threshold}");
        }

        if (MaxHardShare is < 0 or > 1 || double.IsNaN(MaxHardShare))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{section}:MaxHardShare must be between 0 and 1, not {MaxHardShare}");
        }

        if (MinTextChars < 0)
        {
            yield return $"{section}:MinTextChars must be 0 or more";
        }

        if (Kind == OnnxKind && string.IsNullOrWhiteSpace(ModelPath))
        {
            yield return $"{section}:ModelPath is required when Detector:Kind is 'onnx'";
        }

        foreach (var error in Image.Validate($"{section}:Image", required: Kind == ImageKind))
        {
            yield return error;
        }
    }
}

/// <summary>No model: only the rule that pages without a usable text layer are hard.</summary>
public sealed class TextLayerOnlyDetector : IHardPageDetector
{
    public string Name => "text_layer_rule";

    public HardPageVerdict Detect(PageFeatures features) =>
        features.NoTextLayer ? new HardPageVerdict(1, true, ["no_text_layer"]) : new HardPageVerdict(0, false, []);
}
