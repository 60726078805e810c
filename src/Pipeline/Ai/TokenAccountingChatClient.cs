using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace SciCurate.Pipeline.Ai;

/// <summary>
/// Chat-client middleware that adds up the tokens an endpoint reported (every answered attempt, retries included: what
/// is billed). Sits inside the resilience middleware; find it with <c>client.GetService&lt;TokenAccountingChatClient&gt;()</c>.
/// </summary>
public sealed class TokenAccountingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    private long _responses;
    private long _inputTokens;
    private long _outputTokens;

    /// <summary>Answers received.</summary>
    public long Responses => Interlocked.Read(ref _responses);

    public long InputTokens => Interlocked.Read(ref _inputTokens);

    public long OutputTokens => Interlocked.Read(ref _outputTokens);

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        Add(response.Usage);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            foreach (var usage in update.Contents.OfType<UsageContent>())
            {
                Add(usage.Details);
            }

            yield return update;
        }
    }

    public override string ToString() => $"responses={Responses} input_tokens={InputTokens} output_tokens={OutputTokens}";

    private void Add(UsageDetails? usage)
    {
        Interlocked.Increment(ref _responses);
        Interlocked.Add(ref _inputTokens, usage?.InputTokenCount ?? 0);
        Interlocked.Add(ref _outputTokens, usage?.OutputTokenCount ?? 0);
    }
}
