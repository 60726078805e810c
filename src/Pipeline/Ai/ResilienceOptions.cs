using SciCurate.Pipeline.Configuration;

namespace SciCurate.Pipeline.Ai;

/// <summary>How <see cref="ResilientChatClient"/> behaves; built from <see cref="ChatEndpointOptions"/>.</summary>
public sealed record ResilienceOptions(
    int MaxConcurrency,
    TimeSpan AttemptTimeout,
    int MaxRetries,
    TimeSpan BaseDelay,
    TimeSpan MaxDelay,
    int CircuitBreakerFailures,
    TimeSpan CircuitBreak)
{
    public static ResilienceOptions From(ChatEndpointOptions o) => new(
        o.MaxConcurrency,
        TimeSpan.FromSeconds(o.TimeoutSeconds),
        o.MaxRetries,
        TimeSpan.FromSeconds(o.RetryBaseDelaySeconds),
        TimeSpan.FromSeconds(o.RetryMaxDelaySeconds),
        o.CircuitBreakerFailures,
        TimeSpan.FromSeconds(o.CircuitBreakSeconds));
}
