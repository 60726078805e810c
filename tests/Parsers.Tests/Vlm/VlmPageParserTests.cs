using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using SciCurate.Parsers.Vlm;
using SciCurate.TestSupport;

namespace SciCurate.Parsers.Tests.Vlm;

/// <summary>The VLM page parser against a real chat-completions server on 127.0.0.1.</summary>
public sealed class VlmPageParserTests : IAsyncLifetime
{
    private static readonly byte[] Image = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 42, 43];
    private FakeChatServer _server = null!;
    private IChatClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeChatServer.StartAsync();
        _client = new OpenAIClient(new ApiKeyCredential("k"), new OpenAIClientOptions
        {
            Endpoint = _server.OpenAIBaseUrl,
            RetryPolicy = new ClientRetryPolicy(0),
        }).GetChatClient("vlm-model").AsIChatClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private VlmPageParser Parser(int attempts = 2, bool hint = true) =>
        new(_client, new VlmPageParserOptions { MaxAnswerAttempts = attempts, TextHint = hint, MaxOutputTokens = 1234 });

    [Fact]
    public async Task Parse_SendsPromptHintAndImage_AndReturnsTheAnswerWithUsage()
    {
        _server.Enqueue(Reply.Answer("# Title\n\n$$\\int_0^1 x\\,dx = \\tfrac12$$", promptTokens: 900, completionTokens: 40));

        var result = await Parser().ParseAsync(new VlmPageInput(Image, "image/png", "Tit1e gar bled"), default);

        Assert.True(result.Ok);
        Assert.Equal("# Title\n\n$$\\int_0^1 x\\,dx = \\tfrac12$$", result.Markdown);
        Assert.Equal(900, result.PromptTokens);
        Assert.Equal(40, result.CompletionTokens);
        Assert.Equal("vlm-model", result.Model);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("vlm-model", request.Model);
        Assert.Equal(Image, Assert.Single(request.Images).Bytes);
        Assert.Contains(request.Texts, t => t.Contains("LaTeX", StringComparison.Ordinal) && t.Contains("Markdown tables", StringComparison.Ordinal));
        Assert.Contains(request.Texts, t => t.Contains("<text_layer>\nTit1e gar bled\n</text_layer>", StringComparison.Ordinal));
        Assert.Equal(1234, request.Json!["max_completion_tokens"]!.GetValue<int>());
        Assert.Equal(0, request.Json!["temperature"]!.GetValue<double>());
    }

    [Fact]
    public async Task Parse_LeavesTheHintOut_WhenDisabled()
    {
        await Parser(hint: false).ParseAsync(new VlmPageInput(Image, "image/png", "cheap text"), default);

        Assert.DoesNotContain(Assert.Single(_server.Requests).Texts, t => t.Contains("cheap text", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "stop", "empty answer")]
    [InlineData("half a page of", "length", "truncated (finish reason length)")]
    [InlineData("I'm sorry, but I can't help with transcribing this image.", "stop", "refusal")]
    [InlineData("blocked", "content_filter", "refusal: content filter")]
    public async Task Parse_RetriesABadAnswer_AndAcceptsTheNextGoodOne(string content, string finish, string _)
    {
        _server.Enqueue(Reply.Answer(content, finish, promptTokens: 100, completionTokens: 10), Reply.Answer("good page", promptTokens: 100, completionTokens: 20));

        var result = await Parser().ParseAsync(new VlmPageInput(Image, "image/png"), default);

        Assert.True(result.Ok);
        Assert.Equal("good page", result.Markdown);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(200, result.PromptTokens);
        Assert.Equal(30, result.CompletionTokens);
    }

    [Theory]
    [InlineData("", "stop", "empty answer")]
    [InlineData("half a page of", "length", "truncated (finish reason length)")]
    [InlineData("I cannot assist with that request.", "stop", "refusal: I cannot assist")]
    public async Task Parse_MarksThePageFailed_WhenEveryAnswerIsBad(string content, string finish, string reason)
    {
        _server.Responder = _ => Reply.Answer(content, finish, promptTokens: 100, completionTokens: 10);

        var result = await Parser(attempts: 3).ParseAsync(new VlmPageInput(Image, "image/png"), default);

        Assert.False(result.Ok);
        Assert.Null(result.Markdown);
        Assert.Equal(3, _server.RequestCount);
        Assert.Contains("after 3 attempt(s)", result.Error, StringComparison.Ordinal);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.Equal(300, result.PromptTokens);
    }

    [Fact]
    public async Task Parse_TreatsARefusalFieldAsRefusal()
    {
        _server.Responder = _ => Reply.Answer("Some text", refusal: "I won't transcribe this");

        var result = await Parser().ParseAsync(new VlmPageInput(Image, "image/png"), default);

        Assert.False(result.Ok);
        Assert.Contains("refusal: I won't transcribe this", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task Parse_AcceptsTheBlankMarker_AsAnEmptyPage()
    {
        _server.Enqueue(Reply.Answer(VlmPageParser.BlankMarker));

        var result = await Parser().ParseAsync(new VlmPageInput(Image, "image/png"), default);

        Assert.True(result.Ok);
        Assert.Equal("", result.Markdown);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task Parse_RecordsTheFailure_WhenTheClientThrows()
    {
        _server.Enqueue(Reply.Status(401));

        var result = await Parser().ParseAsync(new VlmPageInput(Image, "image/png"), default);

        Assert.False(result.Ok);
        Assert.StartsWith("vlm call failed:", result.Error, StringComparison.Ordinal);
        Assert.Contains("401", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("```markdown\n# A\n\ntext\n```", "# A\n\ntext")]
    [InlineData("```\n| a | b |\n|---|---|\n```", "| a | b |\n|---|---|")]
    [InlineData("  plain  \n", "plain")]
    [InlineData("text with ``` inside", "text with ``` inside")]
    public void Clean_StripsAFenceAroundTheWholeAnswer(string raw, string expected) =>
        Assert.Equal(expected, VlmPageParser.Clean(raw));

    [Fact]
    public void Prompt_IsEmbedded_AndAsksForLatexAndTables()
    {
        Assert.Contains("$$", VlmPageParser.Prompt, StringComparison.Ordinal);
        Assert.Contains("Markdown tables", VlmPageParser.Prompt, StringComparison.Ordinal);
        Assert.Contains(VlmPageParser.BlankMarker, VlmPageParser.Prompt, StringComparison.Ordinal);
        Assert.Equal("page-markdown-v1", VlmPageParser.PromptVersion);
    }
}
