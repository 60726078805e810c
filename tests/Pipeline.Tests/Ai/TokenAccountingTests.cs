using Microsoft.Extensions.AI;
using SciCurate.Pipeline.Ai;
using SciCurate.Pipeline.Configuration;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests.Ai;

/// <summary>Token accounting as its own middleware inside the resilience pipeline, against a real chat server on 127.0.0.1.</summary>
public sealed class TokenAccountingTests : IAsyncLifetime
{
    private FakeChatServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AnsweredCalls_AreAddedUp_AndAFailedAttemptAddsNothing()
    {
        using var client = ChatClientFactory.Create(new ChatEndpointOptions
        {
            Endpoint = _server.OpenAIBaseUrl.ToString(),
            Model = "m",
            MaxRetries = 2,
            RetryBaseDelaySeconds = 0.01,
            RetryMaxDelaySeconds = 1,
            CircuitBreakerFailures = 0,
        });
        _server.Enqueue(Reply.Answer("a", promptTokens: 100, completionTokens: 7), Reply.Status(500), Reply.Answer("b", promptTokens: 50, completionTokens: 3));

        await client.GetResponseAsync("first");
        await client.GetResponseAsync("second");

        var tokens = client.GetService<TokenAccountingChatClient>();
        Assert.NotNull(tokens);
        Assert.Equal(2, tokens.Responses);
        Assert.Equal(150, tokens.InputTokens);
        Assert.Equal(10, tokens.OutputTokens);
        Assert.Equal(3, _server.RequestCount);
    }
}
