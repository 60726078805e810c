using System.Text;
using AngleSharp.Dom;
using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// Generated hostile pages (very many siblings, alike containers, math sources, link runs): the extractor's work is
/// counted in operations, so these tests assert on counts and on cancellation honoured, never on the clock.
/// </summary>
public sealed class HostilePageTests
{
    private static readonly string[] Shapes = ["paragraphs", "junk", "alike", "math", "links"];

    /// <summary>A page of <paramref name="n"/> sibling elements of one shape under the body.</summary>
    private static string Siblings(string shape, int n)
    {
        var html = new StringBuilder("<html><head><title>t</title></head><body>");
        for (var i = 0; i < n; i++)
        {
            html.Append(shape switch
            {
                // Paragraph-like siblings: every one a scoring candidate's child.
                "paragraphs" => "<div><p>Some words, and a comma, in a paragraph.</p></div>",
                // Elements cleaning removes: n removals under one parent.
                "junk" => "<img src=x><button>b</button>",
                // Alike containers with the chosen one's class: the chunked-article merge and its sort.
                "alike" => "<div class=\"chunk\"><p>" + new string('w', 210) + ", a comma, and more words here.</p></div>",
                // MathJax sources with previews: n replacements under one parent.
                "math" => "<span class=\"MathJax_Preview\">x</span><script type=\"math/tex\">x^2</script>",
                // Link-only list items: link runs removed from the rendered blocks.
                "links" => "<li><a href=\"/a\">a link to another page</a></li><li>plain item text</li>",
                _ => throw new ArgumentOutOfRangeException(nameof(shape)),
            });
        }

        return html.Append("</body></html>").ToString();
    }

    private static long Operations(string html, ContentExtractorOptions? options = null)
    {
        options ??= new ContentExtractorOptions { MaxElements = 1_000_000, MaxOperations = long.MaxValue };
        var budget = new ExtractionBudget(options.MaxOperations, CancellationToken.None);
        new DensityContentExtractor(options).Extract(html, null, budget);
        return budget.Operations;
    }

    [Fact]
    public void Extract_WorkGrowsLinearly_WhenSiblingsQuadruple()
    {
        foreach (var shape in Shapes)
        {
            var small = Operations(Siblings(shape, 4_000));
            var large = Operations(Siblings(shape, 16_000));

            // Four times the elements, four times the work (a little over for fixed costs is not growth).
            Assert.True(large <= 4.4 * small, $"{shape}: {small} operations for 4,000 siblings, {large} for 16,000");
        }
    }

    [Fact]
    public void Extract_StopsAtItsOperationBudget_OnAHugePage()
    {
        var options = new ContentExtractorOptions { MaxElements = 1_000_000, MaxOperations = 200_000 };
        var budget = new ExtractionBudget(options.MaxOperations, CancellationToken.None);

        var stopped = Assert.Throws<ExtractionBudgetExceededException>(
            () => new DensityContentExtractor(options).Extract(Siblings("paragraphs", 100_000), null, budget));

        Assert.Equal(200_000, stopped.MaxOperations);
        Assert.InRange(budget.Operations, options.MaxOperations, options.MaxOperations + ExtractionBudget.CheckEvery);
    }

    [Fact]
    public void Extract_HonoursCancellation_InTheStageThatIsRunning()
    {
        // The token is cancelled by the first stage (math) once it is done: cleaning, the next stage, must stop
        // within one check interval of its own loop instead of running on.
        using var cts = new CancellationTokenSource();
        var options = new ContentExtractorOptions { MaxElements = 1_000_000 };
        var math = new CancelAfterRewrite(new MathToLatexRewriter(), cts);
        var extractor = new DensityContentExtractor(options, new HeadMetadataReader(), math, new TagAndNameCleaner(options),
                                                    new ReadabilityDensityScorer(options), new BlockMarkdownRenderer(options));
        var budget = new ExtractionBudget(options.MaxOperations, cts.Token);

        Assert.ThrowsAny<OperationCanceledException>(() => extractor.Extract(Siblings("junk", 50_000), null, budget));

        Assert.True(cts.IsCancellationRequested);
        Assert.InRange(budget.Operations - math.OperationsAtCancel, 0, ExtractionBudget.CheckEvery);
    }

    [Fact]
    public void Extract_KeepsTheText_OfAPageWithManyAlikeChunks()
    {
        // The same page small enough to finish: the linear rewrite of the merge still takes every chunk, in order.
        var html = "<html><body><nav><a href=/>home</a></nav>"
                   + string.Concat(Enumerable.Range(0, 300).Select(i => $"<div class=\"chunk\"><p>Chunk {i:D3}, {new string('w', 200)}, and words.</p></div><div class=\"ad\">ad</div>"))
                   + "</body></html>";

        var text = new DensityContentExtractor().Extract(html, null).Text;

        var first = text.IndexOf("Chunk 000", StringComparison.Ordinal);
        var last = text.IndexOf("Chunk 299", StringComparison.Ordinal);
        Assert.True(first >= 0 && last > first, "every chunk, in document order");
        Assert.DoesNotContain("home", text, StringComparison.Ordinal);
    }

    private sealed class CancelAfterRewrite(IMathRewriter inner, CancellationTokenSource cts) : IMathRewriter
    {
        public long OperationsAtCancel { get; private set; }

        public void Rewrite(IDocument document, IElement body, ExtractionBudget budget)
        {
            inner.Rewrite(document, body, budget);
            OperationsAtCancel = budget.Operations;
            cts.Cancel();
        }
    }
}
