namespace SciCurate.TestSupport;

/// <summary>Finds files committed with the tests: one place for test data paths (tests run from bin/…).</summary>
public static class TestData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root (the folder holding Pipeline.sln).</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>A path below the repository root, e.g. Path("tests", "Pipeline.Tests", "data", "vlm", "mixed.pdf").</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([RepoRoot, .. parts]);

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
