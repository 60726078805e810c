using SciCurate.Detectors.Image;
using SciCurate.Parsers.Rendering;
using SciCurate.TestSupport;

namespace SciCurate.Detectors.Tests.Image;

public sealed class YoloFormulaDetectorTests : IDisposable
{
    private readonly TinyYolo _models = new();

    public void Dispose() => _models.Dispose();

    private static RgbImage White(int width = TinyYolo.Size, int height = TinyYolo.Size) => RgbImage.Filled(width, height, 255, 255, 255);

    [Fact]
    public void Find_DecodesV8Layout_KeepingFormulaClassesAboveTheScoreThreshold()
    {
        var model = _models.V8(3,
            new RawBox(16, 16, 8, 8, 0.9f, 0.1f, 0.0f),   // inline formula
            new RawBox(48, 40, 16, 4, 0.0f, 0.6f, 0.1f),  // isolated formula
            new RawBox(48, 8, 8, 8, 0.2f, 0.1f, 0.0f),    // below 0.25
            new RawBox(8, 56, 8, 8, 0.1f, 0.0f, 0.95f));  // class 2: not a formula class
        using var detector = new YoloFormulaDetector(model, TinyYolo.Options());

        var boxes = detector.Find(White());

        Assert.Equal(YoloLayout.ChannelsFirst, detector.Layout);
        Assert.Equal(3, detector.Classes);
        Assert.Equal(2, boxes.Count);
        Assert.Equal((0, 0.9f), (boxes[0].Class, boxes[0].Score));
        Assert.Equal(12 / 64.0, boxes[0].X1, 6);
        Assert.Equal(20 / 64.0, boxes[0].Y2, 6);
        Assert.Equal((1, 0.6f), (boxes[1].Class, boxes[1].Score));
        Assert.Equal(40 / 64.0, boxes[1].X1, 6);
        Assert.Equal(42 / 64.0, boxes[1].Y2, 6);
    }

    [Fact]
    public void Find_DecodesV5Layout_ScoringObjectnessTimesClass()
    {
        var model = _models.V5(2,
            new RawBox(32, 32, 32, 16, 0.9f, 0.5f, 0.1f),  // 0.45: kept
            new RawBox(10, 10, 4, 4, 0.3f, 0.1f, 0.8f),    // 0.24: both parts above 0.25, product below
            new RawBox(50, 50, 4, 4, 0.2f, 1.0f, 0.0f));   // objectness below 0.25
        using var detector = new YoloFormulaDetector(model, TinyYolo.Options());

        var box = Assert.Single(detector.Find(White()));

        Assert.Equal(YoloLayout.AnchorsFirst, detector.Layout);
        Assert.Equal(2, detector.Classes);
        Assert.Equal(0, box.Class);
        Assert.Equal(0.45f, box.Score, 5);
        Assert.Equal((16 / 64.0, 24 / 64.0, 48 / 64.0, 40 / 64.0), (box.X1, box.Y1, box.X2, box.Y2));
    }

    [Fact]
    public void Find_SuppressesOverlappingBoxesOfOneClass_AndKeepsOtherClasses()
    {
        var model = _models.V8(2,
            new RawBox(20, 20, 20, 10, 0.9f, 0.0f),
            new RawBox(21, 20, 20, 10, 0.8f, 0.0f),   // IoU ≈ 0.9 with the first, same class: suppressed
            new RawBox(20, 21, 20, 10, 0.0f, 0.7f),   // same place, other class: kept
            new RawBox(50, 50, 10, 10, 0.5f, 0.0f),   // same class, no overlap: kept
            new RawBox(26, 20, 20, 10, 0.6f, 0.0f));  // IoU 0.54 with the first: suppressed at 0.45, kept at 0.6
        using var strict = new YoloFormulaDetector(model, TinyYolo.Options());
        using var loose = new YoloFormulaDetector(model, TinyYolo.Options(o => o.NmsIou = 0.6));

        var boxes = strict.Find(White());

        Assert.Equal([0.9f, 0.7f, 0.5f], boxes.Select(b => b.Score));
        Assert.Equal([0, 1, 0], boxes.Select(b => b.Class));
        Assert.Equal([0.9f, 0.7f, 0.6f, 0.5f], loose.Find(White()).Select(b => b.Score));
    }

