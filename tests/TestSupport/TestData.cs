namespace SciCurate.TestSupport;

/// <summary>Finds files committed with the tests: one place for test data paths (tests run from bin/…).</summary>
public static class TestData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root (the folder holding Pipeline.sln).</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>A path below the repository root, e.g. Path("tests", "Pipeline.Tests", "data", "vlm", "mixed.pdf").</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([RepoRoot, .. parts]);

    /// <summary>
    /// A path in the project's shared test material, ../shared beside the repository (e.g. Shared("data", "pdf")); a
    /// missing folder is an error naming where it was looked for, never a silently skipped test.
    /// </summary>
    public static string Shared(params string[] parts)
    {
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine([RepoRoot, "..", "shared", .. parts]));
        return File.Exists(path) || Directory.Exists(path) ? path : throw new FileNotFoundException($"shared test material missing: {path}");
    }

    /// <summary>tests/data, copied beside the test assembly: real third-party documents with their licences.</summary>
    public static string Dir => System.IO.Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>A file or folder below tests/data (e.g. "web/warc/sample-0000.warc.gz", "psl/test_psl.txt"); missing is an error.</summary>
    public static string DataFile(string relative)
    {
        var path = System.IO.Path.Combine(Dir, relative);
        return File.Exists(path) || Directory.Exists(path) ? path : throw new FileNotFoundException($"test data missing: {path}");
    }

    /// <summary>A PDF from tests/data/pdf.</summary>
    public static string Pdf(string name)
    {
        var path = System.IO.Path.Combine(Dir, "pdf", name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"test PDF missing: {path}");
    }

    /// <summary>A fresh empty folder under the system temp folder, deleted when disposed.</summary>
    public static TempDir NewTempDir() => new();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Pipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Pipeline.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>A temporary folder removed when disposed.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "scicurate-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
