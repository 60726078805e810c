using System.Globalization;
using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;
using SciCurate.Parsers.Rendering;

namespace SciCurate.Detectors.Image;

/// <summary>
/// Hard-page detection with a user-supplied YOLO-style formula-detection (MFD) model in ONNX, for example
/// PDF-Extract-Kit's YOLOv8 MFD (classes 0 inline, 1 isolated): the page is rendered with pdftoppm so its longer side
/// fills the model input, letterboxed as Ultralytics does, and the model's boxes decoded with class-wise NMS. The page
/// is hard when formula boxes cover at least <see cref="ImageDetectorOptions.AreaThreshold"/> of it (or, when set,
/// there are at least <see cref="ImageDetectorOptions.MinBoxes"/>). Pages with no text layer are always hard, and a
/// page that cannot be rendered is hard too (reason <c>render_failed</c>): the VLM gets to look at it.
/// One instance serves one thread at a time (it reuses its input buffer and renders ahead); each parse worker has its own.
/// </summary>
public sealed class YoloFormulaDetector : IPageImageDetector, IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly ImageDetectorOptions _options;
    private readonly PdftoppmRgbRenderer _renderer;
    private readonly string _input;
    private readonly string _output;
    private readonly HashSet<int> _formulaClasses;
    private readonly float[] _buffer;
    private readonly Lock _lock = new();
    private readonly Dictionary<int, string> _batchFiles = [];
    private string? _batchPdf;
    private string? _batchDir;
    private int _singleUntil;

    public YoloFormulaDetector(string modelPath, ImageDetectorOptions options, string pdftoppm = "pdftoppm")
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _renderer = new PdftoppmRgbRenderer(pdftoppm);
        if (!File.Exists(modelPath))
        {
            throw new DetectorModelException($"image detector model not found: {modelPath} (Detector:Image:ModelPath)");
        }

        var sessionOptions = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        try
        {
            _session = new InferenceSession(modelPath, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new DetectorModelException($"image detector model {modelPath} is not a loadable ONNX model: {e.Message}", e);
        }
        finally
        {
            sessionOptions.Dispose();
        }

        try
        {
            (_input, _output, Layout, Classes) = Inspect(modelPath, _session, options.InputSize);
        }
        catch
        {
            _session.Dispose();
            throw;
        }

        _formulaClasses = [.. options.EffectiveFormulaClasses];
        if (Classes is int nc && _formulaClasses.FirstOrDefault(c => c >= nc, -1) is var bad && bad >= 0)
        {
            _session.Dispose();
            throw new DetectorModelException(string.Create(CultureInfo.InvariantCulture,
                $"image detector model {modelPath} has {nc} classes (0..{nc - 1}), Detector:Image:FormulaClasses names class {bad}"));
        }

        _buffer = new float[3 * options.InputSize * options.InputSize];
        using (var stream = File.OpenRead(modelPath))
        {
            Name = "image:" + Path.GetFileName(modelPath) + "@" + Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
        }
    }

    public string Name { get; }

    /// <summary>The output layout read from the model's static output shape, or null when it is only known per run.</summary>
    public YoloLayout? Layout { get; }

    /// <summary>The class count (model metadata or static output shape), or null when only known per run.</summary>
    public int? Classes { get; }

    /// <summary>An image detector needs the page: use <see cref="Detect(PageFeatures, PageSource)"/>.</summary>
    public HardPageVerdict Detect(PageFeatures features) =>
        throw new InvalidOperationException($"{Name} looks at the rendered page: call Detect(features, source)");

    public HardPageVerdict Detect(PageFeatures features, PageSource source)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(source);
        if (features.NoTextLayer)
        {
            return new HardPageVerdict(1, true, ["no_text_layer"]);
        }

        var image = RenderPage(source);
        return image is null ? new HardPageVerdict(1, true, ["render_failed"]) : Verdict(Find(image));
    }

    /// <summary>
    /// The page's pixels, from the batch rendered ahead when there is one (pages up to <see cref="PageSource.LastPage"/>,
    /// at most RenderBatchPages in one pdftoppm call), else rendered on its own; null when it cannot be rendered.
    /// After a failed batch the rest of its pages are rendered one by one, so one bad page costs one time-out, not many.
    /// </summary>
    internal RgbImage? RenderPage(PageSource source)
    {
        var timeout = TimeSpan.FromSeconds(_options.RenderTimeoutSeconds);
        var page = source.PageNumber;
        if (_batchPdf != source.PdfPath)
        {
            ClearBatch();
            _batchPdf = source.PdfPath;
        }

        var last = Math.Min(source.LastPage, page + _options.RenderBatchPages - 1);
        if (!_batchFiles.ContainsKey(page) && last > page && page > _singleUntil)
        {
            ClearBatch();
            _batchDir ??= CreateBatchDirectory();
            var (files, error) = _renderer.RenderRange(source.PdfPath, page, last, _options.InputSize, timeout, _batchDir);
            foreach (var (n, file) in files)
            {
                _batchFiles[n] = file;
            }

            if (error is not null)
            {
                _singleUntil = last;
            }
        }

        if (_batchFiles.Remove(page, out var rendered))
        {
            try
            {
                return RgbImage.ParsePpm(File.ReadAllBytes(rendered));
            }
            catch (Exception e) when (e is FormatException or IOException)
            {
                // A file cut short by a killed batch: render the page on its own below.
            }
            finally
            {
                File.Delete(rendered);
            }
        }

        return _renderer.Render(source.PdfPath, page, _options.InputSize, timeout).Image;
    }

    public const string BatchDirectoryPrefix = "curate-mfd-";

    /// <summary>
    /// A temporary folder named after this process. A parse worker killed at its time limit cannot clean up, so folders
    /// left by processes that no longer exist are removed first (Linux: a process exists while /proc/&lt;pid&gt; does).
    /// </summary>
    private static string CreateBatchDirectory()
    {
        if (OperatingSystem.IsLinux())
        {
            foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), BatchDirectoryPrefix + "*"))
            {
                var rest = Path.GetFileName(dir)[BatchDirectoryPrefix.Length..];
                var dash = rest.IndexOf('-', StringComparison.Ordinal);
                if (dash > 0 && int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !Directory.Exists($"/proc/{pid}"))
                {
                    try
                    {
                        Directory.Delete(dir, recursive: true);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // Another worker got there first, or not ours to remove.
                    }
                }
            }
        }

        return Directory.CreateTempSubdirectory(BatchDirectoryPrefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-").FullName;
    }

    /// <summary>Where pages rendered ahead wait (tests check it is emptied and removed).</summary>
    internal string? BatchDirectory => _batchDir;

    private void ClearBatch()
    {
        foreach (var file in _batchFiles.Values)
        {
            File.Delete(file);
        }

        _batchFiles.Clear();
        _singleUntil = 0;
    }

    /// <summary>Formula boxes on an image, as fractions of it (0..1), best first.</summary>
    public IReadOnlyList<DetectedBox> Find(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var size = _options.InputSize;
        var letterbox = Letterbox.For(image.Width, image.Height, size);
        List<DetectedBox> boxes;
        lock (_lock)
        {
            letterbox.Fill(image, _buffer);
            using var tensor = OrtValue.CreateTensorValueFromMemory(_buffer, [1, 3, size, size]);
            using var results = _session.Run(_runOptions, [_input], [tensor], [_output]);
            var shape = results[0].GetTensorTypeAndShape().Shape;
            if (shape.Length != 3 || shape[0] != 1 || InferLayout(shape[1], shape[2]) is not var (layout, classes))
            {
                throw new InvalidOperationException($"{Name} returned output of shape [{string.Join(", ", shape)}], neither [1, 4+nc, N] nor [1, N, 5+nc]");
            }

            boxes = YoloDecoder.Decode(results[0].GetTensorDataAsSpan<float>(), layout, classes, (int)shape[1], (int)shape[2],
                _options.ScoreThreshold, _options.NmsIou, _formulaClasses);
        }

        var mapped = new List<DetectedBox>(boxes.Count);
        foreach (var b in boxes)
        {
            var (x1, y1, x2, y2) = letterbox.ToImageFraction(b.X1, b.Y1, b.X2, b.Y2);
            if (x2 > x1 && y2 > y1)
            {
                mapped.Add(new DetectedBox(x1, y1, x2, y2, b.Class, b.Score));
            }
        }

        return mapped;
    }

    /// <summary>
    /// The verdict for formula boxes given as page fractions. Formula area is the sum of the boxes' areas (clipped to
    /// the page; overlaps, rare after NMS, count twice), capped at 1. Score = min(1, 0.5 × area / AreaThreshold), or
    /// the same mapping of the box count against MinBoxes when that is higher, so a score of 0.5 is the hard line.
    /// </summary>
    public HardPageVerdict Verdict(IReadOnlyList<DetectedBox> formulaBoxes)
    {
        ArgumentNullException.ThrowIfNull(formulaBoxes);
        var area = Math.Min(1, formulaBoxes.Sum(b => b.Area));
        var byArea = area >= _options.AreaThreshold;
        var byCount = _options.MinBoxes > 0 && formulaBoxes.Count >= _options.MinBoxes;
        var score = Math.Min(1, 0.5 * area / _options.AreaThreshold);
        if (_options.MinBoxes > 0)
        {
            score = Math.Max(score, Math.Min(1, 0.5 * formulaBoxes.Count / _options.MinBoxes));
        }

        List<string> reasons = [];
        if (byArea)
        {
            reasons.Add("formula_area");
        }

        if (byCount)
        {
            reasons.Add("formula_boxes");
        }

        return new HardPageVerdict(score, byArea || byCount, reasons);
    }

    private (YoloLayout, int)? InferLayout(long d1, long d2) => YoloDecoder.InferLayout(d1, d2, Classes);

    private static (string Input, string Output, YoloLayout? Layout, int? Classes) Inspect(string modelPath, InferenceSession session, int inputSize)
    {
        if (session.InputMetadata.Count != 1)
        {
            throw new DetectorModelException($"image detector model {modelPath} has {session.InputMetadata.Count} inputs ({string.Join(", ", session.InputMetadata.Keys)}); expected one image input [1, 3, H, W]");
        }

        var (input, inMeta) = session.InputMetadata.First();
        var dims = inMeta.Dimensions;
        if (!inMeta.IsTensor || inMeta.ElementType != typeof(float) || dims.Length != 4 || dims[0] is not (1 or -1) || dims[1] != 3)
        {
            throw new DetectorModelException($"image detector model {modelPath} input '{input}' is {Describe(inMeta)}; expected float [1, 3, H, W] (RGB, NCHW)");
        }

        if ((dims[2] > 0 && dims[2] != inputSize) || (dims[3] > 0 && dims[3] != inputSize))
        {
            throw new DetectorModelException(string.Create(CultureInfo.InvariantCulture,
                $"image detector model {modelPath} takes {dims[2]}×{dims[3]} images, Detector:Image:InputSize is {inputSize}; set InputSize to the model's size"));
        }

        if (session.OutputMetadata.Count < 1)
        {
            throw new DetectorModelException($"image detector model {modelPath} has no outputs");
        }

        // Ultralytics exports the class names as metadata; other exporters may not, then the shape alone decides.
        session.ModelMetadata.CustomMetadataMap.TryGetValue("names", out var names);
        var classes = YoloDecoder.ClassesFromNames(names);
        var (output, outMeta) = session.OutputMetadata.First();
        var od = outMeta.Dimensions;
        if (!outMeta.IsTensor || outMeta.ElementType != typeof(float) || od.Length != 3 || od[0] is not (1 or -1))
        {
            throw new DetectorModelException($"image detector model {modelPath} output '{output}' is {Describe(outMeta)}; expected float [1, 4+nc, N] (YOLOv8/11) or [1, N, 5+nc] (YOLOv5)");
        }

        if (od[1] > 0 && od[2] > 0)
        {
            if (YoloDecoder.InferLayout(od[1], od[2], classes) is not var (layout, nc))
            {
                throw new DetectorModelException(string.Create(CultureInfo.InvariantCulture,
                    $"image detector model {modelPath} output '{output}' is [1, {od[1]}, {od[2]}]{(classes is int k ? $" with {k} classes in its metadata" : "")}; cannot decode it as [1, 4+nc, N] (YOLOv8/11) or [1, N, 5+nc] (YOLOv5)"));
            }

            return (input, output, layout, nc);
        }

        return (input, output, null, classes);
    }

    private static string Describe(NodeMetadata meta) => meta.IsTensor
        ? $"{meta.ElementType.Name} [{string.Join(", ", meta.Dimensions)}]"
        : meta.OnnxValueType.ToString();

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
        if (_batchDir is not null && Directory.Exists(_batchDir))
        {
            Directory.Delete(_batchDir, recursive: true);
        }
    }
}
