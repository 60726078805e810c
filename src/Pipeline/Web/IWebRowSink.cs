using SciCurate.DomainFilter.Web;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Web;

/// <summary>
/// Where web intake puts the rows it extracts until they are committed with the inputs they finish: shards of the
/// output (<see cref="ShardRowSink"/>, the served intake jobs) or the run's staging (<see cref="StagingRowSink"/>,
/// `curate run`). <see cref="WebCorpusRunner"/> reads, extracts, checkpoints and resumes the same way for both.
/// </summary>
public interface IWebRowSink
{
    /// <summary>The batch the rows are committed under (their shards' names).</summary>
    string Batch { get; }

    /// <summary>Inputs the sink holds beyond the manifest, as far as its last commit got (newer than the manifest's entries).</summary>
    IReadOnlyDictionary<string, InputEntry> Inputs { get; }

    /// <summary>Committed pages the sink holds beyond the output's shards, in intake order.</summary>
    IReadOnlyList<StagedPage> Pages { get; }

    /// <summary>True when the rows since the last commit make a full shard (Run:ShardMaxRows rows or Run:ShardMaxMegabytes).</summary>
    bool IsFull { get; }

    /// <summary>Shards committed to the output so far.</summary>
    int ShardsCommitted { get; }

    /// <summary>Adds a row; it counts once the next commit is made.</summary>
    Task AddAsync(WebDocumentRow row);

    /// <summary>
    /// Makes every row added so far durable with <paramref name="inputs"/> (finished, or partial with their pages held).
    /// Not cancellable: a commit stopped half-way would leave rows the inputs' entries do not account for.
    /// </summary>
    Task CommitAsync(IReadOnlyDictionary<string, InputEntry> inputs);
}
