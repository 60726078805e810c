using SciCurate.Pipeline.Eval;

namespace SciCurate.Pipeline.Tests;

/// <summary>The evaluator scores the way olmOCR-Bench's tests.py does.</summary>
public class OlmOcrBenchTests
{
    private static BenchTest T(string type, string? text = null, int maxDiffs = 0, string? before = null, string? after = null,
        int? maxLength = null, int? firstN = null, int? lastN = null) =>
        new("x.pdf", 1, "t", type, text, before, after, maxDiffs, maxLength, firstN, lastN);

    [Theory]
    [InlineData("The quick brown fox", "a **quick** brown\nfox jumps", 4, true)]
    [InlineData("quick brown fox", "a **quick** brown\nfox jumps", 0, true)]
    [InlineData("quick brawn fax", "the quick brown fox", 2, true)]
    [InlineData("quick brawn fax", "the quick brown fox", 1, false)]
    [InlineData("“corporate” — ‘social’", "\"corporate\" - 'social'", 0, true)]
    public void Present_is_fuzzy_within_max_diffs(string text, string markdown, int maxDiffs, bool pass) =>
        Assert.Equal(pass, OlmOcrBench.Run(T("present", text, maxDiffs), markdown).Pass);

    [Fact]
    public void Absent_with_last_n_looks_only_at_the_end_of_the_page()
    {
        const string page = "1 Introduction to the methods used in this long paragraph of text.";
        Assert.True(OlmOcrBench.Run(T("absent", "1", lastN: 20), page).Pass);
        Assert.False(OlmOcrBench.Run(T("absent", "1", firstN: 20), page).Pass);
        Assert.False(OlmOcrBench.Run(T("absent", "paragraph"), page).Pass);
    }

    [Fact]
    public void Order_needs_before_ahead_of_after()
    {
        Assert.True(OlmOcrBench.Run(T("order", before: "first part", after: "second part"), "first part then second part").Pass);
        Assert.False(OlmOcrBench.Run(T("order", before: "second part", after: "first part"), "first part then second part").Pass);
        Assert.False(OlmOcrBench.Run(T("order", before: "missing", after: "first part"), "first part").Pass);
    }

    [Fact]
    public void Baseline_counts_alphanumerics_on_a_blank_page()
    {
        Assert.True(OlmOcrBench.Run(T("baseline", maxLength: 3), "- 12 -").Pass);
        Assert.False(OlmOcrBench.Run(T("baseline", maxLength: 3), "Page 12").Pass);
    }
}
