using SciCurate.DomainFilter.Judge;
using SciCurate.DomainFilter.Web;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests.Output;

public sealed class ShardSetTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static WebDocumentRow Page(int i) => new()
    {
        DocId = $"doc{i:D3}",
        Url = $"https://example.org/{i}",
        Status = i % 2 == 0 ? WebPageStatus.Kept : WebPageStatus.RewritePending,
        Decision = i % 2 == 0 ? DomainDecision.Keep : DomainDecision.Rewrite,
        Text = "text " + i,
    };

    [Fact]
    public async Task Commit_CutsShardsAtMaxRows_NamesThemBySequence_AndKeepsASideTableWhole()
    {
        var store = new OutputStore(_dir.Path);
        await using var set = new ShardSet(store, new RunOptions { ShardMaxRows = 4, RowGroupRows = 3 }, "b1", generation: 2);
        for (var d = 0; d < 6; d++)
        {
            await set.AddAsync(Tables.DomainDecisions, new DomainDecisionRow { Domain = $"d{d}.org", Decision = DomainDecision.Drop }, default);
        }

        for (var i = 0; i < 10; i++)
        {
            await set.AddAsync(Tables.WebDocuments, Page(i), default);
            if (set.IsFull)
            {
                await set.CloseShardsAsync(default);
            }
        }

        var committed = await set.CommitAsync(new Dictionary<string, InputEntry>(), superseded: null, default);

        var shards = store.Read().Shards;
        Assert.Equal(4, committed);
        Assert.Equal(
            ["domain_decisions/part-b1-00000.parquet", "web_documents/part-b1-00000.parquet", "web_documents/part-b1-00001.parquet", "web_documents/part-b1-00002.parquet"],
            shards.Keys);
        Assert.Equal([6L, 4L, 4L, 2L], shards.Values.Select(s => s.Rows));
        Assert.All(shards.Values, s => Assert.Equal((2, "b1"), (s.Generation, s.Batch)));

        // The typed statuses are written as the strings the columns always held.
        var web = Path.Combine(_dir.Path, "web_documents", "*.parquet");
        Assert.Equal(["kept keep 5", "rewrite_pending rewrite 5"],
            DuckDb.Rows($"select status, decision, count(*) from read_parquet('{web}') group by all order by 1").Select(r => $"{r[0]} {r[1]} {r[2]}"));
        Assert.Equal(6L, DuckDb.Scalar<long>($"select count(*) from read_parquet('{Path.Combine(_dir.Path, "domain_decisions", "*.parquet")}') where decision = 'drop'"));
    }

    [Fact]
    public async Task Abandon_LeavesNoFile_AndNothingInTheManifest()
    {
        var store = new OutputStore(_dir.Path);
        await using (var set = new ShardSet(store, new RunOptions { ShardMaxRows = 2, RowGroupRows = 1 }, "b2"))
        {
            for (var i = 0; i < 5; i++)
            {
                await set.AddAsync(Tables.WebDocuments, Page(i), default);
                if (set.IsFull)
                {
                    await set.CloseShardsAsync(default);
                }
            }

            await set.AbandonAsync();
        }

        Assert.Empty(store.Read().Shards);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_dir.Path, "web_documents")));
    }
}
