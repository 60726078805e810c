namespace SciCurate.TestSupport;

/// <summary>Paths of the real test documents under tests/data (copied beside the test assembly).</summary>
public static class TestData
{
    public static string Dir => Path.Combine(AppContext.BaseDirectory, "data");

    public static string Pdf(string name)
    {
        var path = Path.Combine(Dir, "pdf", name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"test PDF missing: {path}");
    }

    /// <summary>A fresh empty folder under the system temp folder, deleted when disposed.</summary>
    public static TempDir NewTempDir() => new();
}

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
