using SciCurate.Pipeline.Configuration;

namespace SciCurate.Pipeline.Serve;

/// <summary>
/// The folders jobs may read and write (Serve:Roots). Checked when a job is enqueued and again when it runs, so a job
/// retried or edited from the dashboard cannot point anywhere else.
/// </summary>
public sealed class ServeRoots
{
    private readonly string[] _roots;

    public ServeRoots(ServeOptions options)
    {
        var roots = options.Roots.Count > 0 ? options.Roots : [Environment.CurrentDirectory];
        _roots = [.. roots.Select(r => Path.TrimEndingDirectorySeparator(Resolve(r)))];
    }

    public IReadOnlyList<string> Roots => _roots;

    /// <summary>The full path of <paramref name="path"/>, or an exception naming it when it lies outside every root.</summary>
    public string Check(string path)
    {
        var full = Resolve(path);
        foreach (var root in _roots)
        {
            // A root that is the file system's root ("/") already ends in a separator.
            var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
            if (full == root || full.StartsWith(prefix, StringComparison.Ordinal))
            {
                return full;
            }
        }

        throw new OutsideRootsException($"{path} is outside the configured roots ({string.Join(", ", _roots)}); see Serve:Roots");
    }

    /// <summary>Full path with symbolic links of its existing parts resolved, so a link cannot lead out of a root.</summary>
    internal static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            var info = new FileInfo(current);
            if (info.LinkTarget is not null)
            {
                current = Path.GetFullPath((info.ResolveLinkTarget(returnFinalTarget: true) ?? info).FullName);
            }
        }

        return current;
    }
}

/// <summary>A job argument pointing outside Serve:Roots: the job fails at once, without retries.</summary>
public sealed class OutsideRootsException : Exception
{
    public OutsideRootsException(string message) : base(message) { }

    public OutsideRootsException() { }

    public OutsideRootsException(string message, Exception inner) : base(message, inner) { }
}
