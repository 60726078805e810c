using System.Text.Json;

namespace SciCurate.Pipeline.Output;

/// <summary>
/// An output folder: tables of Parquet shards and manifest.json. Shards are written under a temporary name; a commit
/// renames them and records them with their inputs in the manifest while holding an exclusive lock, so several
/// processes (curate run, curate serve workers on other machines) can share one folder, and a process killed at any
/// moment leaves either a committed batch or nothing (orphans are swept on the next open).
/// </summary>
public sealed class OutputStore
{
    public const string ManifestFile = "manifest.json";
    private const string LockFile = ".manifest.lock";
    private const string RewriteLockFile = ".rewrite.lock";
    internal const string TempPrefix = ".tmp-";
    internal const string TempSuffix = ".tmp";
    private static readonly TimeSpan StaleTempAge = TimeSpan.FromHours(6);

    public OutputStore(string root)
    {
        Root = Path.GetFullPath(root);
        if (File.Exists(Root))
        {
            throw new OutputFaultException($"cannot use {Root} as the output folder: it is a file (give --out a folder)");
        }

        for (var up = Path.GetDirectoryName(Root); up is not null; up = Path.GetDirectoryName(up))
        {
            if (File.Exists(up))
            {
                throw new OutputFaultException($"cannot create the output folder {Root}: part of the path is a file, not a folder ({up})");
            }
        }

        OutputFaultException.Guard($"cannot create the output folder {Root}", () => Directory.CreateDirectory(Root));
    }

    public string Root { get; }

    public string ManifestPath => Path.Combine(Root, ManifestFile);

