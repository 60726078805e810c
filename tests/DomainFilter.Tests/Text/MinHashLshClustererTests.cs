using SciCurate.DomainFilter.Text;
using Xunit;

namespace SciCurate.DomainFilter.Tests.Text;

public sealed class MinHashLshClustererTests
{
    private static readonly MinHashOptions Options = new();

    private static string Words(int seed, int count)
    {
        var random = new Random(seed);
        return string.Join(' ', Enumerable.Range(0, count).Select(_ => "w" + random.Next(20_000)));
    }

    private static string Change(string text, double share, int seed)
    {
        var random = new Random(seed);
        var words = text.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (random.NextDouble() < share)
            {
                words[i] = "changed" + random.Next(1_000_000);
            }
        }

        return string.Join(' ', words);
    }

    [Fact]
    public void Sign_IgnoresCasePunctuationAndMarkdown()
    {
        var signer = new MinHashSigner(Options);
        var a = signer.Sign("# The Title\n\nSome *emphasised* text, with punctuation.")!;
        var b = signer.Sign("the title some emphasised text with punctuation")!;
        Assert.Equal(a.ExactHash, b.ExactHash);
        Assert.Equal(a.MinHashes, b.MinHashes);
        Assert.Null(signer.Sign(" .,;# "));
    }

    [Fact]
    public void Cluster_JoinsCopiesWithThreePercentChanged_AndNothingElse()
    {
        var signer = new MinHashSigner(Options);
        var set = new SignatureSet(Options.Hashes);
        var originals = Enumerable.Range(0, 200).Select(i => Words(i, 400)).ToList();
        foreach (var text in originals)
        {
            set.Add(signer.Sign(text)!);
        }

        for (var i = 0; i < 50; i++)
        {
            set.Add(signer.Sign(Change(originals[i], 0.03, 1000 + i))!);
        }

        var roots = new MinHashLshClusterer(Options).Cluster(set);
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(i, roots[i]);
        }

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(i, roots[200 + i]);
        }
    }
}
