using SciCurate.DomainFilter.Web;

namespace SciCurate.DomainFilter.Judge;

/// <summary>A page's status under its domain's verdict, and whether what an earlier verdict left on it goes.</summary>
/// <param name="Status">The page's new status.</param>
/// <param name="StartsAfresh">True when the page's rewritten text and error are cleared; false when a stored rewrite stands.</param>
public readonly record struct PageUnderVerdict(WebPageStatus Status, bool StartsAfresh);

/// <summary>
/// How a domain's verdict (keep, rewrite, drop) and a rewrite's result become page statuses: the one place this is
/// decided, for `curate run`, `curate reprocess --stage judge|rewrite` and the queued jobs alike.
/// </summary>
public static class DomainVerdictRule
{
    /// <summary>
    /// Pages the judge looks at and applies its verdict to: not URL or text duplicates, and not pages whose extraction
    /// failed (failed without a decision); a page whose rewrite failed (failed with a decision) is judged again.
    /// </summary>
    public static bool IsJudgeable(WebPageStatus status, DomainDecision? decision) =>
        status is not (WebPageStatus.Duplicate or WebPageStatus.NearDuplicate) && (status != WebPageStatus.Failed || decision is not null);

    /// <summary>
    /// The status a judgeable page takes under <paramref name="decision"/>. Keep and drop always start afresh; rewrite
    /// keeps a page already rewritten under a rewrite verdict (its text is paid for), and puts every other page in
    /// line for a rewrite.
    /// </summary>
    public static PageUnderVerdict Apply(DomainDecision decision, DomainDecision? previousDecision, WebPageStatus status) => decision switch
    {
        DomainDecision.Keep => new(WebPageStatus.Kept, StartsAfresh: true),
        DomainDecision.Drop => new(WebPageStatus.Dropped, StartsAfresh: true),
        DomainDecision.Rewrite when previousDecision == DomainDecision.Rewrite && status == WebPageStatus.Rewritten => new(status, StartsAfresh: false),
        DomainDecision.Rewrite => new(WebPageStatus.RewritePending, StartsAfresh: true),
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };

    /// <summary>A page to send to the rewriter (when one is configured): a rewrite domain's page not yet rewritten, or whose rewrite failed.</summary>
    public static bool NeedsRewrite(DomainDecision? decision, WebPageStatus status) =>
        decision == DomainDecision.Rewrite && status is WebPageStatus.RewritePending or WebPageStatus.Failed;

    /// <summary>
    /// The status after a rewrite: rewritten; still pending when the endpoint was in trouble (throttled, down: not the
    /// page's fault, so `curate reprocess --stage rewrite` tries again); failed when the answer was refused.
    /// </summary>
    public static WebPageStatus AfterRewrite(RewriteResult result) =>
        result.Ok ? WebPageStatus.Rewritten : result.EndpointFault ? WebPageStatus.RewritePending : WebPageStatus.Failed;
}
