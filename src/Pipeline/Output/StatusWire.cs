using SciCurate.DomainFilter.Judge;
using SciCurate.DomainFilter.Web;
using SciCurate.Pipeline.Pdf;

namespace SciCurate.Pipeline.Output;

/// <summary>
/// The statuses as they are written in Parquet columns and manifest.json: the one place where a status is a string.
/// Everything else handles the enums; a reader that meets a name not listed here fails with the name.
/// </summary>
public static class StatusWire
{
    public static string ToWire(this PageRoute route) => route switch
    {
        PageRoute.Cheap => "cheap",
        PageRoute.Vlm => "vlm",
        PageRoute.VlmPending => "vlm_pending",
        PageRoute.VlmFailed => "vlm_failed",
        PageRoute.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(route)),
    };

    public static PageRoute ParsePageRoute(string wire) => wire switch
    {
        "cheap" => PageRoute.Cheap,
        "vlm" => PageRoute.Vlm,
        "vlm_pending" => PageRoute.VlmPending,
        "vlm_failed" => PageRoute.VlmFailed,
        "failed" => PageRoute.Failed,
        _ => throw Unknown("page route", wire),
    };

    public static string ToWire(this PdfDocumentStatus status) => status switch
    {
        PdfDocumentStatus.Ok => "ok",
        PdfDocumentStatus.Failed => "failed",
        PdfDocumentStatus.Duplicate => "duplicate",
        PdfDocumentStatus.NearDuplicate => "near_duplicate",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static PdfDocumentStatus ParsePdfDocumentStatus(string wire) => wire switch
    {
        "ok" => PdfDocumentStatus.Ok,
        "failed" => PdfDocumentStatus.Failed,
        "duplicate" => PdfDocumentStatus.Duplicate,
        "near_duplicate" => PdfDocumentStatus.NearDuplicate,
        _ => throw Unknown("pdf document status", wire),
    };

    public static string ToWire(this WebPageStatus status) => status switch
    {
        WebPageStatus.Ok => "ok",
        WebPageStatus.Failed => "failed",
        WebPageStatus.Duplicate => "duplicate",
        WebPageStatus.NearDuplicate => "near_duplicate",
        WebPageStatus.Kept => "kept",
        WebPageStatus.Dropped => "dropped",
        WebPageStatus.RewritePending => "rewrite_pending",
        WebPageStatus.Rewritten => "rewritten",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static WebPageStatus ParseWebPageStatus(string wire) => wire switch
    {
        "ok" => WebPageStatus.Ok,
        "failed" => WebPageStatus.Failed,
        "duplicate" => WebPageStatus.Duplicate,
        "near_duplicate" => WebPageStatus.NearDuplicate,
        "kept" => WebPageStatus.Kept,
        "dropped" => WebPageStatus.Dropped,
        "rewrite_pending" => WebPageStatus.RewritePending,
        "rewritten" => WebPageStatus.Rewritten,
        _ => throw Unknown("web page status", wire),
    };

    public static string ToWire(this InputStatus status) => status switch
    {
        InputStatus.Ok => "ok",
        InputStatus.Failed => "failed",
        InputStatus.Duplicate => "duplicate",
        InputStatus.Partial => "partial",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static InputStatus ParseInputStatus(string wire) => wire switch
    {
        "ok" => InputStatus.Ok,
        "failed" => InputStatus.Failed,
        "duplicate" => InputStatus.Duplicate,
        "partial" => InputStatus.Partial,
        _ => throw Unknown("input status", wire),
    };

    /// <summary>A document's status after a duplicate mark (the same word for PDF and web rows).</summary>
    public static PdfDocumentStatus ToPdfStatus(this DuplicateMark mark) =>
        mark == DuplicateMark.Exact ? PdfDocumentStatus.Duplicate : PdfDocumentStatus.NearDuplicate;

    public static WebPageStatus ToWebStatus(this DuplicateMark mark) =>
        mark == DuplicateMark.Exact ? WebPageStatus.Duplicate : WebPageStatus.NearDuplicate;

    /// <summary>The decision column: null until the judge ran.</summary>
    public static string? ToWire(this DomainDecision? decision) => decision?.ToWire();

    public static DomainDecision? ParseDecision(string? wire) => wire is null ? null : DomainDecisions.Parse(wire);

    private static InvalidDataException Unknown(string what, string wire) =>
        new($"'{wire}' is not a {what} this curate knows (the output was written by a newer curate?)");
}
