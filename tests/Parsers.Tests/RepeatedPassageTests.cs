using SciCurate.Parsers.Pdf;
using SciCurate.TestSupport;
using UglyToad.PdfPig;

namespace SciCurate.Parsers.Tests;

/// <summary>Blocks longer than a running head that repeat on every page: kept once, never on every page, never lost.</summary>
public class RepeatedPassageTests
{
    private static readonly string[] Disclaimer =
    [
        "This report is provided for information only and does not constitute legal, financial or medical",
        "advice. The authors and their employers accept no liability for any loss arising from its use. No part",
        "of it may be reproduced without the written consent of the publisher, except for brief quotations in",
        "reviews. The views expressed are those of the authors and not necessarily those of the institutions",
        "that funded the work. Readers should consult a qualified professional before acting on any statement",
        "made in this report, and should verify all figures against the primary sources cited in the text.",
    ];

    private static AssembledDocument Assemble(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        var parser = new PdfPigPageParser();
        return DocumentAssembler.Assemble([.. doc.GetPages().Select(p => parser.Parse(p)).Select(p => new PageContent(p.PageNo, p.Height, p.Blocks))]);
    }

    /// <summary>Four pages of body text; <paramref name="passageTop"/> is where the repeated passage's first line stands.</summary>
    private static byte[] Report(double passageTop)
    {
        using var pdf = new SyntheticPdf();
        for (var p = 1; p <= 4; p++)
        {
            var page = pdf.AddPage();
            for (var i = 0; i < 30; i++)
            {
                page.Text($"Section {p} line {i + 1} reports the measured values of the survey in plain words.", 72, 790 - i * 13, 10);
            }

            // Two blank lines below the body, then the passage in small type, line under line.
            for (var i = 0; i < Disclaimer.Length; i++)
            {
                page.Text(Disclaimer[i], 72, passageTop - i * 9, 7);
            }
        }

        return pdf.Build();
    }

    [Fact]
    public void A_disclaimer_longer_than_a_running_head_at_the_foot_of_every_page_is_kept_once()
    {
        var doc = Assemble(Report(passageTop: 130));

        Assert.Equal(1, Count(doc.Markdown, "does not constitute legal, financial or medical advice"));
        Assert.Contains("does not constitute legal, financial or medical advice", doc.PageMarkdown[0], StringComparison.Ordinal);
        Assert.Equal(3, doc.Removed.Count(r => r.Reason == FurnitureReason.Repeated && r.Text.Contains("does not constitute", StringComparison.Ordinal)));
        Assert.Contains("Section 4 line 30 reports", doc.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_passage_repeated_in_the_middle_of_every_page_is_running_text_and_stays_on_each()
    {
        var doc = Assemble(Report(passageTop: 390));

        Assert.Equal(4, Count(doc.Markdown, "does not constitute legal, financial or medical advice"));
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
