namespace SciCurate.Pipeline.Configuration;

/// <summary>
/// One chat-completions endpoint (config sections "Vlm" and "Llm"). <see cref="ApiKey"/> comes only from the
/// environment (CURATE__Vlm__ApiKey); <see cref="ToString"/> never shows it.
/// </summary>
public sealed class ChatEndpointOptions
{
    public const string KindOpenAI = "openai";
    public const string KindAzure = "azure";

    /// <summary>
    /// Base URL. Kind openai: the OpenAI-compatible base including its version path (https://api.openai.com/v1,
    /// http://vllm:8000/v1). Kind azure: the resource (https://my-resource.openai.azure.com). Empty: no endpoint.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>Secret: from the environment only. Servers that need none (local vLLM) get a placeholder.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Model name (openai) or deployment name (azure).</summary>
    public string Model { get; set; } = "";

    /// <summary><c>openai</c> (any OpenAI-compatible base URL) or <c>azure</c> (Azure OpenAI deployment URLs).</summary>
    public string Kind { get; set; } = KindOpenAI;

    /// <summary>Requests in flight at once, over all pages of the process.</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>One attempt taking longer than this is abandoned and retried.</summary>
    public int TimeoutSeconds { get; set; } = 180;

    /// <summary>Retries after the first attempt on 408, 429, 5xx, time-outs, broken connections and unreadable answers.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay; doubles per retry, with jitter, capped at <see cref="RetryMaxDelaySeconds"/>.</summary>
    public double RetryBaseDelaySeconds { get; set; } = 1;

    public double RetryMaxDelaySeconds { get; set; } = 60;

    /// <summary>Consecutive failed attempts that open the circuit; 0 turns the breaker off.</summary>
    public int CircuitBreakerFailures { get; set; } = 20;

    /// <summary>While open, calls fail at once; after this long one trial call is let through.</summary>
    public double CircuitBreakSeconds { get; set; } = 30;

    /// <summary>Price in USD per 1,000 prompt (input) tokens, for cost estimates.</summary>
    public double PromptPricePer1K { get; set; }

    /// <summary>Price in USD per 1,000 completion (output) tokens, for cost estimates.</summary>
    public double CompletionPricePer1K { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    public double EstimateCost(long promptTokens, long completionTokens) =>
        (promptTokens * PromptPricePer1K + completionTokens * CompletionPricePer1K) / 1000.0;

    /// <summary>Problems, each naming the key (Section:Key).</summary>
    public IEnumerable<string> Validate(string section)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return $"{section}:Endpoint must be an absolute http(s) URL";
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return $"{section}:Model must name the model (deployment name on Azure)";
        }

        if (Kind is not (KindOpenAI or KindAzure))
        {
            yield return $"{section}:Kind must be '{KindOpenAI}' or '{KindAzure}'";
        }

        if (MaxConcurrency < 1)
        {
            yield return $"{section}:MaxConcurrency must be at least 1";
        }

        if (TimeoutSeconds < 1)
        {
            yield return $"{section}:TimeoutSeconds must be at least 1";
        }

        if (MaxRetries < 0)
        {
            yield return $"{section}:MaxRetries must be 0 or more";
        }

        if (RetryBaseDelaySeconds < 0 || RetryMaxDelaySeconds < RetryBaseDelaySeconds)
        {
            yield return $"{section}:RetryBaseDelaySeconds must be 0 or more and at most RetryMaxDelaySeconds";
        }

        if (CircuitBreakerFailures < 0 || CircuitBreakSeconds < 0)
        {
            yield return $"{section}:CircuitBreakerFailures and CircuitBreakSeconds must be 0 or more";
        }

        if (PromptPricePer1K < 0 || CompletionPricePer1K < 0)
        {
            yield return $"{section}:PromptPricePer1K and CompletionPricePer1K must be 0 or more";
        }
    }

    /// <summary>For logs: everything but the key.</summary>
    public override string ToString() =>
        $"{Kind} {Endpoint} model={Model} key={(string.IsNullOrEmpty(ApiKey) ? "none" : "set")} concurrency={MaxConcurrency} timeout={TimeoutSeconds}s retries={MaxRetries}";
}
