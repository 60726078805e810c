using SciCurate.DomainFilter.Web;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Web;

/// <summary>Web rows written to web_documents shards and committed to the manifest (generation 1; the judge supersedes them).</summary>
public sealed class ShardRowSink(ShardSet shards) : IWebRowSink
{
    public string Batch => shards.Batch;

    /// <summary>None: what the shards' commits finished is the manifest's.</summary>
    public IReadOnlyDictionary<string, InputEntry> Inputs { get; } = new Dictionary<string, InputEntry>();

    /// <summary>None: committed rows are in the output's shards.</summary>
    public IReadOnlyList<StagedPage> Pages => [];

    public bool IsFull => shards.IsFull;

    public int ShardsCommitted => shards.ShardsCommitted;

    public Task AddAsync(WebDocumentRow row) => shards.AddAsync(Tables.WebDocuments, row, CancellationToken.None);

    public Task CommitAsync(IReadOnlyDictionary<string, InputEntry> inputs) => shards.CommitAsync(inputs, superseded: null, CancellationToken.None);
}
