namespace SciCurate.Pipeline.Output;

/// <summary>
/// The output folder cannot be written or read back as committed (disk full, read-only, permission denied, `--out`
/// naming a file, a damaged manifest or shard). Not a document's problem and not a bug: `curate` prints the message
/// as one line and exits with <see cref="ExitCode"/>. What was committed before stays valid.
/// </summary>
public sealed class OutputFaultException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>EX_IOERR of sysexits.h; distinct from 0 (done, some documents may have failed), 1 (a bug) and 2 (usage).</summary>
    public const int ExitCode = 74;

    /// <summary>Runs an output operation, turning file-system errors into one clear <see cref="OutputFaultException"/>.</summary>
    public static T Guard<T>(string what, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw From(what, e);
        }
    }

    public static void Guard(string what, Action action) => Guard(what, () =>
    {
        action();
        return 0;
    });

    public static async Task GuardAsync(string what, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw From(what, e);
        }
    }

    public static async Task<T> GuardAsync<T>(string what, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw From(what, e);
        }
    }

    public static OutputFaultException From(string what, Exception e) => e switch
    {
        OutputFaultException fault => fault,
        UnauthorizedAccessException => new OutputFaultException($"{what}: permission denied ({e.Message})", e),
        IOException { HResult: 28 } => new OutputFaultException($"{what}: no space left on device; free space and run again (the run resumes)", e),
        IOException { HResult: 30 } => new OutputFaultException($"{what}: the file system is read-only", e),
        IOException { HResult: 17 } => new OutputFaultException($"{what}: a file of that name is in the way (is --out a file?)", e),
        IOException { HResult: 20 } => new OutputFaultException($"{what}: part of the path is a file, not a folder (check --out)", e),
        IOException { HResult: 13 or 1 } => new OutputFaultException($"{what}: permission denied", e),
        _ => new OutputFaultException($"{what}: {e.Message}", e),
    };
}

/// <summary>
/// A commit meant to supersede a shard another writer has superseded since it was read: nothing was committed; the
/// caller reads the output again (its work is redone from the successor's rows) or leaves it to the next pass.
/// </summary>
public sealed class SupersededShardException(string shard)
    : Exception($"{shard} was superseded by another writer since it was read")
{
    public string Shard => shard;
}
