using System.Security.Cryptography;
using System.Text;

namespace SciCurate.DomainFilter.Web;

/// <summary>
/// Normalises URLs so that the same page gets the same id: lower-case scheme and host, default port and fragment
/// dropped, an empty path made "/". The query is kept as is (it often selects the page).
/// </summary>
public static class UrlNormalizer
{
    public static string Normalize(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return url.Trim();
        }

        var builder = new UriBuilder(uri) { Fragment = "", Scheme = uri.Scheme.ToLowerInvariant(), Host = uri.Host.ToLowerInvariant() };
        if (uri.IsDefaultPort)
        {
            builder.Port = -1;
        }

        if (builder.Path.Length == 0)
        {
            builder.Path = "/";
        }

        return builder.Uri.AbsoluteUri;
    }

    /// <summary>SHA-256 (lower-case hex) of the normalised URL: the web document id.</summary>
    public static string DocId(string url) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(url))));

    public static string HostOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) ? uri.Host : "";
}
