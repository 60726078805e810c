using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using SciCurate.Bench.Vlm;
using SciCurate.Parsers.Rendering;
using SciCurate.Parsers.Vlm;
using SciCurate.Pipeline.Ai;
using SciCurate.Pipeline.Configuration;
using SciCurate.TestSupport;

// vlm-bench serve --url-file F [--latency-ms N]
//   A loopback chat-completions server answering with modelled token counts (see ModelledUsage) until stdin closes.
// vlm-bench throughput --pdf FILE [--requests N] [--concurrency C] [--latency-ms L] [--url BASE] [--format png|jpeg] [--max-pixels P]
//   Renders the PDF's pages once, then reads N pages through ChatClientFactory + VlmPageParser (the production client
//   path: real prompt, real images, resilience middleware) against a loopback server with latency L.
var mode = args.FirstOrDefault() ?? "";
string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

var latency = TimeSpan.FromMilliseconds(double.Parse(Arg("--latency-ms", "0"), CultureInfo.InvariantCulture));
switch (mode)
{
    case "serve":
    {
        await using var server = await FakeChatServer.StartAsync();
        server.Latency = latency;
        server.Responder = ModelledUsage.Reply;
        server.RecordRequests = false;
        await File.WriteAllTextAsync(Arg("--url-file", "vlm-url.txt"), server.OpenAIBaseUrl.ToString());
        Console.Error.WriteLine($"serving {server.OpenAIBaseUrl} (latency {latency.TotalMilliseconds} ms); close stdin to stop");
        await Console.In.ReadToEndAsync();
        Console.Error.WriteLine($"served {server.RequestCount} requests, at most {server.MaxInFlight} at once");
        return 0;
    }

    case "throughput":
    {
        var pdf = Arg("--pdf", "");
        var requests = int.Parse(Arg("--requests", "2000"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Arg("--concurrency", "256"), CultureInfo.InvariantCulture);
        var renderer = new PdftoppmPageRenderer(new PageRenderOptions
        {
            Format = Arg("--format", PageRenderOptions.FormatPng),
            MaxPixels = int.Parse(Arg("--max-pixels", "1600"), CultureInfo.InvariantCulture),
        });
        var images = new List<byte[]>();
        var renderClock = Stopwatch.StartNew();
        for (var page = 1; page <= 64; page++)
        {
            var r = await renderer.RenderAsync(pdf, page, 0, 0, default);
            if (!r.Ok)
            {
                break;
            }

            images.Add(r.Image!);
        }

        if (images.Count == 0)
        {
            Console.Error.WriteLine($"no pages rendered from {pdf}");
            return 2;
        }

        var mediaType = renderer.Options.Format == PageRenderOptions.FormatJpeg ? "image/jpeg" : "image/png";
        var renderMsPerPage = renderClock.Elapsed.TotalMilliseconds / images.Count;
        // --url: a server in another process (vlm-bench serve), so this process's CPU time is the client's alone.
        var external = Arg("--url", "");
        await using var server = await FakeChatServer.StartAsync();
        server.Latency = latency;
        server.Responder = ModelledUsage.Reply;
        server.RecordRequests = false;
        var options = new ChatEndpointOptions
        {
            Endpoint = external.Length > 0 ? external : server.OpenAIBaseUrl.ToString(),
            Model = "bench-vlm",
            MaxConcurrency = concurrency,
            TimeoutSeconds = 300,
            MaxRetries = 2,
        };
        using var client = (ResilientChatClient)ChatClientFactory.Create(options);
        var parser = new VlmPageParser(client, new VlmPageParserOptions());
        // Warm up the connection pool and the JIT.
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, 32)).Select(i => parser.ParseAsync(new VlmPageInput(images[i % images.Count], mediaType), default)));
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, requests).Select(i =>
            parser.ParseAsync(new VlmPageInput(images[i % images.Count], mediaType, "hint text of the page"), default)));
        var elapsed = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var ok = results.Count(r => r.Ok);
        var bytes = images.Average(i => i.Length);
        var serverMax = external.Length > 0 ? "external" : server.MaxInFlight.ToString(CultureInfo.InvariantCulture);
        var ideal = latency > TimeSpan.Zero ? concurrency / latency.TotalSeconds : double.NaN;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"format={renderer.Options.Format} requests={requests} ok={ok} concurrency={concurrency} latency_ms={latency.TotalMilliseconds} image_kb={bytes / 1024:F0} " +
            $"elapsed_s={elapsed.TotalSeconds:F2} pages_per_s={ok / elapsed.TotalSeconds:F1} ideal_pages_per_s={ideal:F1} " +
            $"client_max_in_flight={client.Counters.MaxInFlight} server_max_in_flight={serverMax} " +
            $"cpu_ms_per_page={cpu.TotalMilliseconds / requests:F2} render_ms_per_page={renderMsPerPage:F0}"));
        return ok == requests ? 0 : 1;
    }

    default:
        Console.Error.WriteLine("usage: vlm-bench serve --url-file F [--latency-ms N] | throughput --pdf FILE [--requests N] [--concurrency C] [--latency-ms L]");
        return 2;
}
