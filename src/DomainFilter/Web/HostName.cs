using System.Globalization;
using System.Net;
using System.Text;

namespace SciCurate.DomainFilter.Web;

/// <summary>
/// Host name normalisation for grouping: lower case, no trailing dot, no port, IDN labels in punycode (<c>xn--</c>),
/// so <c>食狮.com.cn</c> and <c>xn--85x722f.com.cn</c> group together. Punycode is encoded here (RFC 3492) rather than
/// through <see cref="IdnMapping"/>, which needs ICU and the build runs in invariant-globalization mode.
/// </summary>
public static class HostName
{
    /// <summary>The normalised ASCII form of a host, or null when it is not a usable host name.</summary>
    public static string? ToAscii(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        var h = host.Trim();
        if (h.EndsWith('.'))
        {
            h = h[..^1];
        }

        if (h.Length == 0 || h.StartsWith('.') || h.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        if (IsAscii(h))
        {
            return h.ToLowerInvariant();
        }

        try
        {
            h = h.Normalize(NormalizationForm.FormC);
        }
        catch (PlatformNotSupportedException)
        {
            // Invariant mode without normalisation data: keep the text as it came.
        }

        // IDNA separators: ideographic and full-width full stops count as dots.
        h = h.Replace('\u3002', '.').Replace('\uFF0E', '.').Replace('\uFF61', '.');
        var labels = h.Split('.');
        var sb = new StringBuilder(h.Length + 8);
        foreach (var label in labels)
        {
            if (sb.Length > 0)
            {
                sb.Append('.');
            }

            var lower = label.ToLowerInvariant();
            if (IsAscii(lower))
            {
                sb.Append(lower);
            }
            else
            {
                var encoded = Punycode.Encode(lower);
                if (encoded is null)
                {
                    return null;
                }

                sb.Append("xn--").Append(encoded);
            }
        }

        return sb.ToString();
    }

    /// <summary>True for IPv4 and IPv6 literals (with or without brackets).</summary>
    public static bool IsIpAddress(string host)
    {
        var h = host.Trim();
        if (h.StartsWith('[') && h.EndsWith(']'))
        {
            h = h[1..^1];
        }

        // IPAddress.TryParse also takes "1" or "1.2" as IPv4 shorthand; only full dotted quads and IPv6 count here.
        if (h.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(h, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }

        return h.Count('.') == 3 && IPAddress.TryParse(h, out _);
    }

    private static bool IsAscii(string s) => Ascii.IsValid(s);

    /// <summary>RFC 3492 Punycode, encoding only (what grouping needs).</summary>
    internal static class Punycode
    {
        private const int Base = 36, TMin = 1, TMax = 26, Skew = 38, Damp = 700, InitialBias = 72, InitialN = 128;

        public static string? Encode(string input)
        {
            var codePoints = new List<int>(input.Length);
            for (var i = 0; i < input.Length; i++)
            {
                if (char.IsHighSurrogate(input[i]) && i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]))
                {
                    codePoints.Add(char.ConvertToUtf32(input[i], input[i + 1]));
                    i++;
                }
                else if (char.IsSurrogate(input[i]))
                {
                    return null;
                }
                else
                {
                    codePoints.Add(input[i]);
                }
            }

            var output = new StringBuilder();
            foreach (var c in codePoints)
            {
                if (c < 0x80)
                {
                    output.Append((char)c);
                }
            }

            var basic = output.Length;
            var handled = basic;
            if (basic > 0)
            {
                output.Append('-');
            }

            var n = InitialN;
            var delta = 0L;
            var bias = InitialBias;
            while (handled < codePoints.Count)
            {
                var m = int.MaxValue;
                foreach (var c in codePoints)
                {
                    if (c >= n && c < m)
                    {
                        m = c;
                    }
                }

                delta += (long)(m - n) * (handled + 1);
                if (delta > int.MaxValue)
                {
                    return null;
                }

                n = m;
                foreach (var c in codePoints)
                {
                    if (c < n)
                    {
                        delta++;
                    }

                    if (c == n)
                    {
                        var q = delta;
                        for (var k = Base; ; k += Base)
                        {
                            var t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                            if (q < t)
                            {
                                break;
                            }

                            output.Append(Digit((int)(t + ((q - t) % (Base - t)))));
                            q = (q - t) / (Base - t);
                        }

                        output.Append(Digit((int)q));
                        bias = Adapt(delta, handled + 1, handled == basic);
                        delta = 0;
                        handled++;
                    }
                }

                delta++;
                n++;
            }

            return output.ToString();
        }

        private static char Digit(int d) => (char)(d < 26 ? 'a' + d : '0' + (d - 26));

        private static int Adapt(long delta, int numPoints, bool first)
        {
            delta = first ? delta / Damp : delta / 2;
            delta += delta / numPoints;
            var k = 0;
            while (delta > ((Base - TMin) * TMax) / 2)
            {
                delta /= Base - TMin;
                k += Base;
            }

            return (int)(k + ((Base - TMin + 1) * delta / (delta + Skew)));
        }
    }
}
