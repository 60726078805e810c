using SciCurate.Detectors;
using SciCurate.Parsers.Pdf;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Pdf;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests.Pdf;

/// <summary>
/// A document with VLM pages is finished two ways: `curate run` merges it with the VLM's answers in hand; a served run
/// (and `curate reprocess --stage vlm`) merges it while its hard pages are pending, stores the pages, and merges it
/// again from the stored pages once the VLM has read them. Both must give the same text.
/// </summary>
public sealed class VlmRemergeTests
{
    private const string Answer = "A page read by the VLM.";

    public static TheoryData<string, int[]> Documents => new()
    {
        // Three pages, two read by the VLM: the one cheap page was judged alone (its title taken as a margin line).
        { TestData.Path("tests", "Pipeline.Tests", "data", "vlm", "mixed.pdf"), [2, 3] },
        // A paper with running heads and footnotes, every third page read by the VLM.
        { TestData.Shared("data", "pdf", "papers", "olmOCR-2-Unit-Test-Rewards-for-Document-OCR.pdf"), [1, 4, 7, 10, 13] },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Served_RemergedFromStoredPages_GivesCurateRunsText(string pdf, int[] vlmPages)
    {
        var parsed = Parse(pdf);
        var finisher = new PdfDocumentFinisher(null, null);

        // curate run: the VLM's answers are in hand when the document is merged.
        var run = finisher.Finish([.. parsed.Select(p => new PageContent(p.PageNo, p.Height, p.Blocks, vlmPages.Contains(p.PageNo) ? Answer : null))]);

        // Served: merged while the hard pages are pending (their cheap text stands in), stored; the VLM job then puts
        // its answers on the stored pages and merges the document again from them.
        var pending = finisher.Finish([.. parsed.Select(p => new PageContent(p.PageNo, p.Height, p.Blocks))]);
        var stored = parsed.Select((p, i) => new PdfPageRow
        {
            PageNo = p.PageNo,
            Height = p.Height,
            Route = vlmPages.Contains(p.PageNo) ? PageRoute.Vlm : PageRoute.Cheap,
            Markdown = vlmPages.Contains(p.PageNo) ? Answer : pending.PageMarkdown[i],
        }).ToList();
        var served = finisher.FinishStored(stored);

        Assert.Equal(run.Markdown, served.Markdown);
        Assert.Equal(run.PageMarkdown, served.PageMarkdown);
        Assert.Equal(run.PageChars, served.PageChars);
        Assert.Contains(Answer, run.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void SplitFootnotes_TakesTheTrailingFootnoteParagraphs_AndJoinsBackToThePage()
    {
        const string page = "Body one.\n\n[^x] is not at the end\n\nBody two.\n\n[^1]: First note.\n\n[^*]: Second note.";

        var (body, notes) = PdfDocumentFinisher.SplitFootnotes(page);

        Assert.Equal("Body one.\n\n[^x] is not at the end\n\nBody two.", body);
        Assert.Equal("[^1]: First note.\n\n[^*]: Second note.", notes);
        Assert.Equal(("Only body.", ""), PdfDocumentFinisher.SplitFootnotes("Only body."));
        Assert.Equal(("", "[^2]: Only a note."), PdfDocumentFinisher.SplitFootnotes("[^2]: Only a note."));
    }

    private static IReadOnlyList<PageResult> Parse(string pdf)
    {
        using var processor = new PageProcessor(new PdfPigPageParser(), new TextLayerOnlyDetector(), new PdfOpenOptions());
        var response = processor.Process(new ChunkRequest(1, pdf, 1, 0), 1000);
        Assert.Null(response.Error);
        Assert.Equal(response.PageCount, response.Pages.Count);
        return response.Pages;
    }
}
