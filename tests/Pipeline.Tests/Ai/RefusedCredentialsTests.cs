using Microsoft.Extensions.AI;
using SciCurate.Pipeline.Ai;
using SciCurate.Pipeline.Configuration;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests.Ai;

/// <summary>401/403 (issue 15): the endpoint's fault, not the page's: not retried, marked so the page stays pending, and counted by the breaker.</summary>
public sealed class RefusedCredentialsTests : IAsyncLifetime
{
    private FakeChatServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ChatEndpointOptions Options(int breakerFailures) => new()
    {
        Endpoint = _server.OpenAIBaseUrl.ToString(),
        ApiKey = "sk-wrong-key-456",
        Model = "qwen2-vl-7b",
        MaxConcurrency = 1,
        TimeoutSeconds = 30,
        MaxRetries = 3,
        RetryBaseDelaySeconds = 0.01,
        RetryMaxDelaySeconds = 5,
        CircuitBreakerFailures = breakerFailures,
    };

    private static List<ChatMessage> Message() => [new(ChatRole.User, "Transcribe this page.")];

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task RefusedCredentials_AreNotRetried_AndMarkedAsTheEndpointsFault(int status)
    {
        using var client = ChatClientFactory.Create(Options(breakerFailures: 0));
        _server.Enqueue(Reply.Status(status));

        var e = await Assert.ThrowsAsync<ChatCallFailedException>(() => client.GetResponseAsync(Message()));

        Assert.Equal(1, _server.RequestCount);
        Assert.True(e.Data.Contains(ResilientChatClient.EndpointFaultKey), e.Message);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        Assert.Contains("API key", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-wrong-key-456", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedCredentials_OpenTheBreaker_SoAWrongKeyIsNotSentForEveryPage()
    {
        using var client = ChatClientFactory.Create(Options(breakerFailures: 2));
        for (var i = 0; i < 5; i++)
        {
            _server.Enqueue(Reply.Status(401));
        }

        for (var i = 0; i < 4; i++)
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync(Message()));
            Assert.True(e.Data.Contains(ResilientChatClient.EndpointFaultKey), e.Message);
        }

        Assert.Equal(2, _server.RequestCount);
    }
}
