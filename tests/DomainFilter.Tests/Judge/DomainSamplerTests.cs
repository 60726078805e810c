using SciCurate.DomainFilter.Judge;

namespace SciCurate.DomainFilter.Tests.Judge;

public sealed class DomainSamplerTests
{
    private static List<PageRef> Pages(int n, string domain = "example.org")
    {
        var sections = new[] { "questions", "wiki", "blog", "tags" };
        return Enumerable.Range(0, n)
            .Select(i => new PageRef($"id{i:D5}", $"https://www.{domain}/{sections[i % sections.Length]}/{i}", domain,
                PageRef.QualityOf(i % 5)))
            .ToList();
    }

    [Fact]
    public void Sample_IsTheSame_WhenInputOrderChanges()
    {
        var pages = Pages(500);
        var sampler = new DomainSampler(new DomainSamplerOptions { SampleSize = 8, Seed = 7 });
        var shuffled = pages.OrderBy(p => DomainSampler.Hash(99, p.DocId)).ToList();
        var reversed = Enumerable.Reverse(pages).ToList();

        var a = sampler.Sample(pages).Select(p => p.DocId).ToList();
        Assert.Equal(a, sampler.Sample(shuffled).Select(p => p.DocId).ToList());
        Assert.Equal(a, sampler.Sample(reversed).Select(p => p.DocId).ToList());
        Assert.Equal(8, a.Count);
        Assert.Equal(8, a.Distinct().Count());
    }

    [Fact]
    public void Sample_Changes_WhenSeedChanges()
    {
        var pages = Pages(500);
        var a = new DomainSampler(new DomainSamplerOptions { Seed = 1 }).Sample(pages).Select(p => p.DocId);
        var b = new DomainSampler(new DomainSamplerOptions { Seed = 2 }).Sample(pages).Select(p => p.DocId);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Sample_ReturnsAllPages_WhenDomainHasFewerThanK()
    {
        var pages = Pages(5);
        var sample = new DomainSampler(new DomainSamplerOptions { SampleSize = 8 }).Sample(pages);
        Assert.Equal(pages.Select(p => p.DocId).Order(), sample.Select(p => p.DocId).Order());
    }

    [Fact]
    public void Sample_SpreadsOverPathsAndQualityRange()
    {
        var pages = Pages(1000);
        var sample = new DomainSampler(new DomainSamplerOptions { SampleSize = 8 }).Sample(pages);

        // Four sections, eight picks: each section twice.
        var perSection = sample.GroupBy(p => DomainSampler.PathKey(p.Url)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(4, perSection.Count);
        Assert.All(perSection.Values, c => Assert.Equal(2, c));

        // Worst and best quality both present.
        Assert.Contains(sample, p => p.Quality == pages.Min(x => x.Quality));
        Assert.Contains(sample, p => p.Quality == 1.0);
    }

    [Fact]
    public void Sample_TakesTheRarePath_WhenOneSectionDominates()
    {
        var pages = Enumerable.Range(0, 990)
            .Select(i => new PageRef($"q{i}", $"https://forum.example.org/questions/{i}", "example.org", 1.0))
            .Concat(Enumerable.Range(0, 10).Select(i => new PageRef($"w{i}", $"https://example.org/wiki/Page_{i}", "example.org", 1.0)))
            .ToList();
        var sample = new DomainSampler(new DomainSamplerOptions { SampleSize = 8 }).Sample(pages);
        Assert.Contains(sample, p => DomainSampler.PathKey(p.Url) == "/wiki");
    }

    [Theory]
    [InlineData("https://example.org/", "/")]
    [InlineData("https://example.org/Questions/123/title", "/questions")]
    [InlineData("https://example.org/wiki", "/wiki")]
    [InlineData("not a url", "/")]
    public void PathKey_IsFirstSegment(string url, string expected) => Assert.Equal(expected, DomainSampler.PathKey(url));
}
