namespace SciCurate.DomainFilter.Tests;

/// <summary>The one way tests reach files under tests/DomainFilter.Tests/data (copied beside the test assembly).</summary>
internal static class TestData
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, "data", .. parts]);
}
