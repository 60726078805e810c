namespace SciCurate.DomainFilter.Text;

/// <summary>PII masking (config section "Pii"): on for web text (pages written by anyone), off for PDFs (papers name their authors' addresses on purpose).</summary>
public sealed class PiiOptions
{
    public bool Web { get; set; } = true;

    public bool Pdf { get; set; }

    public string EmailPlaceholder { get; set; } = "<EMAIL_ADDRESS>";

    public string IpPlaceholder { get; set; } = "<IP_ADDRESS>";

    public string PhonePlaceholder { get; set; } = "<PHONE_NUMBER>";
}
