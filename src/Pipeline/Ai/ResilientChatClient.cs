using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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

/// <summary>What the middleware saw, for logs, `curate stats` and benchmarks. Counters only grow.</summary>
public sealed class ResilienceCounters
{
    private long _calls;
    private long _attempts;
    private long _succeeded;
    private long _failed;
    private long _throttled;
    private long _serverErrors;
    private long _timeouts;
    private long _unreadable;
    private long _connectionErrors;
    private long _circuitRejected;
    private int _inFlight;
    private int _maxInFlight;

    public long Calls => Interlocked.Read(ref _calls);
    public long Attempts => Interlocked.Read(ref _attempts);
    public long Succeeded => Interlocked.Read(ref _succeeded);
    public long Failed => Interlocked.Read(ref _failed);
    public long Throttled => Interlocked.Read(ref _throttled);
    public long ServerErrors => Interlocked.Read(ref _serverErrors);
    public long Timeouts => Interlocked.Read(ref _timeouts);
    public long Unreadable => Interlocked.Read(ref _unreadable);
    public long ConnectionErrors => Interlocked.Read(ref _connectionErrors);
    public long CircuitRejected => Interlocked.Read(ref _circuitRejected);
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most attempts that were ever in flight at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    internal void Call() => Interlocked.Increment(ref _calls);
    internal void Succeed() => Interlocked.Increment(ref _succeeded);
    internal void Fail() => Interlocked.Increment(ref _failed);
    internal void CircuitReject() => Interlocked.Increment(ref _circuitRejected);

    internal void Enter()
    {
        Interlocked.Increment(ref _attempts);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }
    }

    internal void Leave() => Interlocked.Decrement(ref _inFlight);

    internal void Count(FaultKind kind)
    {
        switch (kind)
        {
            case FaultKind.Throttled: Interlocked.Increment(ref _throttled); break;
            case FaultKind.ServerError: Interlocked.Increment(ref _serverErrors); break;
            case FaultKind.Timeout: Interlocked.Increment(ref _timeouts); break;
            case FaultKind.Unreadable: Interlocked.Increment(ref _unreadable); break;
            case FaultKind.Connection: Interlocked.Increment(ref _connectionErrors); break;
            default: break;
        }
    }

    public override string ToString() =>
        $"calls={Calls} attempts={Attempts} ok={Succeeded} failed={Failed} 429={Throttled} 5xx={ServerErrors} " +
        $"timeouts={Timeouts} unreadable={Unreadable} connection={ConnectionErrors} circuit_rejected={CircuitRejected} max_in_flight={MaxInFlight}";
}

internal enum FaultKind
{
    None,
    Throttled,
    ServerError,
    Timeout,
    Unreadable,
    Connection,
    Permanent,
}

/// <summary>The endpoint kept failing and the circuit is open: the call was not sent.</summary>
public sealed class CircuitOpenException : Exception
{
    public CircuitOpenException(string message) : base(message) { }

    public CircuitOpenException() { }

    public CircuitOpenException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A call that failed for good, after its retries; the message says why and how often it was tried.</summary>
public sealed class ChatCallFailedException : Exception
{
    public ChatCallFailedException(string message, Exception inner) : base(message, inner) { }

    public ChatCallFailedException() { }

    public ChatCallFailedException(string message) : base(message) { }
}

/// <summary>
/// Chat-client middleware that makes a remote model safe to call from a batch run: at most MaxConcurrency attempts
/// in flight; each attempt under its own time-out; 408, 429, 5xx, time-outs, dropped connections and unreadable
/// answers retried with exponential backoff and full jitter, honouring Retry-After (and Azure's retry-after-ms);
/// and a circuit breaker that fails calls at once after CircuitBreakerFailures consecutive failed attempts, letting
/// one trial call through after CircuitBreak. Client errors (400, 401, 404) are not retried.
/// Streaming calls are only bounded in concurrency.
/// </summary>
public sealed class ResilientChatClient : DelegatingChatClient
{
    private readonly ResilienceOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _slots;
    private readonly Lock _breakerLock = new();
    private int _consecutiveFailures;
    private DateTimeOffset _openUntil = DateTimeOffset.MinValue;
    private bool _open;
    private bool _trialInFlight;

    public ResilientChatClient(IChatClient inner, ResilienceOptions options, ILogger? logger = null, TimeProvider? time = null)
        : base(inner)
    {
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
    }

    public ResilienceCounters Counters { get; } = new();

