using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace SciCurate.Pipeline.Ai;

/// <summary>
/// Chat-client middleware that makes a remote model safe to call from a batch run, as one Polly pipeline (outermost
/// first): retries of 408, 429, 5xx, time-outs, dropped connections and unreadable answers with exponential backoff and
/// jitter, a server's Retry-After (and Azure's retry-after-ms) taken as the floor of the wait; a circuit breaker that
/// fails calls at once after CircuitBreakerFailures consecutive failed attempts and lets one trial through after
/// CircuitBreak; at most MaxConcurrency attempts in flight (a waiting retry holds no slot); each attempt under its own
/// time-out. Client errors (400, 401, 404) are not retried. Streaming calls are only bounded in concurrency.
/// </summary>
public sealed class ResilientChatClient : DelegatingChatClient
{
    /// <summary>
    /// Marks a failure as the endpoint's (throttled, down, timing out), not the request's: callers in the libraries
    /// (the VLM page parser, the page rewriter) see this key in <see cref="Exception.Data"/> and keep the page pending
    /// for a later reprocess instead of failing it.
    /// </summary>
    public const string EndpointFaultKey = "SciCurate.EndpointFault";

    private readonly ResilienceOptions _options;
    private readonly ConcurrencyLimiter _slots;
    private readonly ResiliencePipeline _pipeline;

    public ResilientChatClient(IChatClient inner, ResilienceOptions options, ILogger? logger = null, TimeProvider? time = null)
        : base(inner)
    {
        _options = options;
        logger ??= NullLogger.Instance;
        time ??= TimeProvider.System;
        _slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrency,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });

        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && ChatFaults.IsTransient(ChatFaults.Classify(e, attemptTimedOut: false).Kind)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfterFloor(args.Outcome.Exception)),
                OnRetry = args =>
                {
                    logger.LogDebug("chat attempt {Attempt} failed ({Reason}); retrying in {Delay} ms", args.AttemptNumber + 1,
                        args.Outcome.Exception is { } e ? ChatFaults.Describe(e, options.AttemptTimeout) : "?", (int)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        builder.AddStrategy(_ => new ConsecutiveFailureBreaker(new ConsecutiveFailureBreakerOptions
        {
            Failures = options.CircuitBreakerFailures,
            BreakDuration = options.CircuitBreak,
            IsEndpointFailure = e => ChatFaults.Classify(e, attemptTimedOut: false).Kind != FaultKind.Permanent,
            OnRejected = Counters.CircuitReject,
        }, time, logger), new ConsecutiveFailureBreakerOptions { IsEndpointFailure = _ => true });
        builder.AddRateLimiter(_slots);
        builder.AddTimeout(options.AttemptTimeout);
        _pipeline = builder.Build();
    }

    public ResilienceCounters Counters { get; } = new();

    public ResilienceOptions Options => _options;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        // The messages are enumerated once per attempt.
        var list = messages as IReadOnlyCollection<ChatMessage> ?? messages.ToList();
        Counters.Call();
        var attempts = 0;
        try
        {
            var response = await _pipeline.ExecuteAsync(async attemptToken =>
            {
                Interlocked.Increment(ref attempts);
                Counters.Enter();
                try
                {
                    return await base.GetResponseAsync(list, options, attemptToken);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // A cancellation the caller did not ask for is the attempt's time-out.
                    Counters.Count(ChatFaults.Classify(e, attemptTimedOut: true).Kind);
                    throw;
                }
                finally
                {
                    Counters.Leave();
                }
            }, cancellationToken);
            Counters.Succeed();
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (CircuitOpenException e)
        {
            Counters.Fail();
            throw EndpointFault(e);
        }
        catch (Exception e)
        {
            Counters.Fail();
            var (kind, _) = ChatFaults.Classify(e, attemptTimedOut: false);
            var why = ChatFaults.Describe(e, _options.AttemptTimeout);
            if (kind == FaultKind.Permanent)
            {
                throw new ChatCallFailedException($"{why} (not retried)", e);
            }

            if (kind == FaultKind.Refused)
            {
                // A wrong or expired key refuses every page alike: the pages wait for a later reprocess, not fail.
                throw EndpointFault(new ChatCallFailedException($"{why}: the endpoint refused the credentials; check the API key (not retried)", e));
            }

            throw EndpointFault(new ChatCallFailedException($"{why} after {attempts} attempt(s)", e));
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var lease = await _slots.AcquireAsync(1, cancellationToken);
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            yield return update;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _slots.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A server's Retry-After as the floor of the wait (plus a little jitter so waiting callers do not return in lockstep); null: Polly's backoff.</summary>
    private TimeSpan? RetryAfterFloor(Exception? e)
    {
        if (e is null || ChatFaults.Classify(e, attemptTimedOut: false).RetryAfter is not { } after)
        {
            return null;
        }

        var floor = Math.Min(after.TotalMilliseconds, _options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(floor + Random.Shared.NextDouble() * Math.Min(1000, floor * 0.1));
    }

    private static T EndpointFault<T>(T e)
        where T : Exception
    {
        e.Data[EndpointFaultKey] = true;
        return e;
    }
}
