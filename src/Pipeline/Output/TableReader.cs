using Parquet;
using Parquet.Serialization;

namespace SciCurate.Pipeline.Output;

/// <summary>Reads the rows of a table back from the shards the manifest lists (never from orphans or temporary files).</summary>
public static class TableReader
{
    public static async IAsyncEnumerable<(string Shard, T Row)> ReadAsync<T>(OutputStore store, string table,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        where T : class, new()
    {
        var manifest = store.Read();
        foreach (var (relative, entry) in manifest.Shards)
        {
            if (entry.Table != table)
            {
                continue;
            }

            var path = Path.Combine(store.Root, relative);
            int groups;
            await using (var probe = File.OpenRead(path))
            {
                await using var reader = await ParquetReader.CreateAsync(probe, cancellationToken: ct);
                groups = reader.RowGroupCount;
            }

            // One row group at a time keeps memory to a row group, not a shard.
            for (var g = 0; g < groups; g++)
            {
                await using var stream = File.OpenRead(path);
                var rows = await ParquetSerializer.DeserializeAsync<T>(stream, null, g, ct);
                foreach (var row in rows.Data)
                {
                    yield return (relative, row);
                }
            }
        }
    }

    /// <summary>The rows of one shard (a path relative to the output folder, as the manifest lists it).</summary>
    public static async Task<List<T>> ReadShardAsync<T>(OutputStore store, string relative, CancellationToken ct = default)
        where T : class, new()
    {
        var path = Path.Combine(store.Root, relative);
        int groups;
        await using (var probe = File.OpenRead(path))
        {
            await using var reader = await ParquetReader.CreateAsync(probe, cancellationToken: ct);
            groups = reader.RowGroupCount;
        }

        var result = new List<T>();
        for (var g = 0; g < groups; g++)
        {
            await using var stream = File.OpenRead(path);
            var rows = await ParquetSerializer.DeserializeAsync<T>(stream, null, g, ct);
            result.AddRange(rows.Data);
        }

        return result;
    }
}
