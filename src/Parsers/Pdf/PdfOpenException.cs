namespace SciCurate.Parsers.Pdf;

/// <summary>A PDF that cannot be parsed, with a reason a user can act on.</summary>
public sealed class PdfOpenException : Exception
{
    public PdfOpenException(string reason, Exception? inner = null) : base(reason, inner) { }

    public PdfOpenException() { }

    public PdfOpenException(string message) : base(message) { }
}
