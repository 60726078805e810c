namespace SciCurate.Parsers.Pdf;

/// <summary>
/// The decoded-size limit of one open document (Pdf:MaxDecodedMegabytes). It remembers the first stream that went
/// over: the PDF library swallows some decode errors (a font that fails to load is skipped), and a document holding a
/// decompression bomb must still fail, not parse "ok" without the bombed font.
/// </summary>
public sealed class DecodeLimit(long maxBytes)
{
    public long MaxBytes { get; } = maxBytes;

    /// <summary>Why the document failed (<c>too large when decoded: …</c>), or null while every stream kept within the limit.</summary>
    public string? Exceeded { get; private set; }

    internal PdfDecodeLimitException Trip(string filter)
    {
        Exceeded ??= $"too large when decoded: a {filter} stream decodes to more than {MaxBytes / (1024 * 1024)} MB (Pdf:MaxDecodedMegabytes)";
        return new PdfDecodeLimitException(Exceeded);
    }
}

/// <summary>A stream that decodes beyond <see cref="DecodeLimit"/>; thrown to stop decoding at once.</summary>
public sealed class PdfDecodeLimitException : Exception
{
    public PdfDecodeLimitException(string message) : base(message) { }

    public PdfDecodeLimitException() { }

    public PdfDecodeLimitException(string message, Exception inner) : base(message, inner) { }
}
