using SciCurate.Pipeline.Eval;

namespace SciCurate.Pipeline.Tests.Web;

public sealed class TrafilaturaBenchTests
{
    private static readonly TrafilaturaBench.Item First = new("https://a.example/1", "a.example.one.html", ["main  text\nhere", "second point"], ["Impressum", "Menu"]);
    private static readonly TrafilaturaBench.Item Second = new("https://b.example/2", "b.example.two.htm", ["only snippet"], ["footer words"]);

    [Fact]
    public void CountItem_MatchesSnippetsAfterWhitespaceNormalisation_CaseSensitively()
    {
        var counts = TrafilaturaBench.CountItem(First, "Intro. main text   here, then more. menu Impressum");

        // "main text here" found (whitespace normalised), "second point" missed; "Impressum" found, "Menu" ≠ "menu".
        Assert.Equal(new TrafilaturaBench.Counts(1, 1, 1, 1), counts);
    }

    [Fact]
    public void Score_PoolsCountsOverTheCorpus_AndCountsAMissingPageAsNoOutput()
    {
        var result = TrafilaturaBench.Score([First, Second], new Dictionary<string, string> { ["a.example.one"] = "main text here second point" });

        // First: tp 2, tn 2. Second (missing): fn 1, tn 1. Pooled: tp 2, fp 0, fn 1, tn 3.
        Assert.Equal(new TrafilaturaBench.Counts(2, 0, 1, 3), result.Total);
        Assert.Equal(1.0, result.Total.Precision, 9);
        Assert.Equal(2.0 / 3, result.Total.Recall, 9);
        Assert.Equal(4.0 / 5, result.Total.F1, 9);
        Assert.Equal(5.0 / 6, result.Total.Accuracy, 9);
        Assert.Equal(1, result.Empty);
    }

    [Fact]
    public void LoadEvaldata_ReadsFileAndSnippets()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"https://x/": {"file": "x.example.page.html", "with": ["w1", "w2"], "without": ["n1"]}}""");
            var item = Assert.Single(TrafilaturaBench.LoadEvaldata(path));

            Assert.Equal("x.example.page", item.Name);
            Assert.Equal(["w1", "w2"], item.With);
            Assert.Equal(["n1"], item.Without);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Score_SplitsThePagesIntoTwoHalvesByName_WhoseCountsAddUpToTheTotal()
    {
        var items = Enumerable.Range(0, 40).Select(i => new TrafilaturaBench.Item($"https://x/{i}", $"page{i}.html", ["kept words"], ["menu words"])).ToList();
        var predictions = items.ToDictionary(i => i.Name, i => i.Name.EndsWith('3') ? "menu words" : "kept words");

        var result = TrafilaturaBench.Score(items, predictions);

        var looked = items.Count(i => TrafilaturaBench.IsLookedAt(i.Name));
        Assert.InRange(looked, 10, 30);
        Assert.Equal(result.Total, result.LookedAt + result.HeldOut);
        Assert.Equal(looked, result.LookedAt.Tp + result.LookedAt.Fn);
        Assert.Equal(TrafilaturaBench.IsLookedAt("page7"), TrafilaturaBench.IsLookedAt("page7"));
    }
}
