namespace SciCurate.Pipeline.Pdf;

/// <summary>Where a page went and, when a VLM read it, what it said. <see cref="Cached"/>: the answer came from the answer cache (not paid again).</summary>
public sealed record RoutedPage(PageRoute Route, string? Markdown = null, string Parser = "pdfpig", string? Model = null,
    long PromptTokens = 0, long CompletionTokens = 0, double CostUsd = 0, double ElapsedMs = 0, string? Error = null,
    bool Cached = false)
{
    public static readonly RoutedPage Cheap = new(PageRoute.Cheap);
    public static readonly RoutedPage Pending = new(PageRoute.VlmPending);
}
