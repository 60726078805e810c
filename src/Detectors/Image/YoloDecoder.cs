using System.Globalization;
using System.Text.RegularExpressions;

namespace SciCurate.Detectors.Image;

/// <summary>How a YOLO-style ONNX model lays out its raw detections.</summary>
public enum YoloLayout
{
    /// <summary>YOLOv8/YOLO11: <c>[1, 4+nc, N]</c>, rows cx, cy, w, h then one score per class, no objectness.</summary>
    ChannelsFirst,

    /// <summary>YOLOv5: <c>[1, N, 5+nc]</c>, each detection cx, cy, w, h, objectness, class scores (score = obj × cls).</summary>
    AnchorsFirst,
}

/// <summary>One detection: corners in input pixels (letterbox) or as fractions of the page, class and score.</summary>
public readonly record struct DetectedBox(double X1, double Y1, double X2, double Y2, int Class, float Score)
{
    public double Area => Math.Max(0, X2 - X1) * Math.Max(0, Y2 - Y1);
}

/// <summary>Decodes raw YOLO output into boxes: layout from the shape, best class per candidate, threshold, class-wise NMS.</summary>
public static partial class YoloDecoder
{
    /// <summary>Candidates kept for NMS and detections kept after it (Ultralytics' max_nms and max_det).</summary>
    public const int MaxCandidates = 30000;
    public const int MaxDetections = 300;

    /// <summary>
    /// The layout of an output of shape [1, d1, d2]. With the class count known (model metadata), the dimension that
    /// equals 4+nc (v8) or 5+nc (v5) decides; without it, the smaller dimension holds the channels, as N (thousands
    /// of anchors) dwarfs 4+nc. Null when the shape fits neither.
    /// Ultralytics exports carry the class names, so their layout never rests on the guess.
    /// </summary>
    public static (YoloLayout Layout, int Classes)? InferLayout(long d1, long d2, int? classes)
    {
        if (classes is > 0 and var nc)
        {
            if (d1 == 4 + nc && d2 >= 1)
            {
                return (YoloLayout.ChannelsFirst, nc);
            }

            if (d2 == 5 + nc && d1 >= 1)
            {
                return (YoloLayout.AnchorsFirst, nc);
            }

            return null;
        }

        if (d1 <= d2 && d1 >= 5)
        {
            return (YoloLayout.ChannelsFirst, (int)d1 - 4);
        }

        if (d2 < d1 && d2 >= 6)
        {
            return (YoloLayout.AnchorsFirst, (int)d2 - 5);
        }

        // Fewer anchors than channels (tiny inputs): only the v8 reading remains.
        return d1 >= 5 && d2 >= 1 ? (YoloLayout.ChannelsFirst, (int)d1 - 4) : null;
    }

    /// <summary>
    /// The class count from an Ultralytics export's <c>names</c> metadata (<c>{0: 'inline', 1: 'isolated'}</c>), or null.
    /// </summary>
    public static int? ClassesFromNames(string? names) =>
        string.IsNullOrWhiteSpace(names) ? null : NameEntry().Count(names) is > 0 and var n ? n : null;

    [GeneratedRegex(@"(?<=[{,]\s*)['""]?\d+['""]?\s*:")]
    private static partial Regex NameEntry();

    /// <summary>
    /// Detections in <paramref name="output"/> (shape [1, d1, d2]) whose best class is one of <paramref name="keep"/>
    /// and whose score is above <paramref name="scoreThreshold"/>, after class-wise non-maximum suppression; corners
    /// in input pixels, best first.
    /// </summary>
    public static List<DetectedBox> Decode(ReadOnlySpan<float> output, YoloLayout layout, int classes, int d1, int d2,
        double scoreThreshold, double nmsIou, IReadOnlySet<int>? keep = null)
    {
        var expected = (long)d1 * d2;
        if (output.Length < expected)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"output holds {output.Length} values, shape [1, {d1}, {d2}] needs {expected}"), nameof(output));
        }

        var candidates = new List<DetectedBox>();
        if (layout == YoloLayout.ChannelsFirst)
        {
            var n = d2;
            for (var i = 0; i < n; i++)
            {
                var best = 0;
                var score = float.NegativeInfinity;
                for (var c = 0; c < classes; c++)
                {
                    var s = output[((4 + c) * n) + i];
                    if (s > score)
                    {
                        score = s;
                        best = c;
                    }
                }

                if (score > scoreThreshold && (keep is null || keep.Contains(best)))
                {
                    candidates.Add(Corners(output[i], output[n + i], output[(2 * n) + i], output[(3 * n) + i], best, score));
                }
            }
        }
        else
        {
            var stride = d2;
            for (var i = 0; i < d1; i++)
            {
                var row = output.Slice(i * stride, stride);
                var objectness = row[4];
                if (!(objectness > scoreThreshold))
                {
                    continue;
                }

                var best = 0;
                var score = float.NegativeInfinity;
                for (var c = 0; c < classes; c++)
                {
                    var s = row[5 + c] * objectness;
                    if (s > score)
                    {
                        score = s;
                        best = c;
                    }
                }

                if (score > scoreThreshold && (keep is null || keep.Contains(best)))
                {
                    candidates.Add(Corners(row[0], row[1], row[2], row[3], best, score));
                }
            }
        }

        return Suppress(candidates, nmsIou);
    }

    /// <summary>Greedy non-maximum suppression per class: a box overlapping a better box of its class by IoU above the limit goes.</summary>
    public static List<DetectedBox> Suppress(List<DetectedBox> boxes, double nmsIou)
    {
        boxes.Sort((a, b) => b.Score.CompareTo(a.Score));
        if (boxes.Count > MaxCandidates)
        {
            boxes.RemoveRange(MaxCandidates, boxes.Count - MaxCandidates);
        }

        var kept = new List<DetectedBox>();
        foreach (var box in boxes)
        {
            var suppressed = false;
            foreach (var k in kept)
            {
                if (k.Class == box.Class && IoU(k, box) > nmsIou)
                {
                    suppressed = true;
                    break;
                }
            }

            if (!suppressed)
            {
                kept.Add(box);
                if (kept.Count == MaxDetections)
                {
                    break;
                }
            }
        }

        return kept;
    }

    public static double IoU(DetectedBox a, DetectedBox b)
    {
        var w = Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1);
        var h = Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1);
        if (w <= 0 || h <= 0)
        {
            return 0;
        }

        var inter = w * h;
        var union = a.Area + b.Area - inter;
        return union <= 0 ? 0 : inter / union;
    }

    private static DetectedBox Corners(float cx, float cy, float w, float h, int cls, float score) =>
        new(cx - (w / 2.0), cy - (h / 2.0), cx + (w / 2.0), cy + (h / 2.0), cls, score);
}
