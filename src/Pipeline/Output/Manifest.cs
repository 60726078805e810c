using System.Text.Json;
using System.Text.Json.Serialization;

namespace SciCurate.Pipeline.Output;

/// <summary>What an output folder holds: finished inputs and the shards that hold their rows.</summary>
public sealed class Manifest
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")] public int Version { get; set; } = CurrentVersion;

    /// <summary>Finished inputs by full path.</summary>
    [JsonPropertyName("inputs")] public SortedDictionary<string, InputEntry> Inputs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Live shards by path relative to the output folder (for example pdf_pages/part-….parquet).</summary>
    [JsonPropertyName("shards")] public SortedDictionary<string, ShardEntry> Shards { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Provenance of each run that wrote here (version, commit, configuration, models), oldest first.</summary>
    [JsonPropertyName("runs")] public List<RunProvenance> Runs { get; set; } = [];

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>One finished input file.</summary>
public sealed class InputEntry
{
    [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
    [JsonPropertyName("size")] public long Size { get; set; }
    [JsonPropertyName("mtime")] public DateTime ModifiedUtc { get; set; }
    [JsonPropertyName("status")] public string StatusWire { get => Status.ToWire(); set => Status = Output.StatusWire.ParseInputStatus(value); }
    /// <summary>A partial input's first <see cref="RecordsDone"/> pages are committed; a later run resumes after them.</summary>
    [JsonIgnore] public InputStatus Status { get; set; } = InputStatus.Ok;
    /// <summary>Pages of a partial input already committed, in reading order; null once the input is complete.</summary>
    [JsonPropertyName("records_done")] public long? RecordsDone { get; set; }
    [JsonPropertyName("duplicate_of")] public string? DuplicateOf { get; set; }
    /// <summary>The batch (run or job) whose shards hold this input's rows.</summary>
    [JsonPropertyName("batch")] public string Batch { get; set; } = "";
}

/// <summary>One complete shard.</summary>
public sealed class ShardEntry
{
    [JsonPropertyName("table")] public string Table { get; set; } = "";
    [JsonPropertyName("rows")] public long Rows { get; set; }
    [JsonPropertyName("batch")] public string Batch { get; set; } = "";
    [JsonPropertyName("generation")] public int Generation { get; set; }
    [JsonPropertyName("created")] public DateTime Created { get; set; }
    /// <summary>Size in bytes when committed (null for shards committed before sizes were recorded).</summary>
    [JsonPropertyName("bytes")] public long? Bytes { get; set; }
    /// <summary>SHA-256 of the shard when committed, checked by `curate verify`.</summary>
    [JsonPropertyName("sha256")] public string? Sha256 { get; set; }
}
