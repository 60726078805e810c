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
    public void A_small_footnote_that_mentions_a_licence_is_kept_and_a_lone_word_of_roman_letters_is_not_a_page_number()
    {
        var doc = Assemble(Paper((p, page) =>
        {
            if (p == 1)
            {
                page.Text("2 Our code and data are released under the MIT licence, copyright the authors.", 72, 62, 8);
            }

            if (p == 2)
            {
                page.Text("vivid", 72, 770, 10);
            }

            if (p == 3)
            {
                page.Text("xiv", 290, 15, 9);
            }
        }));
        Assert.Contains("Our code and data are released under the MIT licence, copyright the authors.", doc.PageMarkdown[0], StringComparison.Ordinal);
        Assert.Contains("vivid", doc.PageMarkdown[1], StringComparison.Ordinal);
        Assert.Contains(doc.Removed, r => r.Reason == FurnitureReason.PageNumber && r.Text.Trim() == "xiv");
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

    /// <summary>
    /// One page, too short for anything to repeat: a title in the top band and a caption in the bottom band, each set
    /// apart by a blank gap like a running head, around 30 lines of body; <paramref name="footer"/> under the caption.
    /// </summary>
    private static byte[] OnePage(string title, string caption, string footer)
    {
        using var pdf = new SyntheticPdf();
        var page = pdf.AddPage();
        page.Text(title, 72, 790, 11);
        for (var i = 0; i < 30; i++)
        {
            page.Text($"Body line {i + 1} of the only page carries ordinary running prose words.", 72, 740 - i * 13, 10);
        }

        page.Text(caption, 72, 80, 9);
        page.Text(footer, 290, 30, 9);
        return pdf.Build();
    }

    [Fact]
    public void A_one_page_document_keeps_its_title_and_caption_at_the_edges_and_drops_its_folio()
    {
        var doc = Assemble(OnePage("Improving productivity and solving problems with R and Python", "Figure 7-27. Stainless steel self-locking nut.", "7-45"));
        Assert.Contains("Improving productivity and solving problems with R and Python", doc.Markdown, StringComparison.Ordinal);
        Assert.Contains("Figure 7-27. Stainless steel self-locking nut.", doc.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("7-45", doc.Markdown, StringComparison.Ordinal);
        Assert.Contains(doc.Removed, r => r.Reason == FurnitureReason.UnconfirmedMargin && r.Text == "7-45");
        Assert.DoesNotContain(doc.Removed, r => r.Text.Contains("Improving", StringComparison.Ordinal) || r.Text.Contains("Figure", StringComparison.Ordinal));
    }

    [Fact]
    public void A_one_page_document_drops_edge_rows_shaped_like_furniture()
    {
        // Each goes by its own words, with nothing to repeat: a manuscript-status head, a masthead, a bare URL, a date.
        var status = Assemble(OnePage("Preprint. Under review.", "Journal of Edge Cases, Vol. 7, No. 2, pp. 11-19", "www.edgecases.org"));
        Assert.DoesNotContain("Preprint", status.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Journal of Edge Cases", status.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("edgecases.org", status.Markdown, StringComparison.Ordinal);
        var dated = Assemble(OnePage("Smith et al.", "Figure 3: The same caption, kept.", "March 3, 2021"));
        Assert.DoesNotContain("Smith et al.", dated.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("March 3, 2021", dated.Markdown, StringComparison.Ordinal);
        Assert.Contains("Figure 3: The same caption, kept.", dated.Markdown, StringComparison.Ordinal);
        Assert.Contains("Body line 30 of the only page", dated.Markdown, StringComparison.Ordinal);
        var labelled = Assemble(OnePage("Revision: 2.4", "Table 7-2. Torque values for the bolts in the housing.", "Conference on Edges 2015"));
        Assert.DoesNotContain("Revision", labelled.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Conference on Edges", labelled.Markdown, StringComparison.Ordinal);
        Assert.Contains("Table 7-2. Torque values for the bolts in the housing.", labelled.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_running_header_drawn_twice_on_one_page_goes_there_too()
    {
        // The page groups the header's two copies into one block, whose text is no single repeated line.
        using var pdf = new SyntheticPdf();
        for (var p = 1; p <= 4; p++)
        {
            var page = pdf.AddPage();
            page.Text("Supplementary Material for Edge Cases, Volume 7", 72, 800, 9);
            if (p == 3)
            {
                page.Text("Supplementary Material for Edge Cases, Volume 7", 72, 789, 9);
            }

            for (var i = 0; i < 30; i++)
            {
                page.Text($"Body line {i + 1} of page {p} carries ordinary running prose words.", 72, 690 - i * 13, 10);
            }
        }

        var doc = Assemble(pdf.Build());
        Assert.DoesNotContain("Supplementary Material", doc.Markdown, StringComparison.Ordinal);
        Assert.Contains(doc.Removed, r => r.PageNo == 3 && r.Reason == FurnitureReason.Repeated);
        Assert.Contains("Body line 1 of page 3", doc.PageMarkdown[2], StringComparison.Ordinal);
    }
    [Fact]
    public void A_running_header_whose_page_number_gains_a_digit_goes_on_every_page()
    {
        // Four pages of a longer article (its pages 8 to 11): two running heads read "page 8/9", two "page 10/11".
        using var pdf = new SyntheticPdf();
        for (var p = 8; p <= 11; p++)
        {
            var page = pdf.AddPage();
            page.Text($"Journal of Edge Cases 2026, 4:1, page {p} of 11", 72, 800, 9);
            for (var i = 0; i < 30; i++)
            {
                page.Text($"Body line {i + 1} of page {p} carries ordinary running prose words.", 72, 690 - i * 13, 10);
            }
        }

        var doc = Assemble(pdf.Build());
        Assert.DoesNotContain("Journal of Edge Cases", doc.Markdown, StringComparison.Ordinal);
        Assert.Equal(4, doc.Removed.Count(r => r.Reason == FurnitureReason.Repeated));
        Assert.Contains("Body line 1 of page 10", doc.PageMarkdown[2], StringComparison.Ordinal);
    }
}