    [Fact]
    public void Find_MapsLetterboxedBoxesBackToTheNonSquarePage()
    {
        // A portrait page 40×80 fits the 64 square at scale 0.8 as 32×64, centred with 16 px of grey on each side.
        var model = _models.V8(2, new RawBox(32, 16, 32, 32, 0.9f, 0.0f), new RawBox(20, 56, 8, 16, 0.0f, 0.8f));
        using var detector = new YoloFormulaDetector(model, TinyYolo.Options());

        var boxes = detector.Find(White(40, 80));

        Assert.Equal((0.0, 0.0, 1.0, 0.5), (boxes[0].X1, boxes[0].Y1, boxes[0].X2, boxes[0].Y2));
        // x 16..24 in the square is 0..8 on the page, 0..10 px of 40: clipped at the left edge; y 48..64 → 60..80 of 80.
        Assert.Equal(0.0, boxes[1].X1, 6);
        Assert.Equal(0.25, boxes[1].X2, 6);
        Assert.Equal(0.75, boxes[1].Y1, 6);
        Assert.Equal(1.0, boxes[1].Y2, 6);

        var letterbox = Letterbox.For(40, 80, 64);
        Assert.Equal((0.8, 32, 64, 16, 0), (letterbox.Scale, letterbox.ScaledWidth, letterbox.ScaledHeight, letterbox.PadLeft, letterbox.PadTop));
        var landscape = Letterbox.For(100, 50, 64);
        Assert.Equal((64, 32, 0, 16), (landscape.ScaledWidth, landscape.ScaledHeight, landscape.PadLeft, landscape.PadTop));
    }

    [Fact]
    public void Find_FeedsTheModelRgbOver255_LetterboxedWithGrey114()
    {
        using var detector = new YoloFormulaDetector(_models.Save(MeanScoringModel()), TinyYolo.Options(o => o.ScoreThreshold = 0.01));

        var red = detector.Find(RgbImage.Filled(64, 64, 255, 0, 0));
        var halfWhite = detector.Find(White(32, 64));
        var halfBlack = detector.Find(RgbImage.Filled(64, 32, 0, 0, 0));

        Assert.Equal(1 / 3.0, Assert.Single(red).Score, 4);
        Assert.Equal((1 + (114 / 255.0)) / 2, Assert.Single(halfWhite).Score, 4);
        Assert.Equal(114 / 255.0 / 2, Assert.Single(halfBlack).Score, 4);
    }

    [Fact]
    public void Find_ResizesLargerImagesBilinearly_BeforeLetterboxing()
    {
        using var detector = new YoloFormulaDetector(_models.Save(MeanScoringModel()), TinyYolo.Options(o => o.ScoreThreshold = 0.01));
        // 256×128, left quarter white: at scale 0.25 the 64×32 image keeps a white quarter, the rest black, plus 32 rows of grey.
        var pixels = new byte[256 * 128 * 3];
        for (var y = 0; y < 128; y++)
        {
            Array.Fill(pixels, (byte)255, y * 256 * 3, 64 * 3);
        }

        var mean = Assert.Single(detector.Find(new RgbImage(256, 128, pixels))).Score;

        Assert.Equal((0.25 / 2) + (114 / 255.0 / 2), mean, 3);
    }

    [Fact]
    public void Find_Decodes_WhenTheModelDeclaresDynamicShapes()
    {
        var data = TinyYolo.V8Data(2, [new RawBox(32, 32, 16, 16, 0.1f, 0.9f), new RawBox(8, 8, 4, 4, 0.8f, 0.0f)]);
        var graph = new OnnxGraph()
            .Input("images", [-1, 3, -1, -1])
            .Output("output0", [-1, -1, -1])
            .Initializer("detections", [1, 6, 2], data)
            .Initializer("zero", [], [0f])
            .Node("ReduceSum", ["images"], ["total"], ("keepdims", 0))
            .Node("Mul", ["total", "zero"], ["nothing"])
            .Node("Add", ["detections", "nothing"], ["output0"]);
        using var detector = new YoloFormulaDetector(_models.Save(graph), TinyYolo.Options());

        var boxes = detector.Find(White());

        Assert.Equal([1, 0], boxes.Select(b => b.Class));
        Assert.Equal([0.9f, 0.8f], boxes.Select(b => b.Score));
    }

