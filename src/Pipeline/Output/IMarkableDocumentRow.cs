namespace SciCurate.Pipeline.Output;

/// <summary>A document row that a later pass may mark (as a duplicate, with the reason): pdf_documents and web_documents.</summary>
public interface IMarkableDocumentRow
{
    string DocId { get; }

    /// <summary>Marks the row a copy of <paramref name="keptId"/>, saying why in its error column.</summary>
    void MarkDuplicate(DuplicateMark mark, string keptId, string reason);
}
