using Parquet;
using Parquet.Serialization;

namespace SciCurate.Pipeline.Output;

/// <summary>What <see cref="ShardSet"/> needs of a shard writer, whatever its row type.</summary>
public interface IShardWriter : IAsyncDisposable
{
    string Table { get; }

    string TempPath { get; }

    long Rows { get; }

    long Bytes { get; }

    Task<bool> CompleteAsync(CancellationToken ct);

    void DeleteTemp();
}

/// <summary>
/// Writes rows of one table into a Parquet file under a temporary name, a row group at a time, so memory holds one
/// row group, not a shard. <see cref="CompleteAsync"/> closes the file; the <see cref="OutputStore"/> renames it.
/// </summary>
public sealed class ShardWriter<T> : IShardWriter
    where T : class
{
    private static readonly ParquetOptions BaseOptions = new()
    {
        CompressionMethod = CompressionMethod.Zstd,
        // The Zstd default (SmallestSize) is ~150x slower for a few percent of size.
        CompressionLevel = System.IO.Compression.CompressionLevel.Optimal,
    };

    private readonly List<T> _buffer = [];
    private readonly int _rowGroupRows;
    private readonly Func<T, long> _sizeOf;
    private FileStream? _stream;
    private bool _hasRowGroup;

    public ShardWriter(string table, string tempPath, int rowGroupRows, Func<T, long> sizeOf)
    {
        Table = table;
        TempPath = tempPath;
        _rowGroupRows = rowGroupRows;
        _sizeOf = sizeOf;
    }

    public string Table { get; }

    public string TempPath { get; }

    public long Rows { get; private set; }

    /// <summary>Approximate uncompressed bytes written so far (text lengths).</summary>
    public long Bytes { get; private set; }

    public async Task AddAsync(T row, CancellationToken ct)
    {
        _buffer.Add(row);
        Rows++;
        Bytes += _sizeOf(row);
        if (_buffer.Count >= _rowGroupRows)
        {
            await OutputFaultException.GuardAsync($"cannot write {TempPath}", () => FlushAsync(ct));
        }
    }

    /// <summary>Writes the last row group and closes the file. A shard with no rows is not written at all.</summary>
    public async Task<bool> CompleteAsync(CancellationToken ct)
    {
        var written = false;
        await OutputFaultException.GuardAsync($"cannot write {TempPath}", async () => written = await CompleteUnguardedAsync(ct));
        return written;
    }

    private async Task<bool> CompleteUnguardedAsync(CancellationToken ct)
    {
        await FlushAsync(ct);
        if (_stream is null)
        {
            return false;
        }

        await _stream.FlushAsync(ct);
        _stream.Flush(flushToDisk: true);
        await _stream.DisposeAsync();
        _stream = null;
        return _hasRowGroup;
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        if (_buffer.Count == 0)
        {
            return;
        }

        _stream ??= new FileStream(TempPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        var options = new ParquetOptions
        {
            CompressionMethod = BaseOptions.CompressionMethod,
            CompressionLevel = BaseOptions.CompressionLevel,
            Append = _hasRowGroup,
        };
        _stream.Position = _hasRowGroup ? _stream.Length : 0;
        // Every file says which version, configuration and models made it (RunProvenance), readable without the manifest.
        await ParquetSerializer.SerializeAsync(_buffer, _stream, options, Metadata(), ct);
        _hasRowGroup = true;
        _buffer.Clear();
    }

    private static (RunProvenance Of, IReadOnlyDictionary<string, string> Metadata)? _metadata;

    /// <summary>The current provenance as Parquet metadata, serialised once per provenance, not per row group.</summary>
    private static IReadOnlyDictionary<string, string> Metadata()
    {
        var current = RunProvenance.Current;
        if (_metadata is { } cached && ReferenceEquals(cached.Of, current))
        {
            return cached.Metadata;
        }

        var metadata = current.ToParquetMetadata();
        _metadata = (current, metadata);
        return metadata;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            try
            {
                await _stream.DisposeAsync();
            }
            catch (IOException)
            {
                // Closing a file whose last write failed (disk full) fails again: the file is deleted by its owner.
            }

            _stream = null;
        }
    }

    /// <summary>Deletes the temporary file, if it can (after a fault, the folder may refuse).</summary>
    public void DeleteTemp()
    {
        try
        {
            File.Delete(TempPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
