using System.IO.Compression;
using System.Text.Json;
using SciCurate.DomainFilter.Judge;
using SciCurate.DomainFilter.Web;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Web;

/// <summary>A staged page as the judge needs it without its text: where it lies in the staging file, and its sampling key.</summary>
public sealed record StagedPage(long Offset, string DocId, string Url, string Domain, WebPageStatus Status, int FailedRules)
{
    public PageRef Ref(string domain) => new(DocId, Url, domain, PageRef.QualityOf(FailedRules));
}

/// <summary>
/// The run-local staging file of `curate run`'s web intake: extracted rows wait here for their domain's verdict, so each
/// web row is written to the output once, with its final status. It lives in the output's <c>.staging/web</c> folder
/// (hidden from the tables' globs and from the sweep), is not part of the output, and is removed once the judge has
/// committed its rows.
/// </summary>
/// <remarks>
/// <c>rows.bin</c> holds records appended in intake order: a small header (doc id, URL, domain, status, failed-rule
/// count: what grouping and sampling need) and the whole row as Brotli-compressed JSON (quality 4). <c>journal.json</c> records,
/// at each checkpoint, how many bytes of rows.bin are whole and how far each input got; it is replaced by rename, so a
/// run killed at any moment resumes from its last checkpoint (bytes after it are cut off, their pages read again).
/// The headers of the checkpointed records are held in memory (about what the judge's grouping held before: a few
/// hundred bytes a page); the texts stay on disk, read back once to be written and once more for the few sampled pages.
/// </remarks>
public sealed class WebStaging : IDisposable
{
    public const string Folder = ".staging/web";
    private const string RowsFile = "rows.bin";
    private const string JournalFile = "journal.json";
    private const byte RecordMark = 0x57;

