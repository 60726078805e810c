namespace SciCurate.Pipeline.Pdf;

/// <summary>
/// Carries out the hard-page policy's decision for a document's pages (<see cref="DocumentPage.ToVlm"/>): keeps them
/// pending, or has a VLM read them. Sets each page's <see cref="DocumentPage.Route"/>; decides nothing itself.
/// </summary>
public interface IHardPageStage
{
    Task RouteAsync(string pdfPath, IReadOnlyList<DocumentPage> pages, CancellationToken ct);
}