    public ResilienceOptions Options => _options;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        // The messages are enumerated once per attempt.
        var list = messages as IReadOnlyCollection<ChatMessage> ?? messages.ToList();
        Counters.Call();
        for (var attempt = 0; ; attempt++)
        {
            EnterBreaker();
            Exception failure;
            FaultKind kind;
            TimeSpan? retryAfter;
            await _slots.WaitAsync(cancellationToken);
            Counters.Enter();
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptCts.CancelAfter(_options.AttemptTimeout);
            try
            {
                var response = await base.GetResponseAsync(list, options, attemptCts.Token);
                OnSuccess();
                Counters.Succeed();
                return response;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                ReleaseTrial();
                throw;
            }
            catch (Exception e)
            {
                (kind, retryAfter) = Classify(e, attemptCts.IsCancellationRequested);
                failure = kind == FaultKind.Timeout && e is OperationCanceledException
                    ? new TimeoutException($"no answer within {_options.AttemptTimeout.TotalSeconds:0.###} s", e)
                    : e;
            }
            finally
            {
                Counters.Leave();
                _slots.Release();
            }

            Counters.Count(kind);
            if (kind == FaultKind.Permanent)
            {
                // The endpoint answered; it is up, the request is wrong.
                OnSuccess();
                Counters.Fail();
                throw new ChatCallFailedException($"{Describe(failure)} (not retried)", failure);
            }

            OnFailure();
            if (attempt >= _options.MaxRetries)
            {
                Counters.Fail();
                throw EndpointFault(new ChatCallFailedException($"{Describe(failure)} after {attempt + 1} attempt(s)", failure));
            }

            var delay = Backoff(attempt, retryAfter);
            _logger.LogDebug("chat attempt {Attempt} failed ({Reason}); retrying in {Delay} ms", attempt + 1, Describe(failure),
                (int)delay.TotalMilliseconds);
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return update;
            }
        }
        finally
        {
            _slots.Release();
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

    /// <summary>Exponential backoff with full jitter; a server's Retry-After is a floor (plus a little jitter so waiting callers do not return in lockstep).</summary>
    internal TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var ceiling = Math.Min(_options.MaxDelay.TotalMilliseconds, _options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        var ms = ceiling * (0.5 + Random.Shared.NextDouble() * 0.5);
        if (retryAfter is { } after)
        {
            var floor = Math.Min(after.TotalMilliseconds, _options.MaxDelay.TotalMilliseconds);
            ms = Math.Max(ms, floor + Random.Shared.NextDouble() * Math.Min(1000, floor * 0.1));
        }

        return TimeSpan.FromMilliseconds(ms);
    }

    private static (FaultKind Kind, TimeSpan? RetryAfter) Classify(Exception e, bool attemptTimedOut)
    {
        switch (e)
        {
            case OperationCanceledException when attemptTimedOut:
            case TimeoutException:
                return (FaultKind.Timeout, null);
            case ClientResultException { Status: 429 } cre:
                return (FaultKind.Throttled, RetryAfter(cre));
            case ClientResultException { Status: 408 }:
                return (FaultKind.Timeout, null);
            case ClientResultException { Status: >= 500 } cre:
                return (FaultKind.ServerError, RetryAfter(cre));
            case ClientResultException { Status: 0 }:
                return (FaultKind.Connection, null);
            case ClientResultException:
                return (FaultKind.Permanent, null);
            case HttpRequestException or IOException:
                return (FaultKind.Connection, null);
            case JsonException or FormatException or KeyNotFoundException or InvalidOperationException:
                // The answer arrived but could not be read (malformed JSON, missing fields): a flaky gateway, retry.
                return (FaultKind.Unreadable, null);
            default:
                return e.InnerException is { } inner ? Classify(inner, attemptTimedOut) : (FaultKind.Permanent, null);
        }
    }

    private static TimeSpan? RetryAfter(ClientResultException e)
    {
        var response = e.GetRawResponse();
        if (response is null)
        {
            return null;
        }

        foreach (var name in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
        {
            if (response.Headers.TryGetValue(name, out var msText)
                && double.TryParse(msText, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
            {
                return TimeSpan.FromMilliseconds(ms);
            }
        }

        if (response.Headers.TryGetValue("Retry-After", out var text) && text is not null)
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
            {
                var wait = when - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return null;
    }

    private static string Describe(Exception e) => e switch
    {
        ClientResultException cre when cre.Status != 0 => $"HTTP {cre.Status} {(HttpStatusCode)cre.Status}: {FirstLine(cre.Message)}",
        TimeoutException te => $"time-out: {te.Message}",
        _ => $"{e.GetType().Name}: {FirstLine(e.Message)}",
    };

    private static string FirstLine(string message)
    {
        var line = message.AsSpan();
        var end = line.IndexOfAny('\r', '\n');
        if (end >= 0)
        {
            line = line[..end];
        }

        return line.Length > 300 ? string.Concat(line[..300], "…") : line.ToString();
    }

    private void EnterBreaker()
    {
        if (_options.CircuitBreakerFailures <= 0)
        {
            return;
        }

        lock (_breakerLock)
        {
            if (!_open)
            {
                return;
            }

            if (_time.GetUtcNow() >= _openUntil && !_trialInFlight)
            {
                _trialInFlight = true;
                return;
            }
        }

        Counters.CircuitReject();
        Counters.Fail();
        throw EndpointFault(new CircuitOpenException(
            $"circuit open: {_options.CircuitBreakerFailures} consecutive failed attempts; endpoint treated as down"));
    }

    /// <summary>
    /// Marks a failure as the endpoint's (throttled, down, timing out), not the request's: callers in the libraries
    /// (the VLM page parser, the page rewriter) see this key in <see cref="Exception.Data"/> and keep the page pending
    /// for a later reprocess instead of failing it.
    /// </summary>
    public const string EndpointFaultKey = "SciCurate.EndpointFault";

    private static T EndpointFault<T>(T e)
        where T : Exception
    {
        e.Data[EndpointFaultKey] = true;
        return e;
    }

    private void OnSuccess()
    {
        lock (_breakerLock)
        {
            _consecutiveFailures = 0;
            _open = false;
            _trialInFlight = false;
        }
    }

    private void ReleaseTrial()
    {
        lock (_breakerLock)
        {
            _trialInFlight = false;
        }
    }

    private void OnFailure()
    {
        if (_options.CircuitBreakerFailures <= 0)
        {
            return;
        }

        lock (_breakerLock)
        {
            _consecutiveFailures++;
            if (_trialInFlight || (!_open && _consecutiveFailures >= _options.CircuitBreakerFailures))
            {
                if (!_open)
                {
                    _logger.LogWarning("chat endpoint failed {Count} times in a row: circuit open for {Seconds} s",
                        _consecutiveFailures, _options.CircuitBreak.TotalSeconds);
                }

                _open = true;
                _trialInFlight = false;
                _openUntil = _time.GetUtcNow() + _options.CircuitBreak;
            }
        }
    }
}
