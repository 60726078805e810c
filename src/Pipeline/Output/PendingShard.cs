namespace SciCurate.Pipeline.Output;

/// <summary>
/// A shard written to the end under its temporary name, waiting for the commit that renames it to
/// <paramref name="FinalName"/> (in its table's folder) and records it in the manifest.
/// </summary>
public sealed record PendingShard(string Table, string TempPath, string FinalName, long Rows, string Batch, int Generation);
