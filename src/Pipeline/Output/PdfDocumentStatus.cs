namespace SciCurate.Pipeline.Output;

/// <summary>What became of a PDF file (pdf_documents.status).</summary>
public enum PdfDocumentStatus
{
    Ok,
    Failed,

    /// <summary>The same words as a kept document (set by the duplicate pass).</summary>
    Duplicate,

    /// <summary>Nearly the same words as a kept document (MinHash).</summary>
    NearDuplicate,
}
