using Microsoft.Extensions.Logging;
using SciCurate.Parsers.Pdf;
using SciCurate.Parsers.Rendering;
using SciCurate.Parsers.Vlm;
using SciCurate.Pipeline.Configuration;

namespace SciCurate.Pipeline.Pdf;

/// <summary>One hard page to read: where it is, its size in points and its cheap text (the hint).</summary>
public sealed record HardPageJob(string PdfPath, int PageNo, double Width, double Height, string? CheapText);

/// <summary>
/// A VLM endpoint is configured: hard pages are rendered (pdftoppm), looked up in the answer cache, else read by
/// <see cref="VlmPageParser"/>; tokens and estimated cost are recorded per page. A page that cannot be rendered or
/// read becomes vlm_failed with the reason and keeps its cheap Markdown. `curate run` and `curate reprocess` share
/// <see cref="ReadPageAsync"/>.
/// </summary>
public sealed class VlmHardPageStage : IHardPageStage, IDisposable
{
    private readonly IPageRenderer _renderer;
    private readonly VlmPageParser _parser;
    private readonly VlmAnswerCache? _cache;
    private readonly ChatEndpointOptions _endpoint;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _renderSlots;
    private long _cacheHits;

    public VlmHardPageStage(IPageRenderer renderer, VlmPageParser parser, VlmAnswerCache? cache, ChatEndpointOptions endpoint,
        VlmStageOptions stage, ILogger logger)
    {
        _renderer = renderer;
        _parser = parser;
        _cache = cache;
        _endpoint = endpoint;
        _logger = logger;
        _renderSlots = new SemaphoreSlim(stage.EffectiveRenderConcurrency);
    }

    public long CacheHits => Interlocked.Read(ref _cacheHits);

    public void Dispose() => _renderSlots.Dispose();

    public ChatEndpointOptions Endpoint => _endpoint;

    public async Task RouteAsync(string pdfPath, IReadOnlyList<DocumentPage> pages, CancellationToken ct)
    {
        var reads = new List<Task>();
        foreach (var page in pages)
        {
            var p = page.Parsed;
            if (p.Error is not null)
            {
                page.Route = new RoutedPage(PageRoute.Failed, Error: p.Error);
            }
            else if (!page.ToVlm)
            {
                page.Route = RoutedPage.Cheap;
            }
            else
            {
                var job = new HardPageJob(pdfPath, p.PageNo, p.Width, p.Height, page.CheapMarkdown);
                reads.Add(Task.Run(async () => page.Route = await ReadPageAsync(job, ct), ct));
            }
        }

        await Task.WhenAll(reads);
    }

    /// <summary>Renders and reads one page; never throws except for cancellation.</summary>
    public async Task<RoutedPage> ReadPageAsync(HardPageJob job, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        RenderedPage image;
        await _renderSlots.WaitAsync(ct);
        try
        {
            image = await _renderer.RenderAsync(job.PdfPath, job.PageNo, job.Width, job.Height, ct);
        }
        finally
        {
            _renderSlots.Release();
        }

        if (!image.Ok)
        {
            _logger.LogWarning("{Path} page {Page}: {Error}", job.PdfPath, job.PageNo, image.Error);
            return new RoutedPage(PageRoute.VlmFailed, ElapsedMs: clock.Elapsed.TotalMilliseconds, Error: image.Error ?? "render failed");
        }

        var key = VlmAnswerCache.Key(image.Image!, _endpoint.Model, VlmPageParser.PromptVersion);
        if (_cache is not null && await _cache.TryGetAsync(key, ct) is { } hit)
        {
            Interlocked.Increment(ref _cacheHits);
            return new RoutedPage(PageRoute.Vlm, hit.Markdown, VlmPageParser.ParserName, hit.Model, hit.PromptTokens, hit.CompletionTokens,
                _endpoint.EstimateCost(hit.PromptTokens, hit.CompletionTokens), clock.Elapsed.TotalMilliseconds, Cached: true);
        }

        var output = await _parser.ParseAsync(new VlmPageInput(image.Image!, image.MediaType, job.CheapText), ct);
        var model = output.Model ?? _endpoint.Model;
        var cost = _endpoint.EstimateCost(output.PromptTokens, output.CompletionTokens);
        if (!output.Ok && output.EndpointFault)
        {
            // 429s, 5xx, time-outs, an open circuit: the endpoint's trouble, not the page's. It stays pending, cheap
            // text kept, for `curate reprocess --stage vlm` once the endpoint recovers.
            _logger.LogWarning("{Path} page {Page}: kept pending: {Error}", job.PdfPath, job.PageNo, output.Error);
            return new RoutedPage(PageRoute.VlmPending, null, "pdfpig", model, output.PromptTokens, output.CompletionTokens, cost,
                clock.Elapsed.TotalMilliseconds, "endpoint trouble, page kept pending: " + output.Error);
        }

        if (!output.Ok)
        {
            _logger.LogWarning("{Path} page {Page}: {Error}", job.PdfPath, job.PageNo, output.Error);
            return new RoutedPage(PageRoute.VlmFailed, null, "pdfpig", model, output.PromptTokens, output.CompletionTokens, cost,
                clock.Elapsed.TotalMilliseconds, output.Error);
        }

        if (_cache is not null)
        {
            try
            {
                await _cache.PutAsync(key, new CachedAnswer
                {
                    Markdown = output.Markdown!,
                    Model = model,
                    PromptVersion = VlmPageParser.PromptVersion,
                    PromptTokens = output.PromptTokens,
                    CompletionTokens = output.CompletionTokens,
                    Created = DateTime.UtcNow,
                }, ct);
            }
            catch (IOException e)
            {
                _logger.LogWarning("answer cache write failed: {Message}", e.Message);
            }
        }

        return new RoutedPage(PageRoute.Vlm, output.Markdown, VlmPageParser.ParserName, model, output.PromptTokens,
            output.CompletionTokens, cost, clock.Elapsed.TotalMilliseconds);
    }
}
