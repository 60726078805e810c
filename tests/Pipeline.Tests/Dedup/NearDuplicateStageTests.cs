using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging.Abstractions;
using SciCurate.DomainFilter.Text;
using SciCurate.DomainFilter.Web;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Dedup;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Web;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests.Dedup;

public sealed class NearDuplicateStageTests : IDisposable
{
    private readonly TempDir _dir = TestData.NewTempDir();
    private readonly RunOptions _run = new() { RowGroupRows = 3 };

    public void Dispose() => _dir.Dispose();

    private static string Words(int seed, int count)
    {
        var random = new Random(seed);
        return string.Join(' ', Enumerable.Range(0, count).Select(_ => "word" + random.Next(5000)));
    }

    private static string Change(string text, int every)
    {
        var words = text.Split(' ');
        for (var i = 0; i < words.Length; i += every)
        {
            words[i] = "other" + i;
        }

        return string.Join(' ', words);
    }

    private async Task WriteAsync<T>(OutputStore store, string batch, IEnumerable<T> rows)
        where T : class
    {
        var name = $"part-{batch}.parquet";
        var writer = new ShardWriter<T>(WebCorpusRunner.DocumentsTable, store.NewTempPath(WebCorpusRunner.DocumentsTable, name), _run.RowGroupRows, _ => 100);
        foreach (var row in rows)
        {
            await writer.AddAsync(row, default);
        }

        await writer.CompleteAsync(default);
        store.Commit([new PendingShard(writer.Table, writer.TempPath, name, writer.Rows, batch, 1)], new Dictionary<string, InputEntry>());
    }

    private static WebDocumentRow Page(string id, string text, WebPageStatus status = WebPageStatus.Kept, int failedRules = 0) => new()
    {
        DocId = id,
        Url = $"https://{id}.example.org/",
        Domain = $"{id}.example.org",
        Status = status,
        Text = text,
        FailedRules = [.. Enumerable.Range(0, failedRules).Select(i => "rule" + i)],
    };

    private static Dictionary<string, WebDocumentRow> Rows(OutputStore store) =>
        TableReader.ReadAsync<WebDocumentRow>(store, WebCorpusRunner.DocumentsTable).ToBlockingEnumerable().ToDictionary(r => r.Row.DocId, r => r.Row);

    [Fact]
    public async Task Run_KeepsBestNewCopy_ThenLaterCopiesPointToIt_WithoutDisplacingIt()
    {
        var store = new OutputStore(_dir.Path);
        var a = Words(1, 400);
        var b = Words(2, 400);
        await WriteAsync(store, "one", [
            Page("a-noisy", Change(a, 30), failedRules: 2),
            Page("a-clean", a),
            Page("b", b),
            Page("b-dropped", b, status: WebPageStatus.Dropped),
            Page("c", Words(3, 400)),
        ]);
        var stage = new NearDuplicateStage(new MinHashOptions(), _run, NullLogger.Instance);

        var first = await stage.RunAsync(store, default);
        Assert.Equal((4, 0, 1), (first.NewDocuments, first.ExactDuplicates, first.NearDuplicates));
        var rows = Rows(store);
        Assert.Equal((WebPageStatus.Kept, null), (rows["a-clean"].Status, rows["a-clean"].DuplicateOf));
        Assert.Equal((WebPageStatus.NearDuplicate, "a-clean"), (rows["a-noisy"].Status, rows["a-noisy"].DuplicateOf));
        Assert.Contains("a-clean", rows["a-noisy"].Error, StringComparison.Ordinal);
        Assert.Equal(WebPageStatus.Dropped, rows["b-dropped"].Status);
        Assert.Null(rows["b"].DuplicateOf);
        Assert.Equal(Change(a, 30), rows["a-noisy"].Text);

        // A later run: an exact copy of b and a better (longer) copy of a arrive; the earlier kept copies stay kept.
        await WriteAsync(store, "two", [Page("b-copy", b.ToUpperInvariant().Replace(" ", " , ", StringComparison.Ordinal)), Page("a-longer", a + " " + Words(9, 20))]);
        var second = await stage.RunAsync(store, default);
        Assert.Equal((4, 2, 1, 1), (second.SignaturesKnown, second.NewDocuments, second.ExactDuplicates, second.NearDuplicates));
        rows = Rows(store);
        Assert.Equal((WebPageStatus.Duplicate, "b"), (rows["b-copy"].Status, rows["b-copy"].DuplicateOf));
        Assert.Equal((WebPageStatus.NearDuplicate, "a-clean"), (rows["a-longer"].Status, rows["a-longer"].DuplicateOf));
        Assert.Equal(WebPageStatus.Kept, rows["a-clean"].Status);

        // Nothing new: no work, no new shards.
        var shards = store.Read().Shards.Count;
        Assert.Equal(0, (await stage.RunAsync(store, default)).NewDocuments);
        Assert.Equal(shards, store.Read().Shards.Count);
        Assert.Equal(7, Rows(store).Count);
    }

    /// <summary>A web_documents row as written before the tokens, duplicate_of and PII columns existed.</summary>
    private sealed class OldWebRow
    {
        [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
        [JsonPropertyName("url")] public string Url { get; set; } = "";
        [JsonPropertyName("status")] public string Status { get; set; } = "";
        [JsonPropertyName("text")] public string Text { get; set; } = "";
    }

    [Trait("Category", "Slow")]
    [Fact]
    public async Task Run_OverShardsWrittenBeforeTheNewColumns_Works()
    {
        var store = new OutputStore(_dir.Path);
        var a = Words(1, 300);
        await WriteAsync(store, "old", [new OldWebRow { DocId = "x", Url = "https://x.org/", Status = "kept", Text = a }, new OldWebRow { DocId = "y", Url = "https://y.org/", Status = "kept", Text = a }]);
        var summary = await new NearDuplicateStage(new MinHashOptions(), _run, NullLogger.Instance).RunAsync(store, default);
        Assert.Equal(1, summary.ExactDuplicates);
    }
}
