namespace SciCurate.DomainFilter.Web;

/// <summary>
/// The registered domain (eTLD+1) of a host, the unit the domain judge groups pages by: the public suffix from the
/// Public Suffix List (ICANN and private sections) plus one label. <c>a.example.co.uk</c> and <c>b.example.co.uk</c>
/// give <c>example.co.uk</c> (one site); <c>x.github.io</c> and <c>y.github.io</c> stay apart (two sites).
/// </summary>
/// <remarks>
/// Hosts with no registrable part still get a key, so that every page lands in some group: an IP address is its
/// own site, a single-label host (<c>localhost</c>, intranet names) is its own site, and a host that is itself a
/// public suffix (<c>github.io</c>, <c>co.uk</c>) is its own site. IDN hosts come back in punycode. An unusable host
/// (empty, <c>..</c>, a leading dot) gives the empty string.
/// </remarks>
public static class RegisteredDomain
{
    /// <summary>The date of the embedded Public Suffix List (Debian publicsuffix 20230209.2326-1).</summary>
    public const string ListDate = "2023-02-09";

    /// <summary>The registered domain of a host (see the type's remarks for hosts without one).</summary>
    public static string Of(string? host) => Of(host, PublicSuffixList.Embedded);

    /// <summary>The registered domain of a host under a given list.</summary>
    public static string Of(string? host, PublicSuffixList list)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return "";
        }

        var h = host.Trim();
        if (HostName.IsIpAddress(h))
        {
            return h.Trim('[', ']').ToLowerInvariant();
        }

        // Tolerate a port (host:8080) on a name; IPv6 literals were handled above.
        var colon = h.LastIndexOf(':');
        if (colon > 0)
        {
            h = h[..colon];
        }

        var ascii = HostName.ToAscii(h);
        if (ascii is null)
        {
            return "";
        }

        return Registrable(ascii, list) ?? ascii;
    }

    /// <summary>
    /// The strict registrable domain of a normalised ASCII host, or null when the host is itself a public suffix or a
    /// single label (the PSL test-suite semantics).
    /// </summary>
    public static string? Registrable(string asciiHost, PublicSuffixList list)
    {
        var span = asciiHost.AsSpan();
        var labels = span.Count('.') + 1;
        if (labels < 2)
        {
            return null;
        }

        var suffix = list.SuffixLabels(span);
        if (suffix >= labels)
        {
            return null;
        }

        // Keep suffix + 1 labels from the right.
        var start = span.Length;
        for (var i = 0; i < suffix + 1; i++)
        {
            start = span[..start].LastIndexOf('.');
            if (start < 0)
            {
                return asciiHost;
            }
        }

        return asciiHost[(start + 1)..];
    }

    /// <summary>The registered domain of a URL's host, or the empty string when the URL has no host.</summary>
    public static string OfUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) ? Of(uri.Host) : "";
}
