using SciCurate.DomainFilter.Text;
using SciCurate.DomainFilter.Web.Quality;
using SciCurate.Parsers.Pdf;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Pdf;

/// <summary>
/// A document's final text and what is computed from it: each page's Markdown after the merge (and PII masking), the
/// document's, token counts, languages and the signature the duplicate pass compares. Crosses the worker boundary.
/// </summary>
/// <param name="PageChars">Each page's length after the merge, before masking (the char_count column).</param>
/// <param name="PageLanguage">A page's own language where it is confidently another than the document's, else null.</param>
/// <param name="Chars">The document's length after the merge, before masking.</param>
public sealed record FinishedText(
    string[] PageMarkdown,
    int[] PageChars,
    long[] PageTokens,
    string?[] PageLanguage,
    string Markdown,
    int Chars,
    long Tokens,
    string Language,
    double LanguageConfidence,
    PiiMasking? Pii,
    DocumentSignature? Signature);

/// <summary>
/// The one document finisher of the PDF path (`curate run`, the batch jobs, `reprocess --stage vlm`): merges a routed
/// document's pages (<see cref="DocumentAssembler"/>), masks PII (Pii:Pdf), counts tokens (Tokens:Encoding), names
/// the languages and signs the text for the duplicate pass (Dedup:*), then maps the result onto the rows.
/// <see cref="Finish"/> is text work only, so `curate run` has it done in the parse workers, which run in parallel;
/// the main process only makes rows and writes them.
/// </summary>
public sealed class PdfDocumentFinisher(Corpus.TextStages? text, ITextSigner? signer)
{
    private static readonly StopwordLanguageIdentifier Languages = new();

    /// <summary>True when each document is signed for the duplicate pass.</summary>
    public bool Signs => signer is not null;

    /// <summary>Merges the pages in page order and computes everything that depends on the final text.</summary>
    public FinishedText Finish(IReadOnlyList<PageContent> pages) => Finish(Merge(pages), pages.Count);

    /// <summary>
    /// Merges a document again from its stored pages (`reprocess --stage vlm`, the served VLM job): each page's Markdown
    /// as the first merge left it, or the VLM's answer. The same text `curate run` gives with the answers in hand.
    /// </summary>
    public FinishedText FinishStored(IReadOnlyList<PdfPageRow> pages) => Finish(Remerge(pages.Select(Stored).ToList()), pages.Count);

    /// <summary>
    /// The merge every path shares. Running headers, footers and stamps are judged on every page's cheap blocks, VLM
    /// pages included, as a served batch job judges them before its VLM job reads the pending pages; then the VLM's
    /// answers replace their pages in a second merge of the finished pages (<see cref="Remerge"/>), as the VLM job does
    /// from the stored pages. So `curate run` with a VLM and a served run give the same text.
    /// </summary>
    private static AssembledDocument Merge(IReadOnlyList<PageContent> pages)
    {
        if (pages.All(p => p.ReplacementMarkdown is null))
        {
            return DocumentAssembler.Assemble(pages);
        }

        var cheap = DocumentAssembler.Assemble([.. pages.Select(p => p with { ReplacementMarkdown = null })]);
        var merged = Remerge([.. pages.Select((p, i) => new FinishedPage(p.PageNo, p.Height, p.ReplacementMarkdown ?? cheap.PageMarkdown[i], p.ReplacementMarkdown is not null))]);
        return merged with { Removed = cheap.Removed };
    }

    /// <summary>A page merged before (its furniture already gone), or a VLM's answer for it.</summary>
    private sealed record FinishedPage(int PageNo, double Height, string Markdown, bool ReadByVlm);

    private static FinishedPage Stored(PdfPageRow page) => new(page.PageNo, page.Height, page.Markdown, page.Route == PageRoute.Vlm);

    /// <summary>
    /// Joins finished pages: no furniture is judged again. A merged page's footnotes (its trailing <c>[^…]:</c>
    /// paragraphs, as <see cref="MarkdownComposer"/> writes them) go in apart from its body, so they follow a paragraph
    /// continued on the next page as in the first merge; a VLM's answer is the page's body as it stands.
    /// </summary>
    private static AssembledDocument Remerge(IReadOnlyList<FinishedPage> pages) => DocumentAssembler.Assemble([.. pages.Select(p =>
    {
        if (p.ReadByVlm)
        {
            return new PageContent(p.PageNo, p.Height, [], p.Markdown);
        }

        var (body, notes) = SplitFootnotes(p.Markdown);
        return new PageContent(p.PageNo, p.Height, [], body, notes);
    })]);

    /// <summary>A merged page's Markdown as body and footnotes: the footnotes are the paragraphs at its end that open with <c>[^</c>.</summary>
    internal static (string Body, string Notes) SplitFootnotes(string markdown)
    {
        var paragraphs = markdown.Split("\n\n");
        var first = paragraphs.Length;
        while (first > 0 && paragraphs[first - 1].StartsWith("[^", StringComparison.Ordinal))
        {
            first--;
        }

        return (string.Join("\n\n", paragraphs[..first]), string.Join("\n\n", paragraphs[first..]));
    }

