using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Filters;

namespace SciCurate.Parsers.Pdf;

/// <summary>Opens a PDF with PdfPig and turns every way it can fail into a <see cref="PdfOpenException"/> with a clear reason.</summary>
public static class PdfOpener
{
    public static PdfDocument Open(string path, PdfOpenOptions options)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new PdfOpenException($"file not found: {path}");
        }

        if (info.Length == 0)
        {
            throw new PdfOpenException("empty file (0 bytes)");
        }

        if (info.Length > options.MaxFileMegabytes * 1024 * 1024)
        {
            throw new PdfOpenException($"file too large: {info.Length / (1024 * 1024)} MB > limit {options.MaxFileMegabytes} MB (Pdf:MaxFileMegabytes)");
        }

        CheckHeader(path);
        var limit = new DecodeLimit(options.MaxDecodedMegabytes * 1024L * 1024L);
        var parsing = new ParsingOptions
        {
            FilterProvider = new BoundedFilterProvider(DefaultFilterProvider.Instance, limit),
            UseLenientParsing = true,
            SkipMissingFonts = true,
            Passwords = ["", .. options.Passwords],
        };
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(path, parsing);
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw new PdfOpenException(
                options.Passwords.Count == 0
                    ? "encrypted: the PDF needs a password (set Pdf:Passwords)"
                    : "encrypted: none of the configured passwords (Pdf:Passwords) opens it", e);
        }
        catch (PdfOpenException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new PdfOpenException(limit.Exceeded ?? $"corrupt PDF: {Describe(e)}", e);
        }

        try
        {
            var pages = document.NumberOfPages;
            if (pages <= 0)
            {
                throw new PdfOpenException("corrupt PDF: no pages");
            }

            if (pages > options.MaxPages)
            {
                throw new PdfOpenException($"too many pages: {pages} > limit {options.MaxPages} (Pdf:MaxPages)");
            }
        }
        catch (PdfOpenException)
        {
            document.Dispose();
            throw;
        }
        catch (Exception e)
        {
            document.Dispose();
            throw new PdfOpenException(limit.Exceeded ?? $"corrupt PDF: {Describe(e)}", e);
        }

        Limits.AddOrUpdate(document, limit);
        return document;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PdfDocument, DecodeLimit> Limits = new();

    /// <summary>
    /// Why <paramref name="document"/> must fail because a stream went over Pdf:MaxDecodedMegabytes, or null. Asked
    /// after parsing pages: the library skips some streams that fail to decode (fonts), so an exception alone does not tell.
    /// </summary>
    public static string? DecodeLimitExceeded(PdfDocument document) =>
        Limits.TryGetValue(document, out var limit) ? limit.Exceeded : null;

    /// <summary>A short, single-line description of a parser exception.</summary>
    public static string Describe(Exception e)
    {
        var message = e.Message.ReplaceLineEndings(" ");
        if (message.Length > 300)
        {
            message = message[..300] + "…";
        }

        return $"{e.GetType().Name}: {message}";
    }

    private static void CheckHeader(string path)
    {
        // PDF readers accept the header anywhere in the first 1024 bytes.
        Span<byte> head = stackalloc byte[1024];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        if (head[..read].IndexOf("%PDF-"u8) < 0)
        {
            throw new PdfOpenException("not a PDF: no %PDF- header in the first 1024 bytes");
        }
    }
}
