namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// The work of one extraction, counted: every step over an element or node in the stages' loops ticks it. It checks
/// the cancellation token every <see cref="CheckEvery"/> ticks and stops the extraction once the operation budget is
/// spent, so a hostile page is stopped where it is, not abandoned still running. Counting operations rather than
/// time makes the bound the same on every machine.
/// </summary>
internal sealed class ExtractionBudget(long maxOperations, CancellationToken ct)
{
    /// <summary>Ticks between two checks: often enough to stop within microseconds, rarely enough to cost nothing.</summary>
    public const int CheckEvery = 1024;

    private long _nextCheck = CheckEvery;

    public long Operations { get; private set; }

    public long MaxOperations => maxOperations;

    public CancellationToken Token => ct;

    public void Tick(int n = 1)
    {
        Operations += n;
        if (Operations >= _nextCheck)
        {
            _nextCheck = Operations + CheckEvery;
            Check();
        }
    }

    public void Check()
    {
        ct.ThrowIfCancellationRequested();
        if (Operations > maxOperations)
        {
            throw new ExtractionBudgetExceededException(maxOperations);
        }
    }
}