    /// <summary>Reads the manifest (empty when the folder is new).</summary>
    public Manifest Read()
    {
        if (!File.Exists(ManifestPath))
        {
            return new Manifest();
        }

        Manifest manifest;
        try
        {
            using var stream = File.OpenRead(ManifestPath);
            manifest = JsonSerializer.Deserialize<Manifest>(stream, Manifest.Json)
                ?? throw new InvalidDataException($"{ManifestPath} is empty");
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            // Written by rename, a manifest is never half-written by curate: damage came from outside.
            throw new OutputFaultException($"{ManifestPath} is damaged ({e.Message.Split('\n')[0]}): restore it, or move the output folder aside and run again", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OutputFaultException.From($"cannot read {ManifestPath}", e);
        }

        if (manifest.Version > Manifest.CurrentVersion)
        {
            // A newer curate wrote this output: the user's fix is to use that version, not to report a bug.
            throw new OutputFaultException($"{ManifestPath} was written by a newer curate (manifest version {manifest.Version}; this one reads up to {Manifest.CurrentVersion}): use a newer curate for this output, or another --out");
        }

        return manifest;
    }

    /// <summary>A temporary path for a new shard of a table; the name carries host and process so sweeps spare live writers.</summary>
    public string NewTempPath(string table, string finalName)
    {
        var dir = Path.Combine(Root, table);
        OutputFaultException.Guard($"cannot create {dir}", () => Directory.CreateDirectory(dir));
        // Ends in .tmp, so the tables' glob ('pdf_documents/*.parquet') never picks up a shard still being written.
        return Path.Combine(dir, $"{TempPrefix}{Environment.MachineName}-{Environment.ProcessId}-{finalName}{TempSuffix}");
    }

    /// <summary>
    /// Commits finished shards and inputs: under the lock, renames each temporary file to its final name, removes
    /// superseded shards and writes the manifest. Returns the manifest as written.
    /// </summary>
    public Manifest Commit(IReadOnlyList<PendingShard> shards,
        IReadOnlyDictionary<string, InputEntry> inputs, IReadOnlyCollection<string>? superseded = null) =>
        OutputFaultException.Guard($"cannot commit to {Root}", () => CommitLocked(shards, inputs, superseded));

    private Manifest CommitLocked(IReadOnlyList<PendingShard> shards,
        IReadOnlyDictionary<string, InputEntry> inputs, IReadOnlyCollection<string>? superseded)
    {
        using var held = AcquireLock();
        var manifest = Read();

        // A batch job retried, or run twice because another machine took it over, commits under the same shard names.
        // If an earlier commit already recorded all these inputs and shards, this one is a repeat: keeping it would
        // double the rows. If the names collide but the inputs are new (a retry after a partial commit), the new
        // shards get fresh names instead of overwriting rows the manifest still counts on.
        if (shards.Count > 0 && shards.All(s => manifest.Shards.ContainsKey($"{s.Table}/{s.FinalName}"))
            && inputs.All(i => manifest.Inputs.TryGetValue(i.Key, out var known) && known.Batch == i.Value.Batch
                && known.Size == i.Value.Size && known.ModifiedUtc == i.Value.ModifiedUtc
                && known.Status == i.Value.Status && known.RecordsDone == i.Value.RecordsDone))
        {
            foreach (var shard in shards)
            {
                File.Delete(shard.TempPath);
            }

            return manifest;
        }

        // A rewrite read its shards long before this commit (a VLM reprocess may take hours): if another writer has
        // superseded one meanwhile (a duplicate pass), committing would bring its rows back beside their successor's.
        if (superseded?.FirstOrDefault(r => !manifest.Shards.ContainsKey(r)) is { } gone)
        {
            throw new SupersededShardException(gone);
        }

        foreach (var shard in shards)
        {
            var relative = $"{shard.Table}/{shard.FinalName}";
            if (manifest.Shards.ContainsKey(relative))
            {
                relative = $"{shard.Table}/{Path.GetFileNameWithoutExtension(shard.FinalName)}-{Guid.NewGuid().ToString("N")[..8]}{Path.GetExtension(shard.FinalName)}";
            }

            var (bytes, sha256) = Fingerprint(shard.TempPath);
            File.Move(shard.TempPath, Path.Combine(Root, relative), overwrite: true);
            manifest.Shards[relative] = new ShardEntry
            {
                Table = shard.Table,
                Rows = shard.Rows,
                Batch = shard.Batch,
                Generation = shard.Generation,
                Created = DateTime.UtcNow,
                Bytes = bytes,
                Sha256 = sha256,
            };
        }

        foreach (var (path, entry) in inputs)
        {
            manifest.Inputs[path] = entry;
        }

        if (superseded is not null)
        {
            foreach (var relative in superseded)
            {
                manifest.Shards.Remove(relative);
            }
        }

        Write(manifest);
        if (superseded is not null)
        {
            foreach (var relative in superseded)
            {
                File.Delete(Path.Combine(Root, relative));
            }
        }

        return manifest;
    }

    /// <summary>Adds a run's provenance to the manifest.</summary>
    public void RecordRun(RunProvenance provenance)
    {
        using var held = AcquireLock();
        var manifest = Read();
        manifest.Runs.Add(provenance);
        Write(manifest);
    }

    /// <summary>
    /// Removes what a killed writer left behind: shards renamed but never recorded, temporary files of processes
    /// on this machine that are gone, and temporary files nobody has written for hours. Returns the number of files removed.
    /// </summary>
    public int Sweep() => OutputFaultException.Guard($"cannot use the output folder {Root}", SweepLocked);

    private int SweepLocked()
    {
        using var held = AcquireLock();
        var manifest = Read();
        var removed = 0;
        foreach (var dir in Directory.EnumerateDirectories(Root))
        {
            var table = Path.GetFileName(dir);
            if (table.StartsWith('.'))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(dir))
            {
                var name = Path.GetFileName(file);
                if (name.StartsWith(TempPrefix, StringComparison.Ordinal))
                {
                    // Another machine's writer cannot be asked whether it lives: a file it has not touched for hours is dead.
                    if (IsDeadLocalWriter(name) || File.GetLastWriteTimeUtc(file) < DateTime.UtcNow - StaleTempAge)
                    {
                        File.Delete(file);
                        removed++;
                    }
                }
                else if (name.EndsWith(".parquet", StringComparison.Ordinal) && !manifest.Shards.ContainsKey($"{table}/{name}"))
                {
                    File.Delete(file);
                    removed++;
                }
            }
        }

        return removed;
    }

