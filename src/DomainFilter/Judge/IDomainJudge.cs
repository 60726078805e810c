namespace SciCurate.DomainFilter.Judge;

/// <summary>Decides keep, rewrite or drop for a whole domain from a sample of its pages.</summary>
public interface IDomainJudge
{
    /// <summary>The label written to the <c>judge</c> column: a model name, or <c>offline</c>.</summary>
    string Name { get; }

    /// <summary>Stored verdicts are reused only under the same version: change it when prompts or rules change.</summary>
    string Version { get; }

    Task<DomainVerdict> JudgeAsync(DomainSample sample, CancellationToken ct);
}

/// <summary>Verdicts kept between runs, keyed by domain and judge version, so a later crawl reuses them.</summary>
public interface IDomainDecisionStore : IAsyncDisposable
{
    Task<DomainVerdict?> GetAsync(string domain, string judgeVersion, CancellationToken ct);

    Task PutAsync(DomainVerdict verdict, CancellationToken ct);
}

/// <summary>Rewrites one page into clean prose, preserving facts, formulas and numbers.</summary>
public interface IPageRewriter
{
    /// <summary>The model name written with rewritten pages.</summary>
    string Name { get; }

    Task<RewriteResult> RewriteAsync(Web.WebDocument page, CancellationToken ct);
}

/// <summary>A rewrite: the text, or an error saying why there is none.</summary>
public sealed record RewriteResult(string? Text, string? Error, int Calls, long PromptTokens, long CompletionTokens)
{
    public bool Ok => Text is not null;

    /// <summary>The call failed because of the endpoint (throttled, down), not the page: the page stays rewrite_pending.</summary>
    public bool EndpointFault { get; init; }
}
