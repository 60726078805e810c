using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI;
using SciCurate.Pipeline.Configuration;

namespace SciCurate.Pipeline.Ai;

/// <summary>
/// Builds the <see cref="IChatClient"/> for a configured endpoint: Azure OpenAI deployment URLs (Kind azure) or any
/// OpenAI-compatible base URL such as vLLM, SGLang or Ollama (Kind openai), wrapped in <see cref="ResilientChatClient"/> (Polly) around <see cref="TokenAccountingChatClient"/>.
/// The SDK's own retry policy is switched off so that one place (our middleware) decides about retries, delays and
/// the circuit breaker; otherwise a 429 would be retried up to 3 times inside the SDK for every one of our attempts.
/// </summary>
public static class ChatClientFactory
{
    /// <summary>Sent when the endpoint needs no key (a local vLLM); the SDK refuses an empty credential.</summary>
    public const string NoKeyPlaceholder = "no-key";

    public static IChatClient Create(ChatEndpointOptions options, ILoggerFactory? loggers = null, TimeProvider? time = null)
    {
        // Token accounting inside the retries: every answered attempt is billed.
        var inner = new TokenAccountingChatClient(CreateUnprotected(options));
        return new ResilientChatClient(inner, ResilienceOptions.From(options),
            loggers?.CreateLogger<ResilientChatClient>(), time);
    }

    /// <summary>The SDK client alone: no retries, no concurrency bound, the network time-out as a last backstop.</summary>
    public static IChatClient CreateUnprotected(ChatEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
        {
            throw new InvalidOperationException("no chat endpoint configured");
        }

        var endpoint = new Uri(options.Endpoint!, UriKind.Absolute);
        var credential = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? NoKeyPlaceholder : options.ApiKey);
        var networkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds + 30);
        switch (options.Kind)
        {
            case ChatEndpointOptions.KindAzure:
                var azureOptions = new AzureOpenAIClientOptions
                {
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                    NetworkTimeout = networkTimeout,
                };
                return new AzureOpenAIClient(endpoint, credential, azureOptions).GetChatClient(options.Model).AsIChatClient();
            case ChatEndpointOptions.KindOpenAI:
                var openAIOptions = new OpenAIClientOptions
                {
                    Endpoint = endpoint,
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                    NetworkTimeout = networkTimeout,
                };
                return new OpenAIClient(credential, openAIOptions).GetChatClient(options.Model).AsIChatClient();
            default:
                throw new InvalidOperationException($"unknown endpoint kind '{options.Kind}'");
        }
    }
}
