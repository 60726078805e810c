using SciCurate.Parsers.Pdf;
using SciCurate.TestSupport;
using UglyToad.PdfPig;

namespace SciCurate.Parsers.Tests;

public class DocumentAssemblerTests
{
    private static List<PageContent> Pages(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        var parser = new PdfPigPageParser();
        return doc.GetPages().Select(p =>
        {
            var parsed = parser.Parse(p);
            return new PageContent(parsed.PageNo, parsed.Height, parsed.Blocks);
        }).ToList();
    }

    [Fact]
    public void Running_headers_and_page_numbers_are_removed_from_every_page()
    {
        var doc = DocumentAssembler.Assemble(Pages(SyntheticPdf.Report("doc-c", pages: 5)));
        Assert.Equal(5, doc.PageMarkdown.Count);
        Assert.DoesNotContain("Journal of Synthetic Results", doc.Markdown, StringComparison.Ordinal);
        foreach (var (md, i) in doc.PageMarkdown.Select((m, i) => (m, i + 1)))
        {
            Assert.StartsWith($"## Section {i}: Results for doc-c", md, StringComparison.Ordinal);
            Assert.EndsWith($"closes the section about doc-c.", md, StringComparison.Ordinal);
        }

        Assert.True(doc.RemovedFurniture >= 10, $"removed {doc.RemovedFurniture}");
    }

    [Fact]
    public void A_chapter_head_repeated_at_one_place_on_three_of_ten_pages_goes_and_a_unique_top_line_stays()
    {
        using var pdf = new SyntheticPdf();
        for (var p = 1; p <= 10; p++)
        {
            var page = pdf.AddPage();
            if (p is >= 4 and <= 6)
            {
                page.Text("Chapter 2. Methods of the survey", 72, 800, 9);
            }

            if (p == 8)
            {
                page.Text("Yes. The dataset is split into train, dev and test parts in the released version.", 72, 800, 10);
            }

            for (var i = 0; i < 20; i++)
            {
                page.Text($"Body line {i} of page {p} with enough words to be prose.", 72, 760 - i * 13, 10);
            }
        }

        var doc = DocumentAssembler.Assemble(Pages(pdf.Build()));
        Assert.DoesNotContain("Methods of the survey", doc.Markdown, StringComparison.Ordinal);
        Assert.Contains("Yes. The dataset is split into train, dev and test parts", doc.PageMarkdown[7], StringComparison.Ordinal);
    }

    [Fact]
    public void A_word_hyphenated_across_a_page_turn_is_joined()
    {
        using var pdf = new SyntheticPdf();
        for (var p = 0; p < 2; p++)
        {
            var page = pdf.AddPage();
            for (var i = 0; i < 20; i++)
            {
                var last = p == 0 && i == 19;
                var first = p == 1 && i == 0;
                var text = last ? "and this sentence continues with an exam-" : first ? "ple of careful typesetting in print." : $"Filler line {i} of page {p + 1} with words.";
                page.Text(text, 72, 760 - i * 13, 10);
            }
        }

        var doc = DocumentAssembler.Assemble(Pages(pdf.Build()));
        Assert.Contains("continues with an example of careful typesetting", doc.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vlm_page_replaces_the_cheap_text_of_its_page_only()
    {
        var pages = Pages(SyntheticPdf.Report("doc-d", pages: 3));
        pages[1] = pages[1] with { ReplacementMarkdown = "## From the model\n\n$$E = mc^2$$" };
        var doc = DocumentAssembler.Assemble(pages);
        Assert.Equal("## From the model\n\n$$E = mc^2$$", doc.PageMarkdown[1]);
        Assert.Contains("Results for doc-d", doc.PageMarkdown[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Section 2:", doc.Markdown, StringComparison.Ordinal);
    }
}
