using SciCurate.DomainFilter.Web;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Web;

/// <summary>
/// Web rows staged for the judge (<see cref="WebStaging"/>), checkpointed as often as shards would be committed; the
/// staging's journal holds what an interrupted run got through.
/// </summary>
public sealed class StagingRowSink(WebStaging staging, RunOptions options) : IWebRowSink
{
    public string Batch => staging.Batch;

    public IReadOnlyDictionary<string, InputEntry> Inputs => staging.Inputs;

    public IReadOnlyList<StagedPage> Pages => staging.Pages;

    public bool IsFull => staging.IsFull(options);

    /// <summary>None: the judge writes the staged rows.</summary>
    public int ShardsCommitted => 0;

    public Task AddAsync(WebDocumentRow row)
    {
        staging.Add(row);
        return Task.CompletedTask;
    }

    public Task CommitAsync(IReadOnlyDictionary<string, InputEntry> inputs)
    {
        staging.Checkpoint(inputs);
        return Task.CompletedTask;
    }
}
