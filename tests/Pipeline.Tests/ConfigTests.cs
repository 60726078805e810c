using SciCurate.Pipeline.Configuration;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests;

/// <summary>Configuration loading, in process: the file, environment variables over it, and the errors a user sees.</summary>
public class ConfigTests
{
    private static Dictionary<string, string> Env(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    [Fact]
    public void Load_ReadsTheFileGiven_AndKeepsDefaultsForMissingKeys()
    {
        using var dir = TestData.NewTempDir();
        File.WriteAllText(dir.File("c.json"), """{ "Run": { "Workers": 3, "ChunkPages": 4 }, "Pdf": { "MaxPages": 10 } }""");
        var config = CurateConfig.Load(dir.File("c.json"), Env());
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
        var e = Assert.Throws<ConfigException>(() => CurateConfig.Load(dir.File("c.json"), Env()));
        Assert.Contains("Pdf:MaxPages", e.Message, StringComparison.Ordinal);
        Assert.Throws<ConfigException>(() => CurateConfig.Load(dir.File("missing.json"), Env()));
    }

    [Fact]
    public void EnvironmentVariables_OverrideTheFile_AndABadValueNamesTheKey()
    {
        using var dir = TestData.NewTempDir();
        File.WriteAllText(dir.File("c.json"), """{ "Pdf": { "MaxPages": 10 } }""");

        var config = CurateConfig.Load(dir.File("c.json"), Env(("CURATE__Pdf__MaxPages", "1")));
        Assert.Equal(1, config.Pdf.MaxPages);

        var bad = Assert.Throws<ConfigException>(() => CurateConfig.Load(dir.File("c.json"), Env(("CURATE__Run__Workers", "many"))));
        Assert.Contains("Run:Workers", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MisspelledEnvironmentKey_IsAnError_NamingTheVariable_AndTheClosestKey()
    {
        var e = Assert.Throws<ConfigException>(() => CurateConfig.Load(RepoConfig, Env(("CURATE__Run__Wrokers", "4"))));

        Assert.Contains("Run:Wrokers is not a setting; did you mean Run:Workers?", e.Message, StringComparison.Ordinal);
        Assert.Contains("(environment variable CURATE__Run__Wrokers)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void MisspelledKeysInTheFile_AreErrors_AtAnyDepth_AndForSections()
    {
        using var dir = TestData.NewTempDir();
        File.WriteAllText(dir.File("c.json"), """
            { "Run": { "ChunkPage": 4 }, "Detector": { "Image": { "InputSise": 640 } }, "Judge": { "PageChars": 900, "SampelSize": 3 }, "Dedupe": {} }
            """);

        var e = Assert.Throws<ConfigException>(() => CurateConfig.Load(dir.File("c.json"), Env()));

        Assert.Contains("Run:ChunkPage is not a setting; did you mean Run:ChunkPages?", e.Message, StringComparison.Ordinal);
        Assert.Contains("Detector:Image:InputSise is not a setting; did you mean Detector:Image:InputSize?", e.Message, StringComparison.Ordinal);
        Assert.Contains("Judge:SampelSize is not a setting; did you mean Judge:SampleSize?", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Judge:PageChars", e.Message, StringComparison.Ordinal);
        Assert.Contains("Dedupe is not a configuration section; did you mean Dedup?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheShippedConfig_HasNoUnknownKeys_AndBindsTheJudgesLlmOptions()
    {
        var config = CurateConfig.Load(RepoConfig, Env(("CURATE__Llm__Model", "judge-7b"), ("CURATE__Judge__PageChars", "900")));

        var judge = config.Bound<SciCurate.DomainFilter.Judge.LlmDomainJudgeOptions>();
        Assert.Equal(900, judge.PageChars);
        Assert.Equal("judge-7b", judge.Model);
        Assert.Equal(400, judge.MaxOutputTokens);
        Assert.Equal(4096, config.Bound<SciCurate.DomainFilter.Judge.LlmPageRewriterOptions>().MaxOutputTokens);
    }

    [Fact]
    public void JsonSyntaxError_NamesTheFileLineAndColumn()
    {
        using var dir = TestData.NewTempDir();
        File.WriteAllText(dir.File("c.json"), "{\n  \"Run\": {\n    \"Workers\": 3,,\n  }\n}\n");

        var e = Assert.Throws<ConfigException>(() => CurateConfig.Load(dir.File("c.json"), Env()));

        Assert.StartsWith($"config file {dir.File("c.json")}, line 3, column ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static string RepoConfig => Path.Combine(TestData.RepoRoot, "configs", "curate.json");
}
