namespace SciCurate.DomainFilter.Text;

/// <summary>Token counting (config section "Tokens").</summary>
public sealed class TokenizerOptions
{
    public const string O200kBase = "o200k_base";
    public const string Cl100kBase = "cl100k_base";

    /// <summary>o200k_base (GPT-4o family) or cl100k_base (GPT-4, GPT-3.5); both vocabularies ship with the tool.</summary>
    public string Encoding { get; set; } = O200kBase;

    public IEnumerable<string> Validate(string section)
    {
        if (Encoding is not (O200kBase or Cl100kBase))
        {
            yield return $"{section}:Encoding must be {O200kBase} or {Cl100kBase}, not '{Encoding}'";
        }
    }
}
