using System.Text.RegularExpressions;
using SciCurate.DomainFilter.Web;

namespace SciCurate.DomainFilter.Tests.Web;

public sealed partial class RegisteredDomainTests
{
    [Fact]
    public void Of_GroupsSubdomainsUnderOneSite_WhenSuffixIsCoUk()
    {
        Assert.Equal("example.co.uk", RegisteredDomain.Of("a.example.co.uk"));
        Assert.Equal("example.co.uk", RegisteredDomain.Of("b.example.co.uk"));
        Assert.Equal(RegisteredDomain.Of("a.example.co.uk"), RegisteredDomain.Of("www.b.example.co.uk"));
    }

    [Fact]
    public void Of_KeepsGithubPagesApart_WhenSuffixIsInPrivateSection()
    {
        Assert.Equal("x.github.io", RegisteredDomain.Of("x.github.io"));
        Assert.Equal("y.github.io", RegisteredDomain.Of("www.y.github.io"));
        Assert.NotEqual(RegisteredDomain.Of("x.github.io"), RegisteredDomain.Of("y.github.io"));
    }

    [Theory]
    [InlineData("WWW.Example.COM.", "example.com")]
    [InlineData("example.com:8080", "example.com")]
    [InlineData("192.168.1.20", "192.168.1.20")]
    [InlineData("[2001:DB8::1]", "2001:db8::1")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("localhost", "localhost")]
    [InlineData("github.io", "github.io")]
    [InlineData("co.uk", "co.uk")]
    [InlineData("", "")]
    [InlineData(".example.com", "")]
    [InlineData("a..b.com", "")]
    [InlineData("b.c.kobe.jp", "b.c.kobe.jp")]
    [InlineData("www.city.kobe.jp", "city.kobe.jp")]
    [InlineData("食狮.com.cn", "xn--85x722f.com.cn")]
    [InlineData("www.Bücher.de", "xn--bcher-kva.de")]
    [InlineData("math.stackexchange.com", "stackexchange.com")]
    [InlineData("en.m.wikipedia.org", "wikipedia.org")]
    [InlineData("foo.blogspot.com", "foo.blogspot.com")]
    public void Of_ReturnsExpectedSite(string host, string expected) =>
        Assert.Equal(expected, RegisteredDomain.Of(host));

    [Fact]
    public void Of_GroupsUnicodeAndPunycodeForms_AsOneSite() =>
        Assert.Equal(RegisteredDomain.Of("www.食狮.公司.cn"), RegisteredDomain.Of("xn--85x722f.xn--55qx5d.cn"));

    [Fact]
    public void OfUrl_UsesTheUrlsHost()
    {
        Assert.Equal("example.co.uk", RegisteredDomain.OfUrl("https://a.example.co.uk/path?q=1"));
        Assert.Equal("", RegisteredDomain.OfUrl("not a url"));
    }

    [Fact]
    public void Embedded_ListHasIcannAndPrivateRules() =>
        Assert.InRange(PublicSuffixList.Embedded.Count, 8000, 20000);

    /// <summary>The PSL's own test suite (test_psl.txt, CC0), every case.</summary>
    [Fact]
    public void Registrable_PassesThePublicSuffixListTestSuite()
    {
        var lines = File.ReadAllLines(SciCurate.TestSupport.TestData.DataFile("psl/test_psl.txt"));
        var cases = 0;
        var failures = new List<string>();
        foreach (var line in lines)
        {
            var m = CheckLine().Match(line);
            if (!m.Success)
            {
                continue;
            }

            var input = Unquote(m.Groups[1].Value);
            var expected = Unquote(m.Groups[2].Value);
            if (input is null)
            {
                continue;
            }

            cases++;
            var ascii = HostName.ToAscii(input);
            var actual = ascii is null ? null : RegisteredDomain.Registrable(ascii, PublicSuffixList.Embedded);
            var want = expected is null ? null : HostName.ToAscii(expected);
            if (actual != want)
            {
                failures.Add($"{input}: expected {want ?? "null"}, got {actual ?? "null"}");
            }
        }

        Assert.True(cases > 60, $"only {cases} cases read");
        Assert.Empty(failures);
    }

    [Fact]
    public void Punycode_MatchesRfc3492Examples()
    {
        // RFC 3492 section 7.1 (A) Arabic (Egyptian) and (L) a Japanese mix, lower-cased.
        Assert.Equal("egbpdaj6bu4bxfgehfvwxn", HostName.Punycode.Encode("\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F"));
        Assert.Equal("3b-ww4c5e180e575a65lsy2b", HostName.Punycode.Encode("3\u5E74b\u7D44\u91D1\u516B\u5148\u751F"));
        Assert.Equal("bcher-kva", HostName.Punycode.Encode("bücher"));
    }

    private static string? Unquote(string s) => s == "null" ? null : s.Trim('\'');

    [GeneratedRegex(@"^checkPublicSuffix\(('[^']*'|null),\s*('[^']*'|null)\);")]
    private static partial Regex CheckLine();
}
