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
    internal const string TempPrefix = ".tmp-";
    private static readonly TimeSpan StaleTempAge = TimeSpan.FromHours(6);

    public OutputStore(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
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

        using var stream = File.OpenRead(ManifestPath);
        var manifest = JsonSerializer.Deserialize<Manifest>(stream, Manifest.Json)
            ?? throw new InvalidDataException($"{ManifestPath} is empty");
        if (manifest.Version > Manifest.CurrentVersion)
        {
            throw new InvalidDataException($"{ManifestPath} has version {manifest.Version}; this curate reads up to {Manifest.CurrentVersion}");
        }

        return manifest;
    }

    /// <summary>A temporary path for a new shard of a table; the name carries host and process so sweeps spare live writers.</summary>
    public string NewTempPath(string table, string finalName)
    {
        var dir = Path.Combine(Root, table);
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, $"{TempPrefix}{Environment.MachineName}-{Environment.ProcessId}-{finalName}");
    }

    /// <summary>
    /// Commits finished shards and inputs: under the lock, renames each temporary file to its final name, removes
    /// superseded shards and writes the manifest. Returns the manifest as written.
    /// </summary>
    public Manifest Commit(IReadOnlyList<(string Table, string TempPath, string FinalName, long Rows, string Batch, int Generation)> shards,
        IReadOnlyDictionary<string, InputEntry> inputs, IReadOnlyCollection<string>? superseded = null)
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

        foreach (var shard in shards)
        {
            var relative = $"{shard.Table}/{shard.FinalName}";
            if (manifest.Shards.ContainsKey(relative))
            {
                relative = $"{shard.Table}/{Path.GetFileNameWithoutExtension(shard.FinalName)}-{Guid.NewGuid().ToString("N")[..8]}{Path.GetExtension(shard.FinalName)}";
            }

            File.Move(shard.TempPath, Path.Combine(Root, relative), overwrite: true);
            manifest.Shards[relative] = new ShardEntry
            {
                Table = shard.Table,
                Rows = shard.Rows,
                Batch = shard.Batch,
                Generation = shard.Generation,
                Created = DateTime.UtcNow,
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
    public int Sweep()
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
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, manifest, Manifest.Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, ManifestPath, overwrite: true);
    }

    /// <summary>An exclusive lock on the output folder, held by an open file; released by the OS if the process dies.</summary>
    private FileStream AcquireLock()
    {
        var path = Path.Combine(Root, LockFile);
        var deadline = DateTime.UtcNow.AddMinutes(5);
        var delay = 5;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 200);
            }
        }
    }
}
