using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Tests.Serve;

/// <summary>One output folder shared by several processes: the manifest lock, repeat commits, dead writers' files.</summary>
[Trait("Category", "Slow")]
public sealed class OutputStoreSharingTests
{
    [Fact]
    public async Task TwoRunProcesses_CommittingToOneFolder_LoseNoManifestEntry()
    {
        var root = ServeTestKit.NewTempDir("sharing");
        var corpus = ServeTestKit.MakeCorpus(Path.Combine(root, "corpus"), variants: 4);
        var half = corpus.Count / 2;
        var env = ServeTestKit.Environment(root, Path.Combine(root, "state"));
        // Checkpoint after every document so the two processes take the lock as often as possible.
        env["CURATE__Run__CheckpointSeconds"] = "0";
        env["CURATE__Run__Workers"] = "1";
        var one = ServeTestKit.RunCurateAsync(env, root, ["run", .. corpus.Take(half), "--out", "out"]);
        var two = ServeTestKit.RunCurateAsync(env, root, ["run", .. corpus.Skip(half), "--out", "out"]);
        var results = await Task.WhenAll(one, two);
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Output));

        var outDir = Path.Combine(root, "out");
        Assert.Equal(corpus.Count, ServeTestKit.ManifestInputs(outDir));
        var manifest = new OutputStore(outDir).Read();
        var onDisk = Directory.EnumerateFiles(outDir, "*.parquet", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(outDir, f)).Order(StringComparer.Ordinal);
        Assert.Equal(manifest.Shards.Keys.Order(StringComparer.Ordinal), onDisk);
        var documents = Path.Combine(outDir, "pdf_documents", "*.parquet");
        Assert.Equal(corpus.Count, ServeTestKit.Query<long>($"select count(distinct doc_id) from read_parquet('{documents}')"));
        Assert.Equal(corpus.Count, ServeTestKit.Query<long>($"select count(*) from read_parquet('{documents}')"));
    }

    [Fact]
    public void Commit_OfARepeatedBatch_KeepsOneCopy_AndANewBatchUnderATakenName_GetsItsOwnName()
    {
        var store = new OutputStore(ServeTestKit.NewTempDir("repeat"));
        var entry = new InputEntry { DocId = "a", Size = 1, ModifiedUtc = DateTime.UnixEpoch, Batch = "b1" };
        var first = Shard(store, "part-b1-00000.parquet", "first");
        store.Commit([new PendingShard("t", first, "part-b1-00000.parquet", 1, "b1", 1)], new Dictionary<string, InputEntry> { ["/in/a"] = entry });

        // The same batch committed again (a job run twice): dropped, the first copy stays.
        var again = Shard(store, "part-b1-00000.parquet", "again");
        var manifest = store.Commit([new PendingShard("t", again, "part-b1-00000.parquet", 1, "b1", 1)], new Dictionary<string, InputEntry> { ["/in/a"] = entry });
        Assert.Single(manifest.Shards);
        Assert.Equal("first", File.ReadAllText(Path.Combine(store.Root, "t", "part-b1-00000.parquet")));
        Assert.False(File.Exists(again));

        // A retry after a partial commit reuses the name for other inputs: it must not overwrite the committed shard.
        var other = new InputEntry { DocId = "b", Size = 1, ModifiedUtc = DateTime.UnixEpoch, Batch = "b1" };
        var retry = Shard(store, "part-b1-00000.parquet", "retry");
        manifest = store.Commit([new PendingShard("t", retry, "part-b1-00000.parquet", 1, "b1", 1)], new Dictionary<string, InputEntry> { ["/in/b"] = other });
        Assert.Equal(2, manifest.Shards.Count);
        Assert.Equal("first", File.ReadAllText(Path.Combine(store.Root, "t", "part-b1-00000.parquet")));
        Assert.Equal(2, manifest.Inputs.Count);
    }

    [Fact]
    public void Sweep_RemovesTemporaryFilesOfDeadProcesses_AndKeepsLiveOnes()
    {
        var store = new OutputStore(ServeTestKit.NewTempDir("sweep"));
        using var dead = System.Diagnostics.Process.Start("true")!;
        dead.WaitForExit();
        var deadFile = store.NewTempPath("t", "x.parquet").Replace($"-{Environment.ProcessId}-", $"-{dead.Id}-", StringComparison.Ordinal);
        File.WriteAllText(deadFile, "partial");
        var liveFile = store.NewTempPath("t", "y.parquet");
        File.WriteAllText(liveFile, "being written");
        var otherHost = Path.Combine(store.Root, "t", ".tmp-otherhost-1-z.parquet");
        File.WriteAllText(otherHost, "another machine, recent");
        var staleOtherHost = Path.Combine(store.Root, "t", ".tmp-otherhost-2-w.parquet");
        File.WriteAllText(staleOtherHost, "another machine, long dead");
        File.SetLastWriteTimeUtc(staleOtherHost, DateTime.UtcNow.AddDays(-2));

        Assert.Equal(2, store.Sweep());
        Assert.False(File.Exists(deadFile));
        Assert.False(File.Exists(staleOtherHost));
        Assert.True(File.Exists(liveFile));
        Assert.True(File.Exists(otherHost));
    }

    private static string Shard(OutputStore store, string name, string content)
    {
        var path = store.NewTempPath("t", name + Guid.NewGuid().ToString("N")[..4]);
        File.WriteAllText(path, content);
        return path;
    }
}
