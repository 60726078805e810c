namespace SciCurate.Pipeline.Pdf;

/// <summary>Expands files and folders into the input files of a run, in a stable order.</summary>
public static class InputScanner
{
    private static readonly string[] PdfExtensions = [".pdf"];

    public static bool IsPdf(string path) => PdfExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Files named explicitly are taken whatever their extension (a non-PDF becomes a failed row saying so);
    /// folders contribute the files that <paramref name="accept"/> takes, recursively, hidden ones excluded.
    /// </summary>
    public static IEnumerable<string> Expand(IEnumerable<string> inputs, Func<string, bool> accept)
    {
        foreach (var input in inputs)
        {
            var full = Path.GetFullPath(input);
            if (Directory.Exists(full))
            {
                var files = Directory.EnumerateFiles(full, "*", new EnumerationOptions
                {
                    RecurseSubdirectories = true,
                    IgnoreInaccessible = true,
                    AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
                    MatchType = MatchType.Simple,
                }).Where(accept).Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    yield return file;
                }
            }
            else if (File.Exists(full))
            {
                yield return full;
            }
            else
            {
                throw new FileNotFoundException($"input not found: {input}", input);
            }
        }
    }

    /// <summary>
    /// <paramref name="file"/> relative to the input it came from: the folder that holds it, or just its name when it
    /// was named on its own. Stable across machines and mount points, unlike the full path.
    /// </summary>
    public static string RelativePath(IEnumerable<string> inputs, string file)
    {
        foreach (var input in inputs)
        {
            var full = Path.GetFullPath(input);
            if (Directory.Exists(full) && file.StartsWith(Path.TrimEndingDirectorySeparator(full) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return Path.GetRelativePath(full, file).Replace(Path.DirectorySeparatorChar, '/');
            }
        }

        return Path.GetFileName(file);
    }
}
