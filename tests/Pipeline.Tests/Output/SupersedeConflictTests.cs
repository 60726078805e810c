using SciCurate.Pipeline.Output;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests.Output;

/// <summary>
/// Two rewrites of one shard (a VLM reprocess that read it hours ago, a duplicate pass that has just replaced it):
/// the second commit must not bring the old rows back beside their successor's.
/// </summary>
public sealed class SupersedeConflictTests
{
    [Fact]
    public void Commit_SupersedingAShardAnotherWriterSuperseded_CommitsNothing()
    {
        using var dir = TestData.NewTempDir();
        var store = new OutputStore(dir.Path);
        var entry = new InputEntry { DocId = "a", Size = 1, ModifiedUtc = DateTime.UnixEpoch, Batch = "b1" };
        store.Commit([Shard(store, "part-b1-00000.parquet", "b1", 1)], new Dictionary<string, InputEntry> { ["/in/a"] = entry });

        // Both rewriters read generation 1; the duplicate pass commits first.
        store.Commit([Shard(store, "part-dedup-00000.parquet", "dedup", 2)], new Dictionary<string, InputEntry>(), ["t/part-b1-00000.parquet"]);
        var late = Shard(store, "part-vlm-00000.parquet", "vlm", 2);
        var e = Assert.Throws<SupersededShardException>(() =>
            store.Commit([late], new Dictionary<string, InputEntry>(), ["t/part-b1-00000.parquet"]));

        Assert.Equal("t/part-b1-00000.parquet", e.Shard);
        Assert.Equal(["t/part-dedup-00000.parquet"], store.Read().Shards.Keys);
        Assert.False(File.Exists(Path.Combine(store.Root, "t", "part-vlm-00000.parquet")));
        Assert.True(File.Exists(late.TempPath)); // left for the caller to abandon
    }

    [Fact]
    public async Task RewriteLock_IsExclusiveBetweenTasksOfOneProcess()
    {
        using var dir = TestData.NewTempDir();
        var store = new OutputStore(dir.Path);
        var inside = 0;
        var most = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 5; i++)
            {
                using (store.AcquireRewriteLock(TimeSpan.FromMinutes(1)))
                {
                    var now = Interlocked.Increment(ref inside);
                    InterlockedMax(ref most, now);
                    Thread.Sleep(5);
                    Interlocked.Decrement(ref inside);
                }
            }
        })));

        Assert.Equal(1, most);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static PendingShard Shard(OutputStore store, string name, string batch, int generation)
    {
        var path = store.NewTempPath("t", name);
        File.WriteAllText(path, name);
        return new PendingShard("t", path, name, 1, batch, generation);
    }
}
