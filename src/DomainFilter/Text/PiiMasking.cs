namespace SciCurate.DomainFilter.Text;

/// <summary>A text with its personal data replaced, and how many of each kind were replaced.</summary>
public sealed record PiiMasking(string Text, int Emails, int IpAddresses, int PhoneNumbers)
{
    public int Total => Emails + IpAddresses + PhoneNumbers;
}
