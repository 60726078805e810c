namespace SciCurate.Pipeline.Configuration;

/// <summary>How a run uses the machine and writes its output (config section "Run").</summary>
public sealed class RunOptions
{
    /// <summary>Parse worker processes; 0 means one per core.</summary>
    public int Workers { get; set; }

    /// <summary>A document still parsing after this many seconds fails with a time-out; its worker is restarted.</summary>
    public int DocumentTimeoutSeconds { get; set; } = 300;

    /// <summary>Pages handed to a worker at a time: large documents are spread over all workers in chunks of this size.</summary>
    public int ChunkPages { get; set; } = 16;

    /// <summary>A shard is closed once it holds this many rows.</summary>
    public int ShardMaxRows { get; set; } = 20000;

    /// <summary>A shard is closed once its uncompressed text passes this many megabytes.</summary>
    public int ShardMaxMegabytes { get; set; } = 256;

    /// <summary>Finished documents are committed (shards renamed, manifest written) at least this often.</summary>
    public int CheckpointSeconds { get; set; } = 60;

    /// <summary>Rows per Parquet row group.</summary>
    public int RowGroupRows { get; set; } = 2000;

    /// <summary>Managed-heap cap of each parse worker in MB (0: none); a document needing more fails as "too large when decoded".</summary>
    public int WorkerMemoryMegabytes { get; set; } = 1024;

    public int EffectiveWorkers => Workers > 0 ? Workers : Environment.ProcessorCount;

    public IEnumerable<string> Validate(string section)
    {
        if (Workers < 0)
        {
            yield return $"{section}:Workers must be 0 (one per core) or more";
        }

        if (WorkerMemoryMegabytes is not 0 and < 256)
        {
            yield return $"{section}:WorkerMemoryMegabytes must be 0 (no cap) or at least 256";
        }

        if (DocumentTimeoutSeconds < 1)
        {
            yield return $"{section}:DocumentTimeoutSeconds must be at least 1";
        }

        if (ChunkPages < 1)
        {
            yield return $"{section}:ChunkPages must be at least 1";
        }

        if (ShardMaxRows < 1)
        {
            yield return $"{section}:ShardMaxRows must be at least 1";
        }

        if (ShardMaxMegabytes < 1)
        {
            yield return $"{section}:ShardMaxMegabytes must be at least 1";
        }

        if (RowGroupRows < 1)
        {
            yield return $"{section}:RowGroupRows must be at least 1";
        }
    }
}
