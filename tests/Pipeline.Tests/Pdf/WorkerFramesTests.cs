using SciCurate.Parsers.Pdf;
using SciCurate.Pipeline.Pdf;

namespace SciCurate.Pipeline.Tests.Pdf;

public sealed class WorkerFramesTests
{
    [Fact]
    public void Response_ReadsBackExactly_NumbersBitForBit_AndALoneSurrogateKept()
    {
        var block = new TextBlock(BlockKind.Heading, 2, "Ünïcode \ud800 and ∫ dx", 0.1, 1.0 / 3, 612.000001, double.Epsilon, 9.95);
        var page = new PageResult(3, 612.5, 792.25, [block], 21, 12.345678901234, [0.1f, float.MaxValue, -0f], 0.3756000001, true,
            ["math_glyphs", "no_text_layer"], "onnx:abc", null);
        var failed = new PageResult(4, 0, 0, [], 0, 1, [], 1, true, ["page_error"], "onnx:abc", "page failed: boom");
        var response = new ChunkResponse(7, null, 12, [page, failed]);

        var frame = WorkerFrames.Frame(response);
        var back = WorkerFrames.ReadResponse(frame.AsSpan(4));

        Assert.Equal(frame.Length - 4, BitConverter.ToInt32(frame, 0));
        Assert.Equal((7L, (string?)null, 12, 2), (back.Id, back.Error, back.PageCount, back.Pages.Count));
        var p = back.Pages[0];
        Assert.Equal(page with { Blocks = p.Blocks, Features = p.Features, HardReasons = p.HardReasons }, p);
        Assert.Equal(block, Assert.Single(p.Blocks));
        Assert.Equal(page.Features, p.Features);
        Assert.Equal(page.HardReasons, p.HardReasons);
        Assert.Equal("page failed: boom", back.Pages[1].Error);
    }

    [Fact]
    public void Request_ReadsBack_AndACutFrameIsAnError_NotAWrongAnswer()
    {
        var frame = WorkerFrames.Frame(new ChunkRequest(9, "/data/ü.pdf", 17, 32));

        Assert.Equal(new ChunkRequest(9, "/data/ü.pdf", 17, 32), WorkerFrames.ReadRequest(frame.AsSpan(4)));
        Assert.ThrowsAny<IOException>(() => WorkerFrames.ReadRequest(frame.AsSpan(4, frame.Length - 6)));
    }
}
