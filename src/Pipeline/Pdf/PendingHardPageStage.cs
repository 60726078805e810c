namespace SciCurate.Pipeline.Pdf;

/// <summary>
/// No VLM endpoint configured: hard pages keep their cheap Markdown and are marked vlm_pending, to be read by a later
/// `curate reprocess --stage vlm`.
/// </summary>
public sealed class PendingHardPageStage : IHardPageStage
{
    public Task RouteAsync(string pdfPath, IReadOnlyList<DocumentPage> pages, CancellationToken ct)
    {
        foreach (var page in pages)
        {
            page.Route = page.Parsed.Error is not null ? new RoutedPage(PageRoute.Failed, Error: page.Parsed.Error)
                : page.ToVlm ? RoutedPage.Pending
                : RoutedPage.Cheap;
        }

        return Task.CompletedTask;
    }
}
