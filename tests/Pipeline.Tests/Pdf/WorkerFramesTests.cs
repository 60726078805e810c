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

    [Fact]
    public void FinishRequest_AndItsAnswer_ReadBack_AndTheWorkersTextIsTheMainProcesssText()
    {
        // Two pages of a report with a running header, the second read by the VLM: what a worker finishes.
        var header = new TextBlock(BlockKind.PageHeader, 0, "Journal of Tests 12", 50, 760, 300, 775, 9);
        var body = new TextBlock(BlockKind.Paragraph, 0, "The measurement continues on the next page and the word is hyphen-", 50, 400, 550, 700, 10);
        var email = new TextBlock(BlockKind.Paragraph, 0, "Ask jane.doe@example.org about the data, in English, for the whole of the study of the cases.", 50, 300, 550, 390, 10);
        List<PageContent> pages =
        [
            new(1, 792, [header, body, email]),
            new(2, 792, [header], "ated across the page turn.\n\n| a | b |\n|---|---|\n| 1 | 2 |"),
        ];

        var request = WorkerFrames.ReadRequest(WorkerFrames.Frame(new ChunkRequest(5, "/x.pdf", 0, 0) { Finish = pages }).AsSpan(4));
        Assert.NotNull(request.Finish);
        Assert.Equal(2, request.Finish.Count);
        Assert.Equal(pages[1] with { Blocks = request.Finish[1].Blocks }, request.Finish[1]);
        Assert.Equal(pages[0].Blocks, request.Finish[0].Blocks);

        var finisher = new PdfDocumentFinisher(
            new SciCurate.Pipeline.Corpus.TextStages(new SciCurate.DomainFilter.Text.TiktokenCounter(new()), new SciCurate.DomainFilter.Text.RegexPiiMasker(new()), new() { Pdf = true }),
            new SciCurate.DomainFilter.Text.MinHashSigner(new()));
        var text = finisher.Finish(request.Finish);
        var back = WorkerFrames.ReadResponse(WorkerFrames.Frame(new ChunkResponse(5, null, 0, []) { Finished = text }).AsSpan(4)).Finished!;

        Assert.DoesNotContain("jane.doe", text.Markdown, StringComparison.Ordinal);
        Assert.Equal(1, text.Pii!.Emails);
        Assert.True(text.Tokens > 10 && text.PageTokens.All(t => t > 0));
        Assert.Equal(text with { PageMarkdown = back.PageMarkdown, PageChars = back.PageChars, PageTokens = back.PageTokens, PageLanguage = back.PageLanguage, Pii = back.Pii, Signature = back.Signature }, back);
        Assert.Equal(text.PageMarkdown, back.PageMarkdown);
        Assert.Equal(text.PageChars, back.PageChars);
        Assert.Equal(text.PageTokens, back.PageTokens);
        Assert.Equal(text.PageLanguage, back.PageLanguage);
        Assert.Equal((text.Pii.Emails, text.Pii.IpAddresses, text.Pii.PhoneNumbers), (back.Pii!.Emails, back.Pii.IpAddresses, back.Pii.PhoneNumbers));
        Assert.Equal(text.Signature!.MinHashes, back.Signature!.MinHashes);
        Assert.Equal((text.Signature.ExactHash, text.Signature.Words), (back.Signature.ExactHash, back.Signature.Words));
    }
}
