using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SciCurate.TestSupport;

/// <summary>A chat-completions request as the server received it.</summary>
public sealed class RecordedRequest
{
    public required string Method { get; init; }

    /// <summary>Request path, e.g. /v1/chat/completions or /openai/deployments/d/chat/completions.</summary>
    public required string Path { get; init; }

    public required string Query { get; init; }

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required string Body { get; init; }

    /// <summary>The request body as JSON, or null when it did not parse.</summary>
    public JsonNode? Json { get; init; }

    /// <summary>Deployment name from an Azure-style path; null for OpenAI-style paths.</summary>
    public string? Deployment { get; init; }

    /// <summary>Milliseconds since the server started, when the request arrived.</summary>
    public double ArrivedMs { get; init; }

    /// <summary>0-based index of the request in arrival order.</summary>
    public int Index { get; init; }

    public string? Model => Json?["model"]?.GetValue<string>();

    /// <summary>The text parts of all messages, in order.</summary>
    public IReadOnlyList<string> Texts => _texts ??= Parts().Where(p => p.Type == "text").Select(p => p.Value).ToList();

    /// <summary>Images sent as data URLs (<c>data:image/png;base64,…</c>), decoded, with their media types.</summary>
    public IReadOnlyList<(string MediaType, byte[] Bytes)> Images => _images ??= Parts()
        .Where(p => p.Type == "image_url" && p.Value.StartsWith("data:", StringComparison.Ordinal))
        .Select(p =>
        {
            var comma = p.Value.IndexOf(',', StringComparison.Ordinal);
            var header = p.Value[5..comma];
            return (header.Split(';')[0], Convert.FromBase64String(p.Value[(comma + 1)..]));
        })
        .ToList();

    private IReadOnlyList<string>? _texts;
    private IReadOnlyList<(string MediaType, byte[] Bytes)>? _images;

    private IEnumerable<(string Type, string Value)> Parts()
    {
        if (Json?["messages"] is not JsonArray messages)
        {
            yield break;
        }

        foreach (var message in messages)
        {
            var content = message?["content"];
            if (content is JsonValue value && value.TryGetValue<string>(out var s))
            {
                yield return ("text", s);
            }
            else if (content is JsonArray parts)
            {
                foreach (var part in parts)
                {
                    var type = part?["type"]?.GetValue<string>() ?? "";
                    if (type == "text")
                    {
                        yield return ("text", part!["text"]?.GetValue<string>() ?? "");
                    }
                    else if (type == "image_url")
                    {
                        yield return ("image_url", part!["image_url"]?["url"]?.GetValue<string>() ?? "");
                    }
                }
            }
        }
    }
}

/// <summary>What the server answers to one request.</summary>
public abstract record Reply
{
    /// <summary>A normal completion.</summary>
    public static Reply Answer(string content, string finishReason = "stop", int promptTokens = 1000, int completionTokens = 200,
        string? refusal = null) => new AnswerReply(content, finishReason, promptTokens, completionTokens, refusal);

    /// <summary>429 Too Many Requests with a Retry-After header in whole seconds.</summary>
    public static Reply TooManyRequests(int retryAfterSeconds) => new StatusReply(429, retryAfterSeconds);

    /// <summary>An error status such as 500, 502, 503 or 400.</summary>
    public static Reply Status(int status) => new StatusReply(status, null);

    /// <summary>Accepts the request and never answers (until the client gives up or the server stops).</summary>
    public static Reply Hang() => new HangReply();

    /// <summary>200 with a body that is not valid JSON.</summary>
    public static Reply MalformedJson() => new MalformedReply();
}

public sealed record AnswerReply(string Content, string FinishReason, int PromptTokens, int CompletionTokens, string? Refusal) : Reply;

public sealed record StatusReply(int Code, int? RetryAfterSeconds) : Reply;

public sealed record HangReply : Reply;

public sealed record MalformedReply : Reply;

