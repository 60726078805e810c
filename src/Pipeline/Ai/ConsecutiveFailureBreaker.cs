using Microsoft.Extensions.Logging;
using Polly;

namespace SciCurate.Pipeline.Ai;

/// <summary>Options of <see cref="ConsecutiveFailureBreaker"/>.</summary>
internal sealed class ConsecutiveFailureBreakerOptions : ResilienceStrategyOptions
{
    /// <summary>Failed attempts in a row that open the circuit; 0: never opens.</summary>
    public int Failures { get; init; }

    public TimeSpan BreakDuration { get; init; }

    /// <summary>Whether an attempt's failure is the endpoint's (counts) or the request's (the endpoint answered: resets).</summary>
    public required Func<Exception, bool> IsEndpointFailure { get; init; }

    /// <summary>Called when an attempt is refused because the circuit is open.</summary>
    public Action? OnRejected { get; init; }
}

/// <summary>
/// A circuit breaker as a Polly strategy: opens after N consecutive failed attempts, refuses calls without sending them
/// (<see cref="CircuitOpenException"/>) for the break, then lets one trial through; its success closes the circuit,
/// its failure opens it again. Polly's own breaker is ratio-based over a sampling window, with at least 2 calls and a
/// break of at least 0.5 s; "N failures in a row, then one trial" (what the endpoint options promise) is this one.
/// </summary>
internal sealed class ConsecutiveFailureBreaker(ConsecutiveFailureBreakerOptions options, TimeProvider time, ILogger logger) : ResilienceStrategy
{
    private readonly Lock _lock = new();
    private int _consecutiveFailures;
    private DateTimeOffset _openUntil = DateTimeOffset.MinValue;
    private bool _open;
    private bool _trialInFlight;

    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        if (options.Failures <= 0)
        {
            return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }

        if (!TryEnter())
        {
            options.OnRejected?.Invoke();
            return Outcome.FromException<TResult>(new CircuitOpenException(
                $"circuit open: {options.Failures} consecutive failed attempts; endpoint treated as down"));
        }

        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        switch (outcome.Exception)
        {
            case null:
                Close();
                break;
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                ReleaseTrial();
                break;
            case var e when options.IsEndpointFailure(e):
                Fail();
                break;
            default:
                // The endpoint answered; it is up, the request is wrong.
                Close();
                break;
        }

        return outcome;
    }

    private bool TryEnter()
    {
        lock (_lock)
        {
            if (!_open)
            {
                return true;
            }

            if (time.GetUtcNow() >= _openUntil && !_trialInFlight)
            {
                _trialInFlight = true;
                return true;
            }

            return false;
        }
    }

    private void Close()
    {
        lock (_lock)
        {
            _consecutiveFailures = 0;
            _open = false;
            _trialInFlight = false;
        }
    }

    private void ReleaseTrial()
    {
        lock (_lock)
        {
            _trialInFlight = false;
        }
    }

    private void Fail()
    {
        lock (_lock)
        {
            _consecutiveFailures++;
            if (_trialInFlight || (!_open && _consecutiveFailures >= options.Failures))
            {
                if (!_open)
                {
                    logger.LogWarning("chat endpoint failed {Count} times in a row: circuit open for {Seconds} s",
                        _consecutiveFailures, options.BreakDuration.TotalSeconds);
                }

                _open = true;
                _trialInFlight = false;
                _openUntil = time.GetUtcNow() + options.BreakDuration;
            }
        }
    }
}
