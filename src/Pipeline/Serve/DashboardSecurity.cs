using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http;
using SciCurate.Pipeline.Configuration;

namespace SciCurate.Pipeline.Serve;

/// <summary>
/// Loopback by default; any other binding needs Serve:User and Serve:Password (from the environment) and then every
/// request — pipeline page, API and the Hangfire dashboard — must carry them (HTTP Basic; put TLS in front of it).
/// </summary>
public static class DashboardSecurity
{
    public static bool IsLoopbackOnly(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(IsLoopback);

    private static bool IsLoopback(string url)
    {
        // Kestrel accepts http://*:5080 and http://+:5080, which Uri does not parse: both bind every interface.
        var host = url.Contains("://*", StringComparison.Ordinal) || url.Contains("://+", StringComparison.Ordinal)
            ? "*"
            : Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host.Trim('[', ']') : "*";
        return IsLoopbackHost(host);
    }

    /// <summary>
    /// localhost, 127.0.0.0/8 or ::1. An IPv4-mapped IPv6 address ([::ffff:127.0.0.1]) is not taken for loopback:
    /// binding one is refused without credentials rather than half-accepted.
    /// </summary>
    public static bool IsLoopbackHost(string host)
    {
        host = host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && !ip.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(ip));
    }

    /// <summary>Null when no authentication is needed; throws when it is needed and credentials are missing.</summary>
    public static (string User, string Password)? RequiredCredentials(ServeOptions options, string urls)
    {
        if (IsLoopbackOnly(urls))
        {
            return null;
        }

        if (string.IsNullOrEmpty(options.User) || string.IsNullOrEmpty(options.Password))
        {
            throw new ConfigException($"refusing to listen on {urls} without authentication: export CURATE__Serve__User and CURATE__Serve__Password (or bind to 127.0.0.1)");
        }

        return (options.User, options.Password);
    }

    public static bool Check(HttpContext context, string user, string password)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        // Compare hashes in constant time so neither length nor content leaks through timing.
        var userOk = CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(decoded[..colon])), SHA256.HashData(Encoding.UTF8.GetBytes(user)));
        var passwordOk = CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(decoded[(colon + 1)..])), SHA256.HashData(Encoding.UTF8.GetBytes(password)));
        return userOk & passwordOk;
    }

    /// <summary>For the Hangfire dashboard once the Basic-auth middleware has let the request through.</summary>
    public sealed class AuthenticatedFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => true;
    }
}