/// <summary>
/// An OpenAI-compatible chat-completions server on 127.0.0.1 (random port), in process on Kestrel. Serves
/// POST /v1/chat/completions (OpenAI style: <see cref="OpenAIBaseUrl"/>) and
/// POST /openai/deployments/{deployment}/chat/completions?api-version=… (Azure style: <see cref="AzureEndpoint"/>).
/// Records every request. Replies come first from the queue filled by <see cref="Enqueue"/> (faults, scripted
/// answers, in arrival order), else from <see cref="Responder"/>, else an echo answer.
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Reply> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource? _hold;
    private int _count;
    private int _inFlight;
    private int _maxInFlight;

    private FakeChatServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>http://127.0.0.1:port</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The OpenAI-compatible base URL: http://127.0.0.1:port/v1</summary>
    public Uri OpenAIBaseUrl => new(BaseUrl, "/v1");

    /// <summary>The Azure resource endpoint (the client appends /openai/deployments/…).</summary>
    public Uri AzureEndpoint => BaseUrl;

    /// <summary>Answers requests the script does not cover. Default: echoes "answer N" for request N.</summary>
    public Func<RecordedRequest, Reply>? Responder { get; set; }

    /// <summary>Keep every request for <see cref="Requests"/> (default); benchmarks sending gigabytes turn it off.</summary>
    public bool RecordRequests { get; set; } = true;

    /// <summary>Delay before every answer (simulates model latency).</summary>
    public TimeSpan Latency { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => _requests.OrderBy(r => r.Index).ToList();

    public int RequestCount => Volatile.Read(ref _count);

    /// <summary>Requests the server is handling now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>From now on requests wait, unanswered, until <see cref="ReleaseReplies"/>: lets a test see how many arrive at once.</summary>
    public void HoldReplies() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answers the held requests and stops holding.</summary>
    public void ReleaseReplies() => Interlocked.Exchange(ref _hold, null)?.TrySetResult();

    /// <summary>Most requests the server was handling at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public static async Task<FakeChatServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Limits.MaxRequestBodySize = 256L * 1024 * 1024);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeChatServer(app);
        app.MapPost("/v1/chat/completions", (HttpContext c) => server.HandleAsync(c, null));
        app.MapPost("/openai/deployments/{deployment}/chat/completions",
            (HttpContext c, string deployment) => server.HandleAsync(c, deployment));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        server.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    /// <summary>Queues replies for the next requests, in arrival order.</summary>
    public void Enqueue(params Reply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context, string? deployment)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            await HandleCoreAsync(context, deployment);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task HandleCoreAsync(HttpContext context, string? deployment)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        JsonNode? json = null;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
        }

        var index = Interlocked.Increment(ref _count) - 1;
        var request = new RecordedRequest
        {
            Method = context.Request.Method,
            Path = context.Request.Path.Value ?? "",
            Query = context.Request.QueryString.Value ?? "",
            Headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Body = body,
            Json = json,
            Deployment = deployment,
            ArrivedMs = _clock.Elapsed.TotalMilliseconds,
            Index = index,
        };
        if (RecordRequests)
        {
            _requests.Enqueue(request);
        }

        var reply = _script.TryDequeue(out var scripted) ? scripted
            : Responder?.Invoke(request) ?? Reply.Answer($"answer {index}");
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            if (Volatile.Read(ref _hold) is { } hold)
            {
                await hold.Task.WaitAsync(linked.Token);
            }

            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, linked.Token);
            }

            await WriteAsync(context, request, reply, linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up (time-out) or the server is stopping.
        }
    }

    private static async Task WriteAsync(HttpContext context, RecordedRequest request, Reply reply, CancellationToken ct)
    {
        switch (reply)
        {
            case HangReply:
                await Task.Delay(Timeout.Infinite, ct);
                return;
            case StatusReply status:
                context.Response.StatusCode = status.Code;
                if (status.RetryAfterSeconds is { } after)
                {
                    context.Response.Headers.RetryAfter = after.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(
                    $$$"""{"error":{"message":"injected status {{{status.Code}}}","type":"injected","code":"{{{status.Code}}}"}}""", ct);
                return;
            case MalformedReply:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"id":"chatcmpl-broken","object":"chat.completion","choices":[{"index":0,"mess""", ct);
                return;
            case AnswerReply answer:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                var model = request.Model ?? request.Deployment ?? "unknown";
                var message = new JsonObject { ["role"] = "assistant", ["content"] = answer.Content };
                if (answer.Refusal is not null)
                {
                    message["refusal"] = answer.Refusal;
                }

                var payload = new JsonObject
                {
                    ["id"] = $"chatcmpl-{request.Index}",
                    ["object"] = "chat.completion",
                    ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    ["model"] = model,
                    ["choices"] = new JsonArray(new JsonObject
                    {
                        ["index"] = 0,
                        ["message"] = message,
                        ["finish_reason"] = answer.FinishReason,
                    }),
                    ["usage"] = new JsonObject
                    {
                        ["prompt_tokens"] = answer.PromptTokens,
                        ["completion_tokens"] = answer.CompletionTokens,
                        ["total_tokens"] = answer.PromptTokens + answer.CompletionTokens,
                    },
                };
                await context.Response.WriteAsync(payload.ToJsonString(), ct);
                return;
            default:
                throw new InvalidOperationException($"unknown reply {reply}");
        }
    }
}
