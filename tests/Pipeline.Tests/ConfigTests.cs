using SciCurate.Pipeline.Configuration;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests;

public class ConfigTests
{
    [Fact]
    public void Load_ReadsTheFileGiven_AndKeepsDefaultsForMissingKeys()
    {
        using var dir = TestData.NewTempDir();
        File.WriteAllText(dir.File("c.json"), """{ "Run": { "Workers": 3, "ChunkPages": 4 }, "Pdf": { "MaxPages": 10 } }""");
        var config = CurateConfig.Load(dir.File("c.json"));
        Assert.Equal(3, config.Run.Workers);
        Assert.Equal(4, config.Run.ChunkPages);
        Assert.Equal(10, config.Pdf.MaxPages);
        Assert.Equal(300, config.Run.DocumentTimeoutSeconds);
    }

    [Fact]
    public void Load_RejectsBadValues_NamingTheKey()
    {
        using var dir = TestData.NewTempDir();
        File.WriteAllText(dir.File("c.json"), """{ "Pdf": { "MaxPages": 0 } }""");
        var e = Assert.Throws<ConfigException>(() => CurateConfig.Load(dir.File("c.json")));
        Assert.Contains("Pdf:MaxPages", e.Message, StringComparison.Ordinal);
        Assert.Throws<ConfigException>(() => CurateConfig.Load(dir.File("missing.json")));
    }

    [Fact]
    public async Task EnvironmentVariables_OverrideTheFile()
    {
        // CURATE__Pdf__MaxPages=1 turns the 7-page document into a failed row naming the limit.
        using var dir = TestData.NewTempDir();
        File.WriteAllBytes(dir.File("seven.pdf"), SyntheticPdf.Report("env", pages: 7));
        var (code, stdout, stderr) = await CurateProcess.RunAsync(["run", dir.File("seven.pdf"), "--out", dir.File("out")],
            new Dictionary<string, string> { ["CURATE__Pdf__MaxPages"] = "1" });
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("too many pages: 7 > limit 1 (Pdf:MaxPages)", stdout, StringComparison.Ordinal);

        var bad = await CurateProcess.RunAsync(["run", dir.File("seven.pdf"), "--out", dir.File("out2")],
            new Dictionary<string, string> { ["CURATE__Run__Workers"] = "many" });
        Assert.Equal(2, bad.Code);
        Assert.Contains("Run:Workers", bad.Stderr, StringComparison.Ordinal);
    }
}
