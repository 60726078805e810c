namespace SciCurate.Pipeline.Pdf;

/// <summary>
/// The child side of the worker protocol (`curate worker`): reads one request frame at a time on stdin, writes one
/// response frame on stdout (<see cref="WorkerFrames"/>), after a byte that says it is ready. A request parses pages
/// of a PDF, or finishes a parsed document's text (<see cref="ChunkRequest.Finish"/>). Logs go to stderr. Ends
/// when stdin closes.
/// </summary>
public static class ParseWorker
{
    public static int Run(PageProcessor processor, PdfDocumentFinisher finisher, int chunkPages)
    {
        using var input = Console.OpenStandardInput();
        using var output = Console.OpenStandardOutput();
        // A byte says the worker is up: the runtime's start-up is not charged to the first document's time limit.
        output.WriteByte(WorkerFrames.Ready);
        output.Flush();
        // The PDF library catches some exceptions itself (a page then reads as empty): an OutOfMemoryException
        // seen anywhere while a request runs still fails its document, as the heap cap intends.
        AppDomain.CurrentDomain.FirstChanceException += (_, e) =>
        {
            if (e.Exception is OutOfMemoryException)
            {
                _outOfMemory = true;
            }
        };
        while (WorkerFrames.ReadFrame(input) is { } frame)
        {
            var request = WorkerFrames.ReadRequest(frame);
            ChunkResponse? response = null;
            var exhausted = false;
            _outOfMemory = false;
            try
            {
                // A finish request carries a whole parsed document: its text work is done here, beside the parsing.
                response = request.Finish is { } pages
                    ? new ChunkResponse(request.Id, null, 0, []) { Finished = finisher.Finish(pages) }
                    : processor.Process(request, chunkPages);
                exhausted = _outOfMemory;
            }
            catch (OutOfMemoryException)
            {
                exhausted = true;
            }
            catch (Exception e)
            {
                response = new ChunkResponse(request.Id, "parser error: " + SciCurate.Parsers.Pdf.PdfOpener.Describe(e), 0, []);
                exhausted = _outOfMemory;
            }

            if (exhausted)
            {
                // The heap cap (Run:WorkerMemoryMegabytes, DOTNET_GCHeapHardLimit) was reached: in practice a stream
                // that inflates to gigabytes. The document fails; this worker exits so the next one starts clean.
                response = new ChunkResponse(request.Id, $"too large when decoded: parsing needed more than the worker's memory limit of {HeapLimitMegabytes()} MB (Run:WorkerMemoryMegabytes)", 0, []);
            }

            output.Write(WorkerFrames.Frame(response!));
            output.Flush();
            if (exhausted)
            {
                return 3;
            }
        }

        return 0;
    }

    private static volatile bool _outOfMemory;

    private static long HeapLimitMegabytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024);
}