    private FinishedText Finish(AssembledDocument assembled, int pageCount)
    {
        var pageMarkdown = new string[pageCount];
        var pageChars = new int[pageCount];
        var pageTokens = new long[pageCount];
        var pageLanguage = new string?[pageCount];
        var markdown = assembled.Markdown;
        PiiMasking? pii = null;
        for (var i = 0; i < pageCount; i++)
        {
            pageChars[i] = assembled.PageMarkdown[i].Length;
            pageMarkdown[i] = text is { MasksPdf: true } ? text.Pii.Mask(assembled.PageMarkdown[i]).Text : assembled.PageMarkdown[i];
        }

        if (text is { MasksPdf: true })
        {
            pii = text.Pii.Mask(markdown);
            markdown = pii.Text;
        }

        if (text is not null)
        {
            for (var i = 0; i < pageCount; i++)
            {
                pageTokens[i] = text.Tokens.Count(pageMarkdown[i]);
            }
        }

        // The parsers know no languages: they are named here, where pages become text, with the web path's identifier;
        // a page gets its own only when it is confidently another language than its document.
        var guess = Languages.Identify(markdown);
        for (var i = 0; i < pageCount; i++)
        {
            if (pageMarkdown[i].Length < 200)
            {
                continue;
            }

            var own = Languages.Identify(pageMarkdown[i]);
            pageLanguage[i] = own.Language != guess.Language && own.Language != "und" && own.Confidence >= 0.5 ? own.Language : null;
        }

        return new FinishedText(pageMarkdown, pageChars, pageTokens, pageLanguage, markdown, assembled.Markdown.Length,
            text?.Tokens.Count(markdown) ?? 0, guess.Language, guess.Confidence, pii, signer?.Sign(markdown));
    }

    /// <summary>Puts the finished text on the document row and its page rows (same order as the pages given to <see cref="Finish"/>).</summary>
    public static void Apply(FinishedText text, PdfDocumentRow document, IReadOnlyList<PdfPageRow> pages)
    {
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            page.Markdown = text.PageMarkdown[i];
            page.CharCount = text.PageChars[i];
            page.Tokens = text.PageTokens[i];
            page.Language = text.PageLanguage[i];
        }

        document.Markdown = text.Markdown;
        document.CharCount = text.Chars;
        document.Tokens = text.Tokens;
        document.Language = text.Language;
        document.LanguageConfidence = text.LanguageConfidence;
        if (text.Pii is { } pii)
        {
            document.PiiEmails = pii.Emails;
            document.PiiIps = pii.IpAddresses;
            document.PiiPhones = pii.PhoneNumbers;
        }
    }

    /// <summary>
    /// The rows of a parsed and routed document: one pdf_pages row per page and the document row's counts, with the
    /// finished text applied. Used by `curate run` and the batch jobs.
    /// </summary>
    public static List<PdfPageRow> ToRows(PdfDocumentRow document, IReadOnlyList<DocumentPage> pages, FinishedText text)
    {
        var rows = new List<PdfPageRow>(pages.Count);
        int hard = 0, pending = 0, failed = 0;
        double parseMs = 0;
        foreach (var page in pages)
        {
            rows.Add(PageRow(document.DocId, page));
            hard += page.CountsAsHard ? 1 : 0;
            pending += page.Route.Route == PageRoute.VlmPending ? 1 : 0;
            failed += page.Parsed.Error is not null || page.Route.Route == PageRoute.VlmFailed ? 1 : 0;
            parseMs += page.Parsed.ParseMs;
        }

        Apply(text, document, rows);
        // A page the VLM replaced keeps its whole cheap text (composed once, shared with the VLM's hint); a cheap page's
        // cheap text is the page as it stands in the document.
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].CheapMarkdown = pages[i].Route.Markdown is null ? rows[i].Markdown : pages[i].CheapMarkdown;
        }

        document.Status = PdfDocumentStatus.Ok;
        document.PageCount = pages.Count;
        document.HardPages = hard;
        document.PendingPages = pending;
        document.FailedPages = failed;
        document.ParseMs = parseMs;
        return rows;
    }

    /// <summary>The pages as they enter the merge: cheap blocks, or the VLM's answer in their place.</summary>
    public static List<PageContent> Contents(IReadOnlyList<DocumentPage> pages)
    {
        var contents = new List<PageContent>(pages.Count);
        foreach (var page in pages)
        {
            contents.Add(new PageContent(page.Parsed.PageNo, page.Parsed.Height, page.Parsed.Blocks, page.Route.Markdown));
        }

        return contents;
    }

    private static PdfPageRow PageRow(string docId, DocumentPage page)
    {
        var p = page.Parsed;
        var r = page.Route;
        return new PdfPageRow
        {
            DocId = docId,
            PageNo = p.PageNo,
            Route = r.Route,
            HardScore = p.HardScore,
            HardReasons = [.. p.HardReasons],
            Detector = p.Detector,
            Parser = r.Markdown is null ? "pdfpig" : r.Parser,
            ParseMs = p.ParseMs,
            Width = p.Width,
            Height = p.Height,
            Features = [.. p.Features],
            VlmModel = r.Model,
            PromptTokens = r.PromptTokens,
            CompletionTokens = r.CompletionTokens,
            CostUsd = r.CostUsd,
            VlmMs = r.ElapsedMs,
            VlmCached = r.Cached,
            Error = p.Error ?? r.Error,
        };
    }
}
