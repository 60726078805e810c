using SciCurate.DomainFilter.Text;
using SciCurate.DomainFilter.Web;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Corpus;

/// <summary>
/// The per-document text stages applied as rows are made: PII masking (per kind, Pii:Web / Pii:Pdf) and token counts.
/// One instance serves all threads.
/// </summary>
public sealed class TextStages(ITokenCounter tokens, IPiiMasker pii, PiiOptions piiOptions)
{
    public ITokenCounter Tokens => tokens;

    /// <summary>Masks a web page's text and Markdown (when Pii:Web) and counts its tokens.</summary>
    public void Apply(WebDocumentRow row)
    {
        if (piiOptions.Web && row.Status != WebPageStatus.Failed)
        {
            var text = pii.Mask(row.Text);
            var markdown = pii.Mask(row.Markdown);
            row.Text = text.Text;
            row.Markdown = markdown.Text;
            row.PiiEmails = text.Emails;
            row.PiiIps = text.IpAddresses;
            row.PiiPhones = text.PhoneNumbers;
        }

        row.Tokens = tokens.Count(row.Text);
    }

    /// <summary>Masks a PDF's pages and document Markdown (when Pii:Pdf) and counts tokens per page and per document.</summary>
    public void Apply(PdfDocumentRow document, IReadOnlyList<PdfPageRow> pages)
    {
        if (piiOptions.Pdf && document.Status != PdfDocumentStatus.Failed)
        {
            foreach (var page in pages)
            {
                page.Markdown = pii.Mask(page.Markdown).Text;
            }

            var masked = pii.Mask(document.Markdown);
            document.Markdown = masked.Text;
            document.PiiEmails = masked.Emails;
            document.PiiIps = masked.IpAddresses;
            document.PiiPhones = masked.PhoneNumbers;
        }

        foreach (var page in pages)
        {
            page.Tokens = tokens.Count(page.Markdown);
        }

        document.Tokens = tokens.Count(document.Markdown);
    }
}
