using SciCurate.Pipeline.Configuration;

namespace SciCurate.Pipeline.Tests.Configuration;

public sealed class ChatEndpointConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("curate-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteConfig(string json)
    {
        var path = Path.Combine(_dir, "curate.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Load_BindsVlmAndLlmSections_AndTheEnvironmentOverridesTheFile()
    {
        var path = WriteConfig("""
            { "Vlm": { "Endpoint": "http://127.0.0.1:9/v1", "Model": "qwen", "Kind": "openai", "PromptPricePer1K": 0.5 },
              "Llm": { "Endpoint": "https://r.openai.azure.com", "Model": "gpt-4o-mini", "Kind": "azure", "MaxConcurrency": 3 } }
            """);
        Environment.SetEnvironmentVariable("CURATE__Vlm__CompletionPricePer1K", "1.25");
        try
        {
            var config = CurateConfig.Load(path);

            Assert.Equal("http://127.0.0.1:9/v1", config.Vlm.Endpoint);
            Assert.Equal("qwen", config.Vlm.Model);
            Assert.Equal(0.5, config.Vlm.PromptPricePer1K);
            Assert.Equal(1.25, config.Vlm.CompletionPricePer1K);
            Assert.Equal("azure", config.Llm.Kind);
            Assert.Equal(3, config.Llm.MaxConcurrency);
            Assert.Equal(0.5 * 2 + 1.25 * 1, config.Vlm.EstimateCost(2000, 1000), 9);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CURATE__Vlm__CompletionPricePer1K", null);
        }
    }

    [Fact]
    public void Load_RefusesAnApiKeyInTheConfigFile()
    {
        var path = WriteConfig("""{ "Vlm": { "Endpoint": "http://127.0.0.1:9/v1", "Model": "m", "ApiKey": "sk-in-file" } }""");

        var e = Assert.Throws<ConfigException>(() => CurateConfig.Load(path));

        Assert.Contains("Vlm:ApiKey must come from the environment", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-in-file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsTheBadKey_WhenAnEndpointHasNoModel()
    {
        var path = WriteConfig("""{ "Vlm": { "Endpoint": "http://127.0.0.1:9/v1", "Kind": "openai" } }""");

        var e = Assert.Throws<ConfigException>(() => CurateConfig.Load(path));

        Assert.Contains("Vlm:Model", e.Message, StringComparison.Ordinal);
    }
}
