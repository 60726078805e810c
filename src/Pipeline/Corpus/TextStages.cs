using SciCurate.DomainFilter.Text;
using SciCurate.DomainFilter.Web;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Corpus;

/// <summary>
/// The per-document text stages applied as rows are made: PII masking (per kind, Pii:Web / Pii:Pdf) and token counts.
/// Web pages get them here; PDFs in <see cref="Pdf.PdfDocumentFinisher"/>.
/// One instance serves all threads.
/// </summary>
public sealed class TextStages(ITokenCounter tokens, IPiiMasker pii, PiiOptions piiOptions)
{
    public ITokenCounter Tokens => tokens;

    public IPiiMasker Pii => pii;

    /// <summary>Pii:Pdf: PDF text is masked (the PDF finisher, <see cref="Pdf.PdfDocumentFinisher"/>, applies it).</summary>
    public bool MasksPdf => piiOptions.Pdf;

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
}
