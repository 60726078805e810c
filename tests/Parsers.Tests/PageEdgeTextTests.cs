using SciCurate.Parsers.Pdf;
using SciCurate.TestSupport;
using UglyToad.PdfPig;

namespace SciCurate.Parsers.Tests;

/// <summary>Text at the top and bottom of pages: only repeated lines, page numbers and stamps go; the rest is content.</summary>
public class PageEdgeTextTests
{
    private static AssembledDocument Assemble(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        var parser = new PdfPigPageParser();
        return DocumentAssembler.Assemble([.. doc.GetPages().Select(p => parser.Parse(p)).Select(p => new PageContent(p.PageNo, p.Height, p.Blocks))]);
    }

    /// <summary>Three pages with a running header and page numbers; <paramref name="decorate"/> adds a page's own edge text.</summary>
    private static byte[] Paper(Action<int, SyntheticPdf.PageWriter> decorate)
    {
        using var pdf = new SyntheticPdf();
        for (var p = 1; p <= 3; p++)
        {
            var page = pdf.AddPage();
            page.Text("Journal of Edge Cases, Volume 7", 72, 800, 9);
            for (var i = 0; i < 30; i++)
            {
                page.Text($"Body line {i + 1} of page {p} carries ordinary running prose words.", 72, 690 - i * 13, 10);
            }

            page.Text($"{p}", 290, 30, 9);
            decorate(p, page);
        }

        return pdf.Build();
    }

    [Fact]
    public void Running_header_and_page_numbers_go_but_a_paragraph_continuing_at_the_top_of_a_page_stays()
    {
        var doc = Assemble(Paper((p, page) =>
        {
            if (p == 2)
            {
                page.Text("to decide the answer based on the two similarity scores of the pair,", 72, 770, 10);
                page.Text("which closes the paragraph begun on the page before.", 72, 757, 10);
            }
        }));
        Assert.DoesNotContain("Journal of Edge Cases", doc.Markdown, StringComparison.Ordinal);
        Assert.Contains("to decide the answer based on the two similarity scores of the pair, which closes the paragraph", doc.PageMarkdown[1], StringComparison.Ordinal);
        Assert.DoesNotContain("\n2\n", "\n" + doc.PageMarkdown[1] + "\n", StringComparison.Ordinal);
    }

    [Fact]
    public void A_footnote_is_kept_at_the_end_of_its_page_and_marked()
    {
        var doc = Assemble(Paper((p, page) =>
        {
            if (p == 1)
            {
                page.Text("1 The corpus was collected in 2021 from public sources only.", 72, 62, 8);
            }
        }));
        var first = doc.PageMarkdown[0];
        Assert.EndsWith("[^1]: The corpus was collected in 2021 from public sources only.", first, StringComparison.Ordinal);
        Assert.Contains("[^1]: The corpus was collected", doc.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_caption_at_the_bottom_of_a_page_is_kept()
    {
        var doc = Assemble(Paper((p, page) =>
        {
            if (p == 3)
            {
                page.Text("Figure 2: Accuracy of the three models on the held-out split.", 72, 62, 9);
            }
        }));
        Assert.Contains("Figure 2: Accuracy of the three models on the held-out split.", doc.PageMarkdown[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_unique_line_set_apart_in_the_top_band_is_kept_where_the_running_header_goes()
    {
        var doc = Assemble(Paper((p, page) =>
        {
            if (p == 2)
            {
                page.Text("Yes. The dataset is split into train/dev/test in the released version.", 72, 770, 10);
            }
        }));
        Assert.Contains("Yes. The dataset is split into train/dev/test in the released version.", doc.PageMarkdown[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Journal of Edge Cases", doc.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(doc.Removed, r => r.Text.Contains("dataset", StringComparison.Ordinal));
        Assert.Equal(3, doc.Removed.Count(r => r.Reason == FurnitureReason.Repeated));
        Assert.Equal(3, doc.Removed.Count(r => r.Reason == FurnitureReason.PageNumber));
    }

    [Fact]
    public void A_paragraph_in_body_type_that_mentions_a_licence_is_kept_and_a_small_copyright_footer_goes()
    {
        var doc = Assemble(Paper((p, page) =>
        {
            if (p == 2)
            {
                page.Text("The package may be distributed and modified under the conditions of the LaTeX", 72, 80, 10);
                page.Text("Project Public License, either version 1.3c of this license or any later version.", 72, 67, 10);
            }

            if (p == 3)
            {
                page.Text("Copyright 2018 The Edge Case Society, all rights reserved.", 72, 15, 7);
            }
        }));
        Assert.Contains("under the conditions of the LaTeX Project Public License, either version 1.3c", doc.PageMarkdown[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Copyright 2018", doc.Markdown, StringComparison.Ordinal);
        Assert.Contains(doc.Removed, r => r.Reason == FurnitureReason.Stamp && r.PageNo == 3);
    }

    [Fact]
    public void Stamps_go_even_on_a_single_page()
    {
        Assert.True(DocumentAssembler.IsStamp("arXiv:2305.03393v1 [cs.CV] 9 May 2023"));
        Assert.True(DocumentAssembler.IsStamp("© 2013 The Authors. Published by Elsevier B.V."));
        Assert.True(DocumentAssembler.IsStamp("Proceedings of the 61st Annual Meeting of the ACL, pages 1–12"));
        Assert.True(DocumentAssembler.IsStamp("Downloaded from http://example.org/ on May 1, 2020"));
        Assert.True(DocumentAssembler.IsStamp("Corresponding author: jane.doe@example.org"));
        Assert.False(DocumentAssembler.IsStamp("Yes. The dataset is split into train/dev/test in the released version."));
        Assert.False(DocumentAssembler.IsStamp("Figure 2: Accuracy of the three models on the held-out split."));
    }
}
