using SciCurate.Detectors.Image;
using SciCurate.TestSupport;

namespace SciCurate.Detectors.Tests.Image;

/// <summary>A raw detection as a YOLO head writes it: centre, size (input pixels) and one score per class.</summary>
internal sealed record RawBox(float Cx, float Cy, float W, float H, params float[] Scores);

/// <summary>Tiny YOLO-shaped ONNX models built by the test (see <see cref="OnnxGraph"/>), saved in a temp folder.</summary>
internal sealed class TinyYolo : IDisposable
{
    public const int Size = 64;

    private readonly string _dir = Directory.CreateTempSubdirectory("tiny-yolo-").FullName;
    private int _count;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public string Save(OnnxGraph graph) => graph.Save(Path.Combine(_dir, $"model{++_count}.onnx"));

    /// <summary>YOLOv8/11 layout [1, 4+nc, N]: channel-major.</summary>
    public string V8(int classes, params RawBox[] boxes) =>
        Save(OnnxGraph.ConstantDetections([1, 4 + classes, boxes.Length], V8Data(classes, boxes), Size, names: Names(classes)));

    /// <summary>Class names as Ultralytics writes them into the model's metadata.</summary>
    public static string Names(int classes) =>
        "{" + string.Join(", ", Enumerable.Range(0, classes).Select(c => $"{c}: '{(c switch { 0 => "inline", 1 => "isolated", _ => "other" + c })}'")) + "}";

    public static float[] V8Data(int classes, RawBox[] boxes)
    {
        var n = boxes.Length;
        var data = new float[(4 + classes) * n];
        for (var i = 0; i < n; i++)
        {
            var b = boxes[i];
            float[] row = [b.Cx, b.Cy, b.W, b.H, .. b.Scores];
            for (var c = 0; c < 4 + classes; c++)
            {
                data[(c * n) + i] = row[c];
            }
        }

        return data;
    }

    /// <summary>YOLOv5 layout [1, N, 5+nc]: each row cx, cy, w, h, objectness, class scores (first score is objectness).</summary>
    public string V5(int classes, params RawBox[] boxes) =>
        Save(OnnxGraph.ConstantDetections([1, boxes.Length, 5 + classes], [.. boxes.SelectMany(b => (float[])[b.Cx, b.Cy, b.W, b.H, .. b.Scores])], Size, names: Names(classes)));

    public static ImageDetectorOptions Options(Action<ImageDetectorOptions>? change = null)
    {
        var options = new ImageDetectorOptions { InputSize = Size };
        change?.Invoke(options);
        return options;
    }
}