    private static bool IsDeadLocalWriter(string name)
    {
        // .tmp-<host>-<pid>-<final name>
        var parts = name[TempPrefix.Length..].Split('-', 3);
        if (parts.Length < 3 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], out var pid))
        {
            return false;
        }

        if (pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private void Write(Manifest manifest)
    {
        var temp = ManifestPath + $".{Environment.ProcessId}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, manifest, Manifest.Json);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, ManifestPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The old manifest stays as it was (the new one only ever replaces it by rename).
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>A shard's size and SHA-256, recorded at commit so a truncated or altered shard is found later.</summary>
    private static (long Bytes, string Sha256) Fingerprint(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return (stream.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream)));
    }

    /// <summary>
    /// Committed shards that are missing, of another size than committed, not Parquet at both ends, or (with
    /// <paramref name="checksums"/>) of other bytes than committed: one line each, naming the shard. Shards committed
    /// before sizes were recorded are checked for presence and the Parquet magic only.
    /// </summary>
    public List<string> Verify(bool checksums)
    {
        var problems = new List<string>();
        foreach (var (relative, entry) in Read().Shards)
        {
            var path = Path.Combine(Root, relative);
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    problems.Add($"{relative}: missing");
                    continue;
                }

                if (entry.Bytes is { } bytes && info.Length != bytes)
                {
                    problems.Add($"{relative}: {info.Length} bytes, {bytes} committed (truncated or altered)");
                    continue;
                }

                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                var head = new byte[4];
                var tail = new byte[4];
                var ok = stream.Length >= 12 && stream.Read(head) == 4;
                if (ok)
                {
                    stream.Seek(-4, SeekOrigin.End);
                    ok = stream.Read(tail) == 4 && head.AsSpan().SequenceEqual("PAR1"u8) && tail.AsSpan().SequenceEqual("PAR1"u8);
                }

                if (!ok)
                {
                    problems.Add($"{relative}: not a complete Parquet file (no PAR1 magic at both ends)");
                    continue;
                }

                if (checksums && entry.Sha256 is { } sha)
                {
                    stream.Position = 0;
                    if (Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream)) != sha)
                    {
                        problems.Add($"{relative}: checksum differs from the one committed (altered)");
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{relative}: unreadable ({e.Message})");
            }
        }

        return problems;
    }

    /// <summary>Throws one <see cref="OutputFaultException"/> naming the damaged shards, if any (size and magic only: fast).</summary>
    public void EnsureShardsIntact()
    {
        var problems = Verify(checksums: false);
        if (problems.Count > 0)
        {
            throw new OutputFaultException($"damaged shard{(problems.Count > 1 ? "s" : "")} in {Root}: {string.Join("; ", problems)}; run `curate verify {Root} --repair` to drop them and redo their inputs");
        }
    }

    /// <summary>
    /// Drops damaged shards from the manifest with every shard and input of their batches, so the next run redoes
    /// those inputs (their other shards go too: keeping them would store rows twice). Returns the inputs to redo.
    /// </summary>
    public List<string> Repair(IReadOnlyCollection<string> damaged) => OutputFaultException.Guard($"cannot repair {Root}", () =>
    {
        using var held = AcquireLock();
        var manifest = Read();
        var batches = damaged.Where(manifest.Shards.ContainsKey).Select(d => manifest.Shards[d].Batch).ToHashSet(StringComparer.Ordinal);
        var shards = manifest.Shards.Where(s => batches.Contains(s.Value.Batch)).Select(s => s.Key).ToList();
        var inputs = manifest.Inputs.Where(i => batches.Contains(i.Value.Batch)).Select(i => i.Key).ToList();
        foreach (var s in shards)
        {
            manifest.Shards.Remove(s);
        }

        foreach (var i in inputs)
        {
            manifest.Inputs.Remove(i);
        }

        Write(manifest);
        foreach (var s in shards)
        {
            TryDelete(Path.Combine(Root, s));
        }

        return inputs;
    });

    /// <summary>
    /// Held by a pass that reads committed shards and supersedes some of them (the duplicate pass), for the whole pass:
    /// two such passes never run at once, so neither reads a shard the other has just replaced. Separate from the
    /// manifest lock, which the pass takes again for each commit.
    /// </summary>
    public IDisposable AcquireRewriteLock(TimeSpan maxWait) =>
        OutputFaultException.Guard($"cannot use the output folder {Root}", () => AcquireLock(RewriteLockFile, maxWait));

    /// <summary>An exclusive lock on the output folder, held by an open file; released by the OS if the process dies.</summary>
    private FileStream AcquireLock() => AcquireLock(LockFile, TimeSpan.FromMinutes(5));

    private FileStream AcquireLock(string file, TimeSpan maxWait) => FileLock.Acquire(Path.Combine(Root, file), shared: false, maxWait);
}
