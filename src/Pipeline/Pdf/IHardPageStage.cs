namespace SciCurate.Pipeline.Pdf;

/// <summary>Where a page went and, when a VLM read it, what it said. <see cref="Cached"/>: the answer came from the answer cache (not paid again).</summary>
public sealed record RoutedPage(PageRoute Route, string? Markdown = null, string Parser = "pdfpig", string? Model = null,
    long PromptTokens = 0, long CompletionTokens = 0, double CostUsd = 0, double ElapsedMs = 0, string? Error = null,
    bool Cached = false);

/// <summary>Decides what happens to a document's hard pages: kept pending, or read by a VLM.</summary>
public interface IHardPageStage
{
    /// <summary>One <see cref="RoutedPage"/> per page, in the order given.</summary>
    Task<IReadOnlyList<RoutedPage>> RouteAsync(string pdfPath, IReadOnlyList<PageResult> pages, CancellationToken ct);
}

/// <summary>
/// No VLM endpoint configured: hard pages keep their cheap Markdown and are marked vlm_pending, to be read by a later
/// `curate reprocess --stage vlm`. At most <see cref="MaxHardShare"/> of a document's pages are hard (highest scores
/// first); pages without a usable text layer (fewer than <c>minTextChars</c> characters) are hard regardless.
/// </summary>
public sealed class PendingHardPageStage(double maxHardShare = 1.0, int minTextChars = HardPageSelection.DefaultMinTextChars) : IHardPageStage
{
    public double MaxHardShare => maxHardShare;

    public Task<IReadOnlyList<RoutedPage>> RouteAsync(string pdfPath, IReadOnlyList<PageResult> pages, CancellationToken ct)
    {
        var hard = HardPageSelection.Select(pages, maxHardShare, minTextChars);
        var routed = new RoutedPage[pages.Count];
        for (var i = 0; i < pages.Count; i++)
        {
            routed[i] = pages[i].Error is not null
                ? new RoutedPage(PageRoute.Failed, Error: pages[i].Error)
                : new RoutedPage(hard[i] ? PageRoute.VlmPending : PageRoute.Cheap);
        }

        return Task.FromResult<IReadOnlyList<RoutedPage>>(routed);
    }
}

/// <summary>Applies the per-document cap on hard pages.</summary>
public static class HardPageSelection
{
    public const int DefaultMinTextChars = 20;

    /// <summary>
    /// Which pages go to the VLM: pages the detector calls hard, highest scores first, up to the share; and every page
    /// without a usable text layer (detector reason no_text_layer, or fewer than <paramref name="minTextChars"/>
    /// characters: a scan), whatever the detector said.
    /// </summary>
    public static bool[] Select(IReadOnlyList<PageResult> pages, double maxHardShare, int minTextChars = DefaultMinTextChars)
    {
        var hard = new bool[pages.Count];
        var candidates = new List<int>();
        for (var i = 0; i < pages.Count; i++)
        {
            if (pages[i].Error is null && pages[i].CharCount < minTextChars)
            {
                hard[i] = true;
            }
            else if (pages[i].Hard && pages[i].Error is null)
            {
                if (pages[i].HardReasons.Contains("no_text_layer"))
                {
                    hard[i] = true;
                }
                else
                {
                    candidates.Add(i);
                }
            }
        }

        var budget = (int)Math.Floor(maxHardShare * pages.Count) - hard.Count(h => h);
        foreach (var i in candidates.OrderByDescending(i => pages[i].HardScore).ThenBy(i => i).Take(Math.Max(0, budget)))
        {
            hard[i] = true;
        }

        return hard;
    }
}
