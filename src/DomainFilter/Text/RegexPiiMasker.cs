using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace SciCurate.DomainFilter.Text;

/// <summary>Replaces personal data in a text by fixed placeholders.</summary>
public interface IPiiMasker
{
    PiiMasking Mask(string text);
}

/// <summary>
/// E-mail addresses, IPv4/IPv6 addresses and phone numbers replaced by fixed placeholders, as datatrove's PIIFormatter
/// does. Scientific text is full of number patterns that look like these, so each match is checked before it is
/// replaced: an IPv4 address needs four octets of 0–255 not inside a longer dotted number and not after a word
/// that makes it a version or section number; an IPv6 address must parse and have at least three groups (times such as
/// 12:30:45 never do); a phone number needs a leading + (international form), the North American (555) 123-4567 or
/// 555-123-4567 shape, or a preceding "tel"/"phone"/"fax"/"call" cue. DOIs (10.1038/…), arXiv ids (2301.12345v2),
/// ISBNs, dates, page ranges and equations match none of these.
/// </summary>
public sealed partial class RegexPiiMasker(PiiOptions options) : IPiiMasker
{
    public PiiMasking Mask(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new PiiMasking(text, 0, 0, 0);
        }

        int emails = 0, ips = 0, phones = 0;
        var result = EmailPattern().Replace(text, _ =>
        {
            emails++;
            return options.EmailPlaceholder;
        });
        result = Ipv4Pattern().Replace(result, m =>
        {
            if (!IsIpv4(m.Value) || HasVersionCue(result, m.Index))
            {
                return m.Value;
            }

            ips++;
            return options.IpPlaceholder;
        });
        result = Ipv6Pattern().Replace(result, m =>
        {
            if (!IsIpv6(m.Value))
            {
                return m.Value;
            }

            ips++;
            return options.IpPlaceholder;
        });
        result = PhonePattern().Replace(result, m =>
        {
            var digits = m.Value.Count(char.IsAsciiDigit);
            var cued = m.Groups["cued"].Success;
            if (digits is < 7 or > 15 || (m.Groups["intl"].Success && digits < 8))
            {
                return m.Value;
            }

            phones++;
            return cued ? Replace(m, options.PhonePlaceholder) : options.PhonePlaceholder;
        });
        return new PiiMasking(result, emails, ips, phones);
    }

    /// <summary>A cued match keeps its cue ("Tel: ") and loses only the number.</summary>
    private static string Replace(Match m, string placeholder)
    {
        var number = m.Groups["cued"];
        return string.Concat(m.Value.AsSpan(0, number.Index - m.Index), placeholder);
    }

    private static bool IsIpv4(string value)
    {
        foreach (var part in value.Split('.'))
        {
            if (part.Length > 1 && part[0] == '0' || int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIpv6(string value)
    {
        var groups = value.Split(':', StringSplitOptions.RemoveEmptyEntries).Length;
        return groups >= 3 && (value.Contains("::", StringComparison.Ordinal) || groups == 8)
            && IPAddress.TryParse(value, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }

    /// <summary>"version 1.2.3.4", "v1.2.3.4", "Section 2.1.3.4", "Eq. 1.2.3.4": numbering, not an address.</summary>
    private static bool HasVersionCue(string text, int index)
    {
        var start = Math.Max(0, index - 16);
        return VersionCue().IsMatch(text.AsSpan(start, index - start));
    }

    [GeneratedRegex(@"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}\b", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\w.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\w]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6Pattern();

    [GeneratedRegex(@"(?:\b(?:v|ver|version|versions|release|rel|section|sec|sect|§|eq|eqs|equation|table|fig|figure|chapter|ch|theorem|lemma|step|build|firmware|kernel|python|java|node|release)\.?\s*[:#]?\s*$)|(?:\bv$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VersionCue();

    /// <summary>International (+44 20 7946 0958), North American ((202) 555-0143, 202-555-0143), or any number after a phone cue.</summary>
    [GeneratedRegex(
        @"(?<intl>(?<![\w+/.-])\+\d{1,3}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]?\d{1,5}){2,6}(?![\w/]|[.-]\d))"
        + @"|(?<![\w/.(-])(?:\(\d{3}\)[ ]?\d{3}[ .-]\d{4}|\d{3}-\d{3}-\d{4}|\d{3}\.\d{3}\.\d{4})(?![\w/]|[.-]\d)"
        + @"|\b(?:tel|telephone|phone|fax|mobile|cell|call)\b\.?(?:\s*(?:no\.?|number))?\s*[:.]?\s*(?<cued>\(?\d[\d ()./-]{5,22}\d)(?![\w/]|[.-]\d)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
