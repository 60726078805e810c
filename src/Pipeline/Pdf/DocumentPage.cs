using SciCurate.Detectors;
using SciCurate.Parsers.Pdf;

namespace SciCurate.Pipeline.Pdf;

/// <summary>
/// One page of a document from parse to merge: what the worker parsed and the detector said, the hard-page policy's
/// decision, and where the page went. Its full cheap Markdown is composed at most once, for the VLM's hint and the
/// cheap_markdown column alike.
/// </summary>
public sealed class DocumentPage(PageResult parsed, bool toVlm)
{
    private string? _cheapMarkdown;

    public PageResult Parsed => parsed;

    /// <summary>The policy sends this page to the VLM.</summary>
    public bool ToVlm => toVlm;

    /// <summary>Set by the <see cref="IHardPageStage"/>.</summary>
    public RoutedPage Route { get; set; } = RoutedPage.Cheap;

    /// <summary>Counted in hard_pages: the detector flagged it (failed pages included), or it went to the VLM.</summary>
    public bool CountsAsHard => parsed.Hard || toVlm;

    /// <summary>The page's Markdown from all its blocks, before document-level clean-up.</summary>
    public string CheapMarkdown => _cheapMarkdown ??= MarkdownComposer.Compose(parsed.Blocks);

    /// <summary>A document's pages in page order, each with the policy's decision, taken once for the whole document.</summary>
    public static IReadOnlyList<DocumentPage> Decide(IReadOnlyList<PageResult> pages, HardPagePolicy policy)
    {
        var candidates = new HardPageCandidate[pages.Count];
        for (var i = 0; i < pages.Count; i++)
        {
            var p = pages[i];
            candidates[i] = new HardPageCandidate(p.HardScore, p.Hard, p.HardReasons.Contains("no_text_layer"), p.CharCount, p.Error is not null);
        }

        var toVlm = policy.Select(candidates);
        var result = new DocumentPage[pages.Count];
        for (var i = 0; i < pages.Count; i++)
        {
            result[i] = new DocumentPage(pages[i], toVlm[i]);
        }

        return result;
    }
}
