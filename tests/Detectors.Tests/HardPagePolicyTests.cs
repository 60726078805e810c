using SciCurate.Detectors;

namespace SciCurate.Detectors.Tests;

public sealed class HardPagePolicyTests
{
    private static HardPageCandidate Page(double score, bool flagged, bool noText = false, int chars = 100, bool failed = false) =>
        new(score, flagged, noText, chars, failed);

    [Fact]
    public void Select_CapsHardShare_KeepingHighestScores()
    {
        var pages = new[] { Page(0.9, true), Page(0.6, true), Page(0.95, true), Page(0.1, false), Page(0.7, true), Page(0.2, false) };

        var hard = new HardPagePolicy(MaxHardShare: 0.34).Select(pages);

        // floor(0.34 * 6) = 2 pages: the two highest scores.
        Assert.Equal([true, false, true, false, false, false], hard);
    }

    [Fact]
    public void Select_NoTextLayerPages_AreHardBeyondTheCap()
    {
        var pages = new[] { Page(1, true, noText: true), Page(1, true, noText: true), Page(0.9, true), Page(0, false) };

        var hard = new HardPagePolicy(MaxHardShare: 0.0).Select(pages);

        Assert.Equal([true, true, false, false], hard);
    }

    [Fact]
    public void Select_PageWithTooFewCharacters_IsHardWhateverTheDetectorSaid_ButAFailedPageGoesNowhere()
    {
        var pages = new[] { Page(0.05, false, chars: 19), Page(0.05, false, chars: 20), Page(1, true, chars: 0, failed: true) };

        var hard = new HardPagePolicy(MinTextChars: 20).Select(pages);

        Assert.Equal([true, false, false], hard);
    }

    [Fact]
    public void From_TakesTheThreeKeysOfSectionDetector()
    {
        var policy = HardPagePolicy.From(new HardPageDetectorOptions { Threshold = 0.4, MaxHardShare = 0.5, MinTextChars = 7 });

        Assert.Equal(new HardPagePolicy(0.4, 0.5, 7), policy);
    }
}
