using SciCurate.DomainFilter.Judge;
using SciCurate.DomainFilter.Web;

namespace SciCurate.DomainFilter.Tests.Judge;

public sealed class DomainVerdictRuleTests
{
    [Theory]
    [InlineData(DomainDecision.Keep, WebPageStatus.Kept)]
    [InlineData(DomainDecision.Drop, WebPageStatus.Dropped)]
    [InlineData(DomainDecision.Rewrite, WebPageStatus.RewritePending)]
    public void Apply_GivesTheVerdictsStatus_AndStartsAfresh_WhenThePageIsNew(DomainDecision decision, WebPageStatus expected)
    {
        var next = DomainVerdictRule.Apply(decision, previousDecision: null, WebPageStatus.Ok);

        Assert.Equal(new PageUnderVerdict(expected, StartsAfresh: true), next);
    }

    [Fact]
    public void Apply_KeepsAStoredRewrite_WhenTheDomainIsStillToBeRewritten()
    {
        var next = DomainVerdictRule.Apply(DomainDecision.Rewrite, DomainDecision.Rewrite, WebPageStatus.Rewritten);

        Assert.Equal(new PageUnderVerdict(WebPageStatus.Rewritten, StartsAfresh: false), next);
    }

    [Theory]
    [InlineData(DomainDecision.Keep, WebPageStatus.Rewritten)]
    [InlineData(DomainDecision.Rewrite, WebPageStatus.Failed)]
    [InlineData(DomainDecision.Rewrite, WebPageStatus.RewritePending)]
    [InlineData(DomainDecision.Drop, WebPageStatus.Kept)]
    public void Apply_PutsThePageBackInLine_WhenAnotherVerdictLeftIt(DomainDecision previous, WebPageStatus status)
    {
        // A page rewritten under an earlier rewrite verdict that later became keep, or a failed or pending rewrite.
        var next = DomainVerdictRule.Apply(DomainDecision.Rewrite, previous, status);

        Assert.Equal(new PageUnderVerdict(WebPageStatus.RewritePending, StartsAfresh: true), next);
    }

    [Fact]
    public void Apply_DropsAndKeepsRewrittenPages_StartingAfresh()
    {
        Assert.Equal(new PageUnderVerdict(WebPageStatus.Dropped, true), DomainVerdictRule.Apply(DomainDecision.Drop, DomainDecision.Rewrite, WebPageStatus.Rewritten));
        Assert.Equal(new PageUnderVerdict(WebPageStatus.Kept, true), DomainVerdictRule.Apply(DomainDecision.Keep, DomainDecision.Rewrite, WebPageStatus.Rewritten));
    }

    [Theory]
    [InlineData(WebPageStatus.Ok, null, true)]
    [InlineData(WebPageStatus.Kept, DomainDecision.Keep, true)]
    [InlineData(WebPageStatus.Failed, DomainDecision.Rewrite, true)]
    [InlineData(WebPageStatus.Failed, null, false)]
    [InlineData(WebPageStatus.Duplicate, null, false)]
    [InlineData(WebPageStatus.NearDuplicate, DomainDecision.Keep, false)]
    public void IsJudgeable_LeavesOutExtractionFailuresAndDuplicates(WebPageStatus status, DomainDecision? decision, bool expected)
    {
        Assert.Equal(expected, DomainVerdictRule.IsJudgeable(status, decision));
    }

    [Theory]
    [InlineData(DomainDecision.Rewrite, WebPageStatus.RewritePending, true)]
    [InlineData(DomainDecision.Rewrite, WebPageStatus.Failed, true)]
    [InlineData(DomainDecision.Rewrite, WebPageStatus.Rewritten, false)]
    [InlineData(DomainDecision.Keep, WebPageStatus.Failed, false)]
    [InlineData(null, WebPageStatus.RewritePending, false)]
    public void NeedsRewrite_OnlyForRewriteDomainsPagesWithoutARewrite(DomainDecision? decision, WebPageStatus status, bool expected)
    {
        Assert.Equal(expected, DomainVerdictRule.NeedsRewrite(decision, status));
    }

    [Fact]
    public void AfterRewrite_KeepsEndpointTroublePending_AndFailsARefusedAnswer()
    {
        Assert.Equal(WebPageStatus.Rewritten, DomainVerdictRule.AfterRewrite(new RewriteResult("clean text", null, 1, 10, 10)));
        Assert.Equal(WebPageStatus.RewritePending, DomainVerdictRule.AfterRewrite(new RewriteResult(null, "429", 1, 0, 0) { EndpointFault = true }));
        Assert.Equal(WebPageStatus.Failed, DomainVerdictRule.AfterRewrite(new RewriteResult(null, "answer dropped the numbers", 1, 10, 10)));
    }
}
