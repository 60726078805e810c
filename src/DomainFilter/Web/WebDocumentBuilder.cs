using SciCurate.DomainFilter.Web.Extraction;
using SciCurate.DomainFilter.Web.Intake;
using SciCurate.DomainFilter.Web.Quality;

namespace SciCurate.DomainFilter.Web;

/// <summary>
/// The per-page step shared by `curate run` and queued jobs: decode, extract the main content, compute quality
/// signals and the language, and mark failing rules. It never drops a page; a page that cannot be read or
/// extracted comes back Failed, with its reason.
/// </summary>
public sealed class WebDocumentBuilder(IContentExtractor extractor, ILanguageIdentifier languages)
{
    public WebDocument Build(RawPage page, CancellationToken ct = default)
    {
        var url = page.Url;
        var host = UrlNormalizer.HostOf(url);
        var doc = new WebDocument
        {
            DocId = UrlNormalizer.DocId(url),
            Url = url,
            Domain = host.Length > 0 ? RegisteredDomain.Of(host) : LocalDomain(url),
            Source = page.Source,
            Status = WebPageStatus.Ok,
            FetchTime = page.FetchTime,
        };
        if (page.Error is not null)
        {
            return doc with { Status = WebPageStatus.Failed, Error = page.Error };
        }

        ExtractedContent content;
        try
        {
            if (page.IsPlainText)
            {
                content = new ExtractedContent { Text = page.Html ?? "", Markdown = page.Html ?? "" };
            }
            else
            {
                var html = page.Html ?? CharsetDecoder.Decode(page.Body ?? [], page.ContentType).Text;
                content = extractor.Extract(html, Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            return doc with { Status = WebPageStatus.Failed, Error = $"extraction failed: {e.GetType().Name}: {e.Message}" };
        }

        var signals = QualitySignals.Compute(content.Text);
        var guess = languages.Identify(content.Text);
        var failed = QualitySignals.FailedRules(signals);
        if (content.Text.Length == 0)
        {
            failed.Insert(0, "empty_text");
        }

        return doc with
        {
            Title = content.Title,
            Language = guess.Language == "und" && content.DeclaredLanguage is not null ? content.DeclaredLanguage : guess.Language,
            LanguageConfidence = guess.Language == "und" ? 0 : guess.Confidence,
            Published = content.Published,
            Text = content.Text,
            Markdown = content.Markdown,
            Signals = signals,
            FailedRules = failed,
            Error = content.Limited,
        };
    }

    /// <summary>
    /// A saved page with no URL of its own (a local .html file without a urls.json entry, canonical link or og:url)
    /// is grouped by the folder it lies in: "local:" and the folder's name stand in for its domain, so the judge sees
    /// the files of one folder as one site instead of every such page as the same domain "".
    /// </summary>
    public static string LocalDomain(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsFile)
        {
            return "";
        }

        var folder = Path.GetFileName(Path.GetDirectoryName(uri.LocalPath) ?? "");
        return "local:" + (folder.Length > 0 ? folder.ToLowerInvariant() : "/");
    }
}
