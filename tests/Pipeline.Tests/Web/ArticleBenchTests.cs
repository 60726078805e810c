using SciCurate.Pipeline.Eval;

namespace SciCurate.Pipeline.Tests.Web;

public sealed class ArticleBenchTests
{
    [Fact]
    public void ScorePage_CountsShingleMultisets()
    {
        // Truth: 6 tokens → 3 shingles; the prediction repeats one of them and misses one.
        var page = ArticleBench.ScorePage("p", "a b c d e f", "a b c d e x. a b c d");

        // Prediction shingles: "a b c d" ×2, "b c d e", "c d e x", "d e x a", "e x a b", "x a b c".
        // tp = 2 (a b c d, b c d e), fp = 5 (the second a b c d and four others), fn = 1 (c d e f); normalised by 8.
        Assert.Equal(2.0 / 8, page.Tp, 6);
        Assert.Equal(5.0 / 8, page.Fp, 6);
        Assert.Equal(1.0 / 8, page.Fn, 6);
    }

    [Fact]
    public void Score_AveragesOverPages_AndTreatsTwoEmptyTextsAsPerfect()
    {
        var truth = new Dictionary<string, string> { ["a"] = "one two three four five", ["b"] = "", ["c"] = "alpha beta gamma delta" };
        var prediction = new Dictionary<string, string> { ["a"] = "one two three four five", ["b"] = "", ["c"] = "" };

        var result = ArticleBench.Score(truth, prediction);

        // a: P = R = 1; b: both empty → 1, 1; c: nothing predicted → no precision, recall 0.
        Assert.Equal(1, result.Precision, 6);
        Assert.Equal(2.0 / 3, result.Recall, 6);
        Assert.Equal(0.8, result.F1, 6);
    }
}
