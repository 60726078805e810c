using SciCurate.Detectors;
using SciCurate.Parsers.Pdf;
using SciCurate.Parsers.Pdf.Forms;
using UglyToad.PdfPig;

namespace SciCurate.Pipeline.Pdf;

/// <summary>
/// The CPU work on one document's pages: cheap parse, features and detector verdict. Runs inside a parse worker
/// process (so a crash or hang in the PDF library costs one document, never the run) and in tests in process.
/// </summary>
public sealed class PageProcessor(IPageParser parser, IHardPageDetector detector, PdfOpenOptions openOptions) : IDisposable
{
    private string? _openPath;
    private PdfDocument? _open;
    private DocumentFormValues _form = DocumentFormValues.None;

    public ChunkResponse Process(ChunkRequest request, int chunkPages)
    {
        PdfDocument document;
        try
        {
            document = OpenCached(request.Path);
        }
        catch (PdfOpenException e)
        {
            return new ChunkResponse(request.Id, e.Message, 0, []);
        }

        int count;
        try
        {
            count = document.NumberOfPages;
        }
        catch (Exception e)
        {
            Close();
            return new ChunkResponse(request.Id, "corrupt PDF: " + PdfOpener.Describe(e), 0, []);
        }

        var first = Math.Max(1, request.First);
        var last = request.Last > 0 ? Math.Min(request.Last, count) : Math.Min(count, first + chunkPages - 1);
        var pages = new List<PageResult>(Math.Max(0, last - first + 1));
        for (var n = first; n <= last; n++)
        {
            pages.Add(ProcessPage(document, request.Path, n, last));
            if (PdfOpener.DecodeLimitExceeded(document) is { } tooLarge)
            {
                // A decompression bomb (Pdf:MaxDecodedMegabytes) fails the document, even where the library skipped the stream.
                Close();
                return new ChunkResponse(request.Id, tooLarge, 0, []);
            }
        }

        return new ChunkResponse(request.Id, null, count, pages);
    }

    private PageResult ProcessPage(PdfDocument document, string path, int number, int last)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var page = document.GetPage(number);
            var parsed = parser.Parse(page, _form.OnPage(number));
            var features = PageFeatureExtractor.Extract(page, parsed);
            var verdict = detector is IPageImageDetector image
                ? image.Detect(features, new PageSource(path, number, parsed.Width, parsed.Height, last))
                : detector.Detect(features);
            return new PageResult(number, parsed.Width, parsed.Height, parsed.Blocks, parsed.CharCount,
                clock.Elapsed.TotalMilliseconds, features.Values, verdict.Score, verdict.Hard, verdict.Reasons, detector.Name, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One unreadable page does not sink the document: it is recorded as failed and counted as hard.
            return new PageResult(number, 0, 0, [], 0, clock.Elapsed.TotalMilliseconds, [], 1, true, ["page_error"], detector.Name,
                "page failed: " + PdfOpener.Describe(e));
        }
    }

    private PdfDocument OpenCached(string path)
    {
        if (_open is not null && _openPath == path)
        {
            return _open;
        }

        Close();
        _open = PdfOpener.Open(path, openOptions);
        _openPath = path;
        // Read once per document: a chunk of pages needs the values of fields whose first widget sits on its pages.
        _form = AcroFormValueReader.Read(_open);
        return _open;
    }

    private void Close()
    {
        _open?.Dispose();
        _open = null;
        _openPath = null;
        _form = DocumentFormValues.None;
    }

    public void Dispose()
    {
        Close();
        (detector as IDisposable)?.Dispose();
    }
}
