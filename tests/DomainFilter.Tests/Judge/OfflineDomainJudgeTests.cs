using SciCurate.DomainFilter.Judge;
using SciCurate.DomainFilter.Web;

namespace SciCurate.DomainFilter.Tests.Judge;

public sealed class OfflineDomainJudgeTests
{
    internal const string MathText = """
        Theorem 2. Let f be a continuous function on [a, b] with derivative f'. Then the integral ∫ f'(x) dx over [a, b]
        equals f(b) − f(a). Proof. By the mean value theorem, for each partition of the interval there are points where
        the difference quotient equals the derivative; summing and passing to the limit gives the equation. The
        corollary follows: if the derivative vanishes, f is constant. The eigenvalues λ of a symmetric matrix are real,
        and the polynomial p(x) = x^2 + 3x + 2 has roots −1 and −2. In the experiment the measured wavelength was
        532 nm and the pressure 3.2 kPa, in agreement with the hypothesis [12] and with Smith et al. (doi:10.1000/182).
        """;

    internal const string ShopText = """
        Big summer sale! Add to cart now and enjoy free shipping on all orders over $50. Use the discount code SUMMER
        for 20% off. Our shoes come in many colours and sizes, and the new collection arrives next week. Buy now while
        stocks last, the best price guaranteed. Sign up now to our newsletter and never miss an offer. Order now and
        get a coupon for your next purchase. Shop now for the whole family, our friendly staff is happy to help you.
        """;

    internal static WebDocument Page(string domain, int i, string text, int failedRules = 0) => new()
    {
        DocId = $"{domain}-{i}",
        Url = $"https://{domain}/p/{i}",
        Domain = domain,
        Source = "test",
        Status = WebPageStatus.Ok,
        Text = text,
        FailedRules = Enumerable.Range(0, failedRules).Select(r => $"rule_{r}").ToList(),
    };

    private static DomainSample Sample(string domain, string text, int failedRules, int n = 6)
    {
        var pages = Enumerable.Range(0, n).Select(i => Page(domain, i, text, failedRules)).ToList();
        return new DomainSample(DomainProfile.Of(domain, pages.Select(PageRef.Of).ToList()), pages);
    }

    private static readonly OfflineDomainJudge Judge = new(new OfflineDomainJudgeOptions());

    [Fact]
    public void Judge_Keeps_WhenScientificAndClean()
    {
        var v = Judge.Judge(Sample("math.example.edu", MathText, 0));
        Assert.Equal(DomainDecision.Keep, v.Decision);
        Assert.Equal("offline", v.Judge);
        Assert.StartsWith("offline heuristic", v.Reason, StringComparison.Ordinal);
        Assert.True(v.ScienceScore > 0.7, $"science {v.ScienceScore}");
    }

    [Fact]
    public void Judge_Rewrites_WhenScientificButNoisy()
    {
        var v = Judge.Judge(Sample("physics.example.com", MathText, 2));
        Assert.Equal(DomainDecision.Rewrite, v.Decision);
    }

    [Fact]
    public void Judge_Drops_WhenOffTopic()
    {
        var v = Judge.Judge(Sample("shoes.example.com", ShopText, 0));
        Assert.Equal(DomainDecision.Drop, v.Decision);
        Assert.Contains("off-topic", v.Reason, StringComparison.Ordinal);
        Assert.True(v.ScienceScore < 0.2, $"science {v.ScienceScore}");
    }

    [Fact]
    public void Judge_Drops_WhenScientificButHopelesslyNoisy()
    {
        var v = Judge.Judge(Sample("spam-science.example.com", MathText, 8));
        Assert.Equal(DomainDecision.Drop, v.Decision);
        Assert.Contains("too noisy", v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ScienceRelevance_ScoresMathAboveShopping() =>
        Assert.True(ScienceRelevance.Score(MathText, "https://example.com/a").Score
            > ScienceRelevance.Score(ShopText, "https://example.com/a").Score + 0.5);
}
