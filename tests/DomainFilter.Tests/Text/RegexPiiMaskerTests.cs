using SciCurate.DomainFilter.Text;
using Xunit;

namespace SciCurate.DomainFilter.Tests.Text;

public sealed class RegexPiiMaskerTests
{
    private static readonly RegexPiiMasker Masker = new(new PiiOptions());

    [Theory]
    [InlineData("Questions to jane.doe@physics.example.edu before Friday.", "Questions to <EMAIL_ADDRESS> before Friday.")]
    [InlineData("Contact: m.mueller+lab@uni-heidelberg.de, or the office.", "Contact: <EMAIL_ADDRESS>, or the office.")]
    [InlineData("The server at 93.184.216.34 answered.", "The server at <IP_ADDRESS> answered.")]
    [InlineData("Logged from 8.8.8.8 and 2001:db8:85a3::8a2e:370:7334 yesterday.", "Logged from <IP_ADDRESS> and <IP_ADDRESS> yesterday.")]
    [InlineData("Call +44 20 7946 0958 for bookings.", "Call <PHONE_NUMBER> for bookings.")]
    [InlineData("US office: (202) 555-0143.", "US office: <PHONE_NUMBER>.")]
    [InlineData("Helpline 202-555-0199 (weekdays).", "Helpline <PHONE_NUMBER> (weekdays).")]
    [InlineData("Tel: 030 2093 4567", "Tel: <PHONE_NUMBER>")]
    [InlineData("Fax. 06221 54-8765 only.", "Fax. <PHONE_NUMBER> only.")]
    public void Mask_ReplacesPersonalData(string text, string expected)
    {
        Assert.Equal(expected, Masker.Mask(text).Text);
    }

    [Theory]
    [InlineData("See https://doi.org/10.1038/s41586-021-03819-2 and doi:10.1103/PhysRevLett.116.061102.")]
    [InlineData("Preprint arXiv:2301.12345v2 [hep-th], also 2508.15763.")]
    [InlineData("Tested with version 1.2.3.4 and v10.0.19041.1 of the driver.")]
    [InlineData("As shown in Section 2.1.3.4, the bound holds.")]
    [InlineData("We set $x = 1.5 \\cdot 10^{-3}$ and $E = mc^2$, so 3.14159 \\approx \\pi.")]
    [InlineData("The run took 12:30:45 on 2023-01-15, pages 123-456, ISBN 978-3-16-148410-0.")]
    [InlineData("Grant No. 2019-123-4567 and ISSN 0028-0836; population 1,234,567.")]
    [InlineData("std::vector<int> and Foo::Bar::baz() are C++ names.")]
    [InlineData("Coordinates 48.8566, 2.3522 and the ratio 1:2:3.")]
    [InlineData("Python 3.11.4.1 was used; see Table 1.2.3.4.")]
    [InlineData("@misc{key, author = {Doe}} and the handle @janedoe.")]
    public void Mask_LeavesScienceAlone(string text)
    {
        var masked = Masker.Mask(text);
        Assert.Equal(text, masked.Text);
        Assert.Equal(0, masked.Total);
    }

    [Fact]
    public void Mask_CountsEachKind()
    {
        var masked = Masker.Mask("Write to a@b.org or c.d@e.co.uk, from 10.1.2.3 or 2001:db8::1, phone +1 415 555 2671.");
        Assert.Equal((2, 2, 1), (masked.Emails, masked.IpAddresses, masked.PhoneNumbers));
    }
}
