namespace SciCurate.Pipeline.Output;

/// <summary>A document row that a later pass may mark (as a duplicate, with the reason): pdf_documents and web_documents.</summary>
public interface IMarkableDocumentRow
{
    string DocId { get; }
    string Status { get; set; }
    string? Error { get; set; }
    string? DuplicateOf { get; set; }
}
