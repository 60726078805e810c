using SciCurate.Detectors.Image;
using SciCurate.TestSupport;

namespace SciCurate.Detectors.Tests.Image;

/// <summary>Models that cannot serve as formula detectors fail at load with an error naming what differs.</summary>
public sealed class ImageDetectorModelTests : IDisposable
{
    private readonly TinyYolo _models = new();

    public void Dispose() => _models.Dispose();

    private static DetectorModelException Load(string model, ImageDetectorOptions? options = null) =>
        Assert.Throws<DetectorModelException>(() => new YoloFormulaDetector(model, options ?? TinyYolo.Options()).Dispose());

    [Fact]
    public void Load_RejectsAnInputThatIsNotAnRgbImageBatch()
    {
        var rank3 = _models.Save(OnnxGraph.ConstantDetections([1, 6, 2], new float[12], inputDims: [1, 64, 64]));
        var gray = _models.Save(OnnxGraph.ConstantDetections([1, 6, 2], new float[12], inputDims: [1, 1, 64, 64]));

        Assert.Contains("input 'images' is Single [1, 64, 64]; expected float [1, 3, H, W]", Load(rank3).Message, StringComparison.Ordinal);
        Assert.Contains("Single [1, 1, 64, 64]", Load(gray).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RejectsOutputsThatDecodeAsNeitherLayout()
    {
        var rank2 = _models.Save(OnnxGraph.ConstantDetections([6, 100], new float[600]));
        var tooFew = _models.Save(OnnxGraph.ConstantDetections([1, 4, 3], new float[12]));
        var namesDisagree = _models.Save(OnnxGraph.ConstantDetections([1, 7, 100], new float[700], names: "{0: 'inline', 1: 'isolated'}"));

        Assert.Contains("output 'output0' is Single [6, 100]; expected float [1, 4+nc, N] (YOLOv8/11) or [1, N, 5+nc] (YOLOv5)", Load(rank2).Message, StringComparison.Ordinal);
        Assert.Contains("output 'output0' is [1, 4, 3]; cannot decode", Load(tooFew).Message, StringComparison.Ordinal);
        Assert.Contains("[1, 7, 100] with 2 classes in its metadata", Load(namesDisagree).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReadsTheClassCountFromUltralyticsMetadata_WhenTheShapeIsAmbiguous()
    {
        // [1, 7, 6]: six anchors of a 3-class v8 head, or seven rows of a 1-class v5 head; the names settle it.
        var v8 = _models.Save(OnnxGraph.ConstantDetections([1, 7, 6], new float[42], names: TinyYolo.Names(3)));
        var v5 = _models.Save(OnnxGraph.ConstantDetections([1, 7, 6], new float[42]));

        using (var detector = new YoloFormulaDetector(v8, TinyYolo.Options()))
        {
            Assert.Equal((YoloLayout.ChannelsFirst, 3), (detector.Layout!.Value, detector.Classes!.Value));
        }

        Assert.Equal((YoloLayout.ChannelsFirst, 2), YoloDecoder.InferLayout(6, 8400, null));
        Assert.Equal((YoloLayout.AnchorsFirst, 2), YoloDecoder.InferLayout(25200, 7, null));
        Assert.Equal(2, YoloDecoder.ClassesFromNames("{0: 'inline', 1: 'isolated'}"));
        Assert.Contains("has 1 classes (0..0), Detector:Image:FormulaClasses names class 1", Load(v5).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RejectsMissingOrBrokenFiles_AndAnInputSizeTheModelDoesNotTake()
    {
        var model = _models.V8(2, new RawBox(1, 1, 1, 1, 0, 0));
        var garbage = Path.Combine(Path.GetDirectoryName(model)!, "garbage.onnx");
        File.WriteAllText(garbage, "not a model");

        Assert.Contains("image detector model not found", Load(garbage + ".missing").Message, StringComparison.Ordinal);
        Assert.Contains("is not a loadable ONNX model", Load(garbage).Message, StringComparison.Ordinal);
        Assert.Contains("takes 64×64 images, Detector:Image:InputSize is 1024", Load(model, new ImageDetectorOptions()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ValidateEachKey_ByName()
    {
        var good = new HardPageDetectorOptions { Kind = "image", Image = { ModelPath = "mfd.onnx" } };
        var bad = new HardPageDetectorOptions
        {
            Kind = "image",
            Image = { InputSize = 1000, ScoreThreshold = 1, NmsIou = 0, FormulaClasses = [-1], AreaThreshold = 0, MinBoxes = -1, RenderTimeoutSeconds = 0, RenderBatchPages = 0 },
        };

        Assert.Empty(good.Validate("Detector"));
        Assert.Equal([0, 1], good.Image.EffectiveFormulaClasses);
        var errors = bad.Validate("Detector").ToList();
        foreach (var key in new[] { "ModelPath", "InputSize", "ScoreThreshold", "NmsIou", "FormulaClasses", "AreaThreshold", "MinBoxes", "RenderTimeoutSeconds", "RenderBatchPages" })
        {
            Assert.Single(errors, e => e.StartsWith($"Detector:Image:{key} ", StringComparison.Ordinal));
        }

        Assert.Empty(new HardPageDetectorOptions().Validate("Detector"));
        Assert.Contains("'onnx', 'image' or 'none'", Assert.Single(new HardPageDetectorOptions { Kind = "yolo" }.Validate("Detector")), StringComparison.Ordinal);
    }
}
