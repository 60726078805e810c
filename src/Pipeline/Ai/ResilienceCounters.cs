namespace SciCurate.Pipeline.Ai;

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
