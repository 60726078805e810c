using System.Diagnostics;
using Microsoft.Extensions.AI;
using SciCurate.Pipeline.Ai;
using SciCurate.Pipeline.Configuration;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests.Ai;

/// <summary>The chat client and its resilience middleware against a real chat-completions server on 127.0.0.1.</summary>
public sealed class ChatClientFactoryTests : IAsyncLifetime
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5];
    private FakeChatServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ChatEndpointOptions Options(string kind = ChatEndpointOptions.KindOpenAI) => new()
    {
        Endpoint = kind == ChatEndpointOptions.KindAzure ? _server.AzureEndpoint.ToString() : _server.OpenAIBaseUrl.ToString(),
        ApiKey = "sk-test-secret-123",
        Model = "qwen2-vl-7b",
        Kind = kind,
        MaxConcurrency = 8,
        TimeoutSeconds = 30,
        MaxRetries = 3,
        RetryBaseDelaySeconds = 0.01,
        RetryMaxDelaySeconds = 5,
        CircuitBreakerFailures = 0,
    };

    private static List<ChatMessage> PageMessage() =>
    [
        new(ChatRole.User, [new TextContent("Transcribe this page."), new DataContent(Png, "image/png")]),
    ];

    [Fact]
    public async Task OpenAIKind_PostsModelImageAndBearerKey_ToV1ChatCompletions()
    {
        using var client = ChatClientFactory.Create(Options());
        _server.Enqueue(Reply.Answer("# Page", promptTokens: 1234, completionTokens: 56));

        var response = await client.GetResponseAsync(PageMessage());

        Assert.Equal("# Page", response.Text);
        Assert.Equal(1234, response.Usage?.InputTokenCount);
        Assert.Equal(56, response.Usage?.OutputTokenCount);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("qwen2-vl-7b", request.Model);
        Assert.Equal("Bearer sk-test-secret-123", request.Headers["Authorization"]);
        var image = Assert.Single(request.Images);
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(Png, image.Bytes);
        Assert.Contains("Transcribe this page.", request.Texts);
    }

    [Fact]
    public async Task AzureKind_PostsToDeploymentUrl_WithApiVersionAndApiKeyHeader()
    {
        using var client = ChatClientFactory.Create(Options(ChatEndpointOptions.KindAzure));

        var response = await client.GetResponseAsync(PageMessage());

        Assert.Equal("answer 0", response.Text);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/openai/deployments/qwen2-vl-7b/chat/completions", request.Path);
        Assert.Equal("qwen2-vl-7b", request.Deployment);
        Assert.Contains("api-version=", request.Query, StringComparison.Ordinal);
        Assert.Equal("sk-test-secret-123", request.Headers["api-key"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.Equal(Png, Assert.Single(request.Images).Bytes);
    }

    [Theory]
    [InlineData(ChatEndpointOptions.KindOpenAI)]
    [InlineData(ChatEndpointOptions.KindAzure)]
    public async Task TooManyRequests_IsRetriedOnce_AfterRetryAfter_AndTheSdkDoesNotRetryOnItsOwn(string kind)
    {
        using var client = ChatClientFactory.Create(Options(kind));
        _server.Enqueue(Reply.TooManyRequests(retryAfterSeconds: 1), Reply.Answer("after throttle"));

        var response = await client.GetResponseAsync(PageMessage());

        Assert.Equal("after throttle", response.Text);
        var requests = _server.Requests;
        // Exactly two: one 429, one success. More would mean the SDK's own retry policy also ran.
        Assert.Equal(2, requests.Count);
        var gap = requests[1].ArrivedMs - requests[0].ArrivedMs;
        Assert.True(gap >= 950, $"second attempt came {gap:0} ms after the 429 with Retry-After: 1");
        Assert.Equal(1, ((ResilientChatClient)client).Counters.Throttled);
    }

    [Fact]
    public async Task ServerError_IsRetried()
    {
        using var client = ChatClientFactory.Create(Options());
        _server.Enqueue(Reply.Status(500), Reply.Status(503), Reply.Answer("third time"));

        var response = await client.GetResponseAsync(PageMessage());

        Assert.Equal("third time", response.Text);
        Assert.Equal(3, _server.RequestCount);
        Assert.Equal(2, ((ResilientChatClient)client).Counters.ServerErrors);
    }

    [Fact]
    public async Task HungRequest_TimesOut_AndIsRetried()
    {
        var options = Options();
        options.TimeoutSeconds = 1;
        using var client = ChatClientFactory.Create(options);
        _server.Enqueue(Reply.Hang(), Reply.Answer("not hung"));
        var clock = Stopwatch.StartNew();

        var response = await client.GetResponseAsync(PageMessage());

        Assert.Equal("not hung", response.Text);
        Assert.Equal(2, _server.RequestCount);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 10);
        Assert.Equal(1, ((ResilientChatClient)client).Counters.Timeouts);
    }

    [Fact]
    public async Task MalformedJson_IsRetried()
    {
        using var client = ChatClientFactory.Create(Options());
        _server.Enqueue(Reply.MalformedJson(), Reply.Answer("well formed"));

        var response = await client.GetResponseAsync(PageMessage());

        Assert.Equal("well formed", response.Text);
        Assert.Equal(2, _server.RequestCount);
        Assert.Equal(1, ((ResilientChatClient)client).Counters.Unreadable);
    }

    [Fact]
    public async Task BadRequest_IsNotRetried_AndTheFailureSaysWhy()
    {
        using var client = ChatClientFactory.Create(Options());
        _server.Enqueue(Reply.Status(400));

        var e = await Assert.ThrowsAsync<ChatCallFailedException>(() => client.GetResponseAsync(PageMessage()));

        Assert.Equal(1, _server.RequestCount);
        Assert.Contains("400", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test-secret-123", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersistentFailure_GivesUpAfterMaxRetries()
    {
        var options = Options();
        options.MaxRetries = 2;
        using var client = ChatClientFactory.Create(options);
        _server.Responder = _ => Reply.Status(502);

        var e = await Assert.ThrowsAsync<ChatCallFailedException>(() => client.GetResponseAsync(PageMessage()));

        Assert.Equal(3, _server.RequestCount);
        Assert.Contains("after 3 attempt(s)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrency_IsBounded()
    {
        var options = Options();
        options.MaxConcurrency = 4;
        using var client = ChatClientFactory.Create(options);
        _server.Latency = TimeSpan.FromMilliseconds(100);

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => client.GetResponseAsync(PageMessage())));

        Assert.Equal(24, answers.Length);
        Assert.Equal(24, _server.RequestCount);
        Assert.Equal(4, _server.MaxInFlight);
        Assert.Equal(4, ((ResilientChatClient)client).Counters.MaxInFlight);
    }

    [Fact]
    public async Task CircuitBreaker_OpensAfterConsecutiveFailures_AndFailsFastWithoutSending()
    {
        var options = Options();
        options.MaxRetries = 1;
        options.CircuitBreakerFailures = 2;
        options.CircuitBreakSeconds = 60;
        using var client = ChatClientFactory.Create(options);
        _server.Responder = _ => Reply.Status(500);

        await Assert.ThrowsAsync<ChatCallFailedException>(() => client.GetResponseAsync(PageMessage()));
        Assert.Equal(2, _server.RequestCount);
        await Assert.ThrowsAsync<CircuitOpenException>(() => client.GetResponseAsync(PageMessage()));

        Assert.Equal(2, _server.RequestCount);
        Assert.Equal(1, ((ResilientChatClient)client).Counters.CircuitRejected);
    }

    [Fact]
    public async Task CircuitBreaker_LetsATrialThrough_AfterTheBreak()
    {
        var options = Options();
        options.MaxRetries = 0;
        options.CircuitBreakerFailures = 1;
        options.CircuitBreakSeconds = 0.3;
        using var client = ChatClientFactory.Create(options);
        _server.Enqueue(Reply.Status(500));

        await Assert.ThrowsAsync<ChatCallFailedException>(() => client.GetResponseAsync(PageMessage()));
        await Assert.ThrowsAsync<CircuitOpenException>(() => client.GetResponseAsync(PageMessage()));
        await Task.Delay(400);
        var response = await client.GetResponseAsync(PageMessage());

        Assert.Equal("answer 1", response.Text);
        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public void Options_ToString_NeverShowsTheKey()
    {
        var text = Options().ToString();

        Assert.DoesNotContain("sk-test-secret-123", text, StringComparison.Ordinal);
        Assert.Contains("key=set", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamesTheBadKey()
    {
        var options = new ChatEndpointOptions { Endpoint = "not a url", Kind = "bedrock", MaxConcurrency = 0 };

        var errors = options.Validate("Vlm").ToList();

        Assert.Contains(errors, e => e.StartsWith("Vlm:Endpoint", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Vlm:Model", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Vlm:Kind", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Vlm:MaxConcurrency", StringComparison.Ordinal));
    }
}
