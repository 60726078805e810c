namespace SciCurate.DomainFilter.Web;

/// <summary>
/// The domain a page is grouped under. For now the lower-cased host without a leading "www."; the domain-judge work
/// replaces this with the Public Suffix List's registered domain (eTLD+1) behind the same signature.
/// </summary>
public static class RegisteredDomain
{
    public static string Of(string host)
    {
        var h = host.Trim().TrimEnd('.').ToLowerInvariant();
        return h.StartsWith("www.", StringComparison.Ordinal) ? h[4..] : h;
    }
}