    /// <summary>One box whose class-0 score is the mean of the input tensor: the test sees what preprocessing produced.</summary>
    private static OnnxGraph MeanScoringModel() => new OnnxGraph()
        .Input("images", [1, 3, TinyYolo.Size, TinyYolo.Size])
        .Output("output0", [1, 6, 1])
        .Initializer("box", [1, 4, 1], [32, 32, 16, 16])
        .Initializer("ones", [1, 1, 1], [1])
        .Initializer("other", [1, 1, 1], [0])
        .Node("ReduceMean", ["images"], ["mean"], ("keepdims", 0))
        .Node("Mul", ["ones", "mean"], ["score"])
        .Node("Concat", ["box", "score", "other"], ["output0"], ("axis", 1));

    [Fact]
    public void ScoreThreshold_DecidesWhichDetectionsCount()
    {
        var model = _models.V8(2, new RawBox(32, 32, 16, 16, 0.4f, 0.0f), new RawBox(10, 10, 8, 8, 0.0f, 0.3f));

        using var lenient = new YoloFormulaDetector(model, TinyYolo.Options(o => o.ScoreThreshold = 0.25));
        using var strict = new YoloFormulaDetector(model, TinyYolo.Options(o => o.ScoreThreshold = 0.35));
        using var inlineOnly = new YoloFormulaDetector(model, TinyYolo.Options(o => o.FormulaClasses = [0]));

        Assert.Equal(2, lenient.Find(White()).Count);
        Assert.Equal(0.4f, Assert.Single(strict.Find(White())).Score);
        Assert.Equal(0, Assert.Single(inlineOnly.Find(White())).Class);
    }

    [Fact]
    public void Verdict_IsHardAtTheAreaThreshold_WithAMonotoneScore()
    {
        using var detector = new YoloFormulaDetector(_models.V8(2, new RawBox(1, 1, 1, 1, 0, 0)), TinyYolo.Options(o => o.AreaThreshold = 0.02));
        static DetectedBox Box(double side) => new(0, 0, side, side, 0, 0.9f);

        var none = detector.Verdict([]);
        var small = detector.Verdict([Box(0.1)]);                  // 0.01 of the page
        var two = detector.Verdict([Box(0.1), Box(0.1)]);          // 0.02: at the threshold
        var big = detector.Verdict([Box(0.5)]);                    // 0.25

        Assert.Equal((0.0, false), (none.Score, none.Hard));
        Assert.Empty(none.Reasons);
        Assert.False(small.Hard);
        Assert.Equal(0.25, small.Score, 6);
        Assert.True(two.Hard);
        Assert.Equal(0.5, two.Score, 6);
        Assert.Equal(["formula_area"], two.Reasons);
        Assert.Equal(1.0, big.Score);

        using var counting = new YoloFormulaDetector(_models.V8(2, new RawBox(1, 1, 1, 1, 0, 0)), TinyYolo.Options(o => { o.AreaThreshold = 0.5; o.MinBoxes = 3; }));
        var many = counting.Verdict([Box(0.01), Box(0.01), Box(0.01)]);
        Assert.True(many.Hard);
        Assert.Equal(["formula_boxes"], many.Reasons);
        Assert.False(counting.Verdict([Box(0.01), Box(0.01)]).Hard);
    }

