using SciCurate.Pipeline.Eval;

namespace SciCurate.Pipeline.Tests.Web;

public sealed class WcxbBenchTests
{
    [Fact]
    public void WordF1_CountsLowerCasedWordBags()
    {
        // Reference words: the ×2, cat, sat (4). Predicted: the ×3, cat, ran (5). Overlap: the ×2 + cat = 3.
        var (p, r, f) = WcxbBench.WordF1("The the, THE cat ran!", "the cat sat the");

        Assert.Equal(3.0 / 5, p, 9);
        Assert.Equal(3.0 / 4, r, 9);
        Assert.Equal(2 * 0.6 * 0.75 / 1.35, f, 9);
    }

    [Fact]
    public void WordF1_EmptyReferenceScoresOneOnlyAgainstEmptyPrediction()
    {
        Assert.Equal((1.0, 1.0, 1.0), WcxbBench.WordF1("", "  "));
        Assert.Equal((0.0, 0.0, 0.0), WcxbBench.WordF1("words", ""));
        Assert.Equal((0.0, 0.0, 0.0), WcxbBench.WordF1("", "words"));
    }

    [Fact]
    public void Score_AveragesPerPageAndPerType_ReadingTruthFiles_AndLeavesOutExcludedIds()
    {
        var dir = Directory.CreateTempSubdirectory("wcxb").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "0001.json"), """{"_internal":{"page_type":{"primary":"article"}},"ground_truth":{"main_content":"a b c d"}}""");
            File.WriteAllText(Path.Combine(dir, "0002.json"), """{"_internal":{"page_type":{"primary":"category"}},"ground_truth":{"main_content":"x y"}}""");
            File.WriteAllText(Path.Combine(dir, "0003.json"), """{"ground_truth":{"main_content":"p q"}}""");
            File.WriteAllText(Path.Combine(dir, "0004.json"), """{"ground_truth":{"main_content":"left out"}}""");

            var truth = WcxbBench.LoadTruth(dir, new HashSet<string> { "0004" });
            var result = WcxbBench.Score(truth, new Dictionary<string, string> { ["0001"] = "a b", ["0002"] = "x y" });

            // 0001: P 1, R 0.5, F1 2/3; 0002 ("category" counts as collection): 1, 1, 1; 0003 (no type: article): empty → 0.
            Assert.Equal(3, result.Overall.Pages);
            Assert.Equal((1 + 1 + 0) / 3.0, result.Overall.Precision, 9);
            Assert.Equal((0.5 + 1 + 0) / 3.0, result.Overall.Recall, 9);
            Assert.Equal((2.0 / 3 + 1 + 0) / 3.0, result.Overall.F1, 9);
            Assert.Equal(1, result.Overall.Empty);
            Assert.Equal(2, result.ByType["article"].Pages);
            Assert.Equal(1.0 / 3, result.ByType["article"].F1, 9);
            Assert.Equal(1, result.ByType["collection"].F1, 9);
            Assert.Equal(3, result.LookedAt.Pages + result.HeldOut.Pages);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void IsLookedAt_SplitsIdsRoughlyInHalf_AndIsStable()
    {
        var ids = Enumerable.Range(1, 2000).Select(i => i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var looked = ids.Count(WcxbBench.IsLookedAt);

        Assert.InRange(looked, 850, 1150);
        Assert.Equal(looked, ids.Count(WcxbBench.IsLookedAt));
    }
}
