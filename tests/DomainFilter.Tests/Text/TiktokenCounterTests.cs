using SciCurate.DomainFilter.Text;
using Xunit;

namespace SciCurate.DomainFilter.Tests.Text;

public sealed class TiktokenCounterTests
{
    [Fact]
    public void Cl100k_MatchesPublishedTokenIds()
    {
        // OpenAI cookbook "How to count tokens with tiktoken": cl100k_base ids for these strings.
        var counter = new TiktokenCounter(new TokenizerOptions { Encoding = TokenizerOptions.Cl100kBase });
        Assert.Equal([83, 1609, 5963, 374, 2294, 0], counter.Encode("tiktoken is great!"));
        Assert.Equal(6, counter.Count("tiktoken is great!"));
        Assert.Equal(6, counter.Count("antidisestablishmentarianism"));
        Assert.Equal(7, counter.Count("2 + 2 = 4"));
    }

    [Fact]
    public void O200k_CountsKnownStrings()
    {
        var counter = new TiktokenCounter(new TokenizerOptions());
        Assert.Equal("o200k_base", counter.Encoding);
        Assert.Equal([24912, 2375], counter.Encode("hello world"));
        Assert.Equal(4, counter.Count("Hello, world!"));
        Assert.Equal(0, counter.Count(""));
    }
}