    [Fact]
    public void Detect_OnARenderedPdfPage_IsHardWithABigFormulaBox_AndCheapWithNone()
    {
        var pdf = TestFiles.Pdf("math_2503_04086.pdf");
        var features = TestFiles.Features("math_2503_04086.pdf");
        var source = new PageSource(pdf, 1, 595.276, 841.89);
        using var formula = new YoloFormulaDetector(_models.V8(2, new RawBox(32, 32, 30, 10, 0.0f, 0.8f)), TinyYolo.Options());
        using var nothing = new YoloFormulaDetector(_models.V8(2, new RawBox(32, 32, 30, 10, 0.1f, 0.1f)), TinyYolo.Options());

        var hard = formula.Detect(features, source);
        var cheap = nothing.Detect(features, source);

        Assert.True(hard.Hard);
        Assert.Equal(["formula_area"], hard.Reasons);
        Assert.Equal(1.0, hard.Score);
        Assert.False(cheap.Hard, string.Join(",", cheap.Reasons));
        Assert.Equal(0.0, cheap.Score);
        Assert.Empty(cheap.Reasons);
        Assert.StartsWith("image:model", formula.Name, StringComparison.Ordinal);
        Assert.Matches("@[0-9a-f]{12}$", formula.Name);
        Assert.NotEqual(formula.Name, nothing.Name);
    }

    [Fact]
    public void Detect_PageWithoutTextLayer_IsHard_AndUnrenderablePage_IsHardWithRenderFailed()
    {
        using var nothing = new YoloFormulaDetector(_models.V8(2, new RawBox(32, 32, 30, 10, 0.1f, 0.1f)), TinyYolo.Options());
        var scan = TestFiles.Features("edgar_image.pdf");
        var text = TestFiles.Features("multi_column_miss.pdf");
        var notPdf = Path.Combine(Path.GetDirectoryName(TestFiles.Pdf("README.md"))!, "README.md");

        var scanVerdict = nothing.Detect(scan, new PageSource(TestFiles.Pdf("edgar_image.pdf"), 1, 612, 792));
        var broken = nothing.Detect(text, new PageSource(notPdf, 1, 612, 792));
        var missingPage = nothing.Detect(text, new PageSource(TestFiles.Pdf("multi_column_miss.pdf"), 99, 612, 792));

        Assert.Equal((1.0, true), (scanVerdict.Score, scanVerdict.Hard));
        Assert.Equal(["no_text_layer"], scanVerdict.Reasons);
        Assert.Equal(["render_failed"], broken.Reasons);
        Assert.True(broken.Hard);
        Assert.Equal(["render_failed"], missingPage.Reasons);
        Assert.Throws<InvalidOperationException>(() => nothing.Detect(text));
    }

    [Trait("Category", "Slow")]
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Detect_RendererOverTheTimeLimit_IsKilled_AndThePageIsHard()
    {
        var dir = Directory.CreateTempSubdirectory("slow-render-").FullName;
        try
        {
            var script = Path.Combine(dir, "pdftoppm");
            var pidFile = Path.Combine(dir, "pid");
            File.WriteAllText(script, $"#!/bin/sh\necho $$ > '{pidFile}'\nexec sleep 60\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            using var detector = new YoloFormulaDetector(_models.V8(2, new RawBox(32, 32, 30, 10, 0.9f, 0.1f)),
                TinyYolo.Options(o => o.RenderTimeoutSeconds = 1), script);
            var clock = System.Diagnostics.Stopwatch.StartNew();

            var verdict = detector.Detect(TestFiles.Features("multi_column_miss.pdf"), new PageSource(TestFiles.Pdf("multi_column_miss.pdf"), 1, 612, 792));

            Assert.Equal(["render_failed"], verdict.Reasons);
            // Not a speed check: well short of the hung renderer's own 60 s, so it was killed, not waited for.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(50), $"took {clock.Elapsed}");
            var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(Directory.Exists($"/proc/{pid}"), $"renderer {pid} still running");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Renderer_WritesRgbOfThePage_LongerSideAtTheRequestedSize()
    {
        var render = new PdftoppmRgbRenderer().Render(TestFiles.Pdf("math_2503_04086.pdf"), 1, 256, TimeSpan.FromSeconds(30));

        Assert.Null(render.Error);
        Assert.Equal(256, render.Image!.Height);
        Assert.InRange(render.Image.Width, 180, 182); // A4: 256 × 595/842
        var dark = 0;
        for (var i = 0; i < render.Image.Pixels.Length; i += 3)
        {
            dark += render.Image.Pixels[i] < 128 ? 1 : 0;
        }

        Assert.InRange(dark, 100, render.Image.Width * render.Image.Height / 4); // text, on mostly white paper
    }
}