    private static readonly JsonSerializerOptions RowJson = new()
    {
        // Quality signals may be NaN; the Parquet columns take them, so must the staging file.
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly string _dir;
    private readonly List<StagedPage> _pages = [];
    private readonly List<StagedPage> _unsaved = [];
    private long _unsavedBytes;
    private FileStream? _rows;
    private StagingJournal _journal;

    private WebStaging(string dir, StagingJournal journal)
    {
        _dir = dir;
        _journal = journal;
    }

    /// <summary>The batch the staged rows are committed under (their shards' names), fixed when staging began.</summary>
    public string Batch => _journal.Batch;

    /// <summary>Inputs as far as the last checkpoint got (complete, or partial with the pages staged).</summary>
    public IReadOnlyDictionary<string, InputEntry> Inputs => _journal.Inputs;

    /// <summary>Checkpointed pages, in intake order.</summary>
    public IReadOnlyList<StagedPage> Pages => _pages;

    public bool IsEmpty => _pages.Count == 0 && _journal.Inputs.Count == 0;

    public static string PathIn(string outDir) => Path.Combine(outDir, Folder);

    /// <summary>True when the output holds staged rows not yet committed (an interrupted `curate run`).</summary>
    public static bool Exists(string outDir) => File.Exists(Path.Combine(PathIn(outDir), JournalFile));

    /// <summary>
    /// Opens the output's staging, resuming what an interrupted run checkpointed, or starts it afresh under
    /// <paramref name="batch"/>. Staging whose batch the manifest already holds was committed by a run killed before it
    /// removed it: it is removed now, so nothing is stored twice.
    /// </summary>
    public static WebStaging Open(OutputStore store, string batch)
    {
        var dir = PathIn(store.Root);
        var journalPath = Path.Combine(dir, JournalFile);
        if (File.Exists(journalPath))
        {
            var journal = JsonSerializer.Deserialize<StagingJournal>(File.ReadAllBytes(journalPath), Manifest.Json)
                ?? throw new InvalidDataException($"{journalPath}: empty journal");
            if (store.Read().Shards.Values.Any(s => s.Batch == journal.Batch))
            {
                Directory.Delete(dir, recursive: true);
            }
            else
            {
                var staging = new WebStaging(dir, journal);
                staging.Resume();
                return staging;
            }
        }

        if (Directory.Exists(dir))
        {
            // Rows of a run killed before its first checkpoint: none of them is recorded anywhere.
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        var fresh = new WebStaging(dir, new StagingJournal { Batch = batch });
        fresh.OpenRows(0);
        return fresh;
    }

    private void Resume()
    {
        OpenRows(_journal.Bytes);
        _rows!.Position = 0;
        using var reader = new BinaryReader(_rows, System.Text.Encoding.UTF8, leaveOpen: true);
        while (_rows.Position < _journal.Bytes)
        {
            _pages.Add(ReadHeader(reader, out var bodyLength));
            _rows.Position += bodyLength;
        }

        _rows.Position = _journal.Bytes;
    }

    private void OpenRows(long length)
    {
        _rows = new FileStream(Path.Combine(_dir, RowsFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        // Bytes after the last checkpoint belong to pages the journal does not know: they are read and staged again.
        _rows.SetLength(length);
        _rows.Position = length;
    }

    /// <summary>Appends a row (its header, then its compressed JSON). It counts once the next checkpoint is written.</summary>
    public void Add(WebDocumentRow row)
    {
        var offset = _rows!.Position;
        using var body = new MemoryStream();
        using (var brotli = new BrotliStream(body, CompressionLevel.Optimal, leaveOpen: true))
        {
            JsonSerializer.Serialize(brotli, row, RowJson);
        }

        using (var writer = new BinaryWriter(_rows, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(RecordMark);
            writer.Write(row.DocId);
            writer.Write(row.Url);
            writer.Write(row.Domain);
            writer.Write((byte)row.Status);
            writer.Write(row.FailedRules.Count);
            writer.Write((int)body.Length);
            writer.Write(body.GetBuffer(), 0, (int)body.Length);
        }

        _unsaved.Add(new StagedPage(offset, row.DocId, row.Url, row.Domain, row.Status, row.FailedRules.Count));
        _unsavedBytes += Tables.WebDocuments.SizeOf(row);
    }

    /// <summary>
    /// True when the rows since the last checkpoint make a full shard by <see cref="ShardSet.IsFull"/>'s rule
    /// (Run:ShardMaxRows rows or Run:ShardMaxMegabytes), so intake checkpoints as often as it would commit shards.
    /// </summary>
    public bool IsFull(RunOptions options) =>
        _unsaved.Count >= options.ShardMaxRows || _unsavedBytes >= options.ShardMaxMegabytes * 1024L * 1024L;

    /// <summary>
    /// Makes every row added so far durable and records <paramref name="inputs"/> (finished, or partial with their pages
    /// staged): the file is flushed to disk, then the journal replaced by rename.
    /// </summary>
    public void Checkpoint(IReadOnlyDictionary<string, InputEntry> inputs)
    {
        _rows!.Flush(flushToDisk: true);
        var journal = new StagingJournal { Batch = _journal.Batch, Bytes = _rows.Position, Inputs = new(_journal.Inputs, StringComparer.Ordinal) };
        foreach (var (path, entry) in inputs)
        {
            journal.Inputs[path] = entry;
        }

        var temp = Path.Combine(_dir, JournalFile + ".tmp");
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, journal, Manifest.Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, Path.Combine(_dir, JournalFile), overwrite: true);
        _journal = journal;
        _pages.AddRange(_unsaved);
        _unsaved.Clear();
        _unsavedBytes = 0;
    }

    /// <summary>The whole row of a staged page (for a sample: one seek).</summary>
    public WebDocumentRow Read(StagedPage page)
    {
        using var stream = new FileStream(Path.Combine(_dir, RowsFile), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 12);
        stream.Position = page.Offset;
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        ReadHeader(reader, out var length);
        return ReadBody(stream, length);
    }

    /// <summary>Every checkpointed row, in intake order, read once from start to end.</summary>
    public IEnumerable<WebDocumentRow> ReadAll()
    {
        using var stream = new FileStream(Path.Combine(_dir, RowsFile), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20, FileOptions.SequentialScan);
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        while (stream.Position < _journal.Bytes)
        {
            ReadHeader(reader, out var length);
            yield return ReadBody(stream, length);
        }
    }

    /// <summary>Removes the staging folder: called once its rows are committed to the output.</summary>
    public void Delete()
    {
        Dispose();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }

        var parent = Path.GetDirectoryName(_dir)!;
        if (Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any())
        {
            Directory.Delete(parent);
        }
    }

    public void Dispose()
    {
        _rows?.Dispose();
        _rows = null;
    }

    private static StagedPage ReadHeader(BinaryReader reader, out int bodyLength)
    {
        var offset = reader.BaseStream.Position;
        if (reader.ReadByte() != RecordMark)
        {
            throw new InvalidDataException($"staging file damaged at byte {offset}: delete the output's {Folder} folder and run again");
        }

        var page = new StagedPage(offset, reader.ReadString(), reader.ReadString(), reader.ReadString(), (WebPageStatus)reader.ReadByte(), reader.ReadInt32());
        bodyLength = reader.ReadInt32();
        return page;
    }

    private static WebDocumentRow ReadBody(Stream stream, int length)
    {
        var buffer = new byte[length];
        stream.ReadExactly(buffer);
        using var brotli = new BrotliStream(new MemoryStream(buffer), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<WebDocumentRow>(brotli, RowJson) ?? throw new InvalidDataException("staging file: empty row");
    }

    /// <summary>What a checkpoint made durable.</summary>
    private sealed class StagingJournal
    {
        [System.Text.Json.Serialization.JsonPropertyName("batch")] public string Batch { get; set; } = "";

        /// <summary>Bytes of rows.bin that hold whole, checkpointed records.</summary>
        [System.Text.Json.Serialization.JsonPropertyName("bytes")] public long Bytes { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("inputs")] public Dictionary<string, InputEntry> Inputs { get; set; } = new(StringComparer.Ordinal);
    }
}
