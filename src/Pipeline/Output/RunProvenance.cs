using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using SciCurate.Pipeline.Configuration;

namespace SciCurate.Pipeline.Output;

/// <summary>
/// What made an output: tool version and commit, the effective configuration without secrets, the detector model's
/// hash, the VLM/LLM model names and prompt versions. Recorded per run in manifest.json (<c>runs</c>) and written into
/// every Parquet file as key-value metadata (keys <c>scicurate.*</c>), so a shard copied elsewhere still says where it came from.
/// </summary>
public sealed partial class RunProvenance
{
    [JsonPropertyName("started")] public DateTime Started { get; set; }
    [JsonPropertyName("tool_version")] public string ToolVersion { get; set; } = "";
    [JsonPropertyName("commit")] public string Commit { get; set; } = "";
    [JsonPropertyName("host")] public string Host { get; set; } = "";
    [JsonPropertyName("detector")] public string Detector { get; set; } = "";
    [JsonPropertyName("detector_model_sha256")] public string? DetectorModelSha256 { get; set; }
    [JsonPropertyName("vlm_model")] public string? VlmModel { get; set; }
    [JsonPropertyName("vlm_prompt_version")] public string VlmPromptVersion { get; set; } = "";
    [JsonPropertyName("llm_model")] public string? LlmModel { get; set; }
    [JsonPropertyName("judge_prompt_version")] public string JudgePromptVersion { get; set; } = "";
    [JsonPropertyName("tokenizer")] public string Tokenizer { get; set; } = "";
    [JsonPropertyName("dedup")] public string Dedup { get; set; } = "";
    /// <summary>Every configuration key with its effective value (file, then environment), secrets left out.</summary>
    [JsonPropertyName("config")] public SortedDictionary<string, string> Config { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The provenance shards written by this process carry (set once the configuration is loaded).</summary>
    public static RunProvenance Current { get; set; } = ToolOnly();

    /// <summary>Version and commit of this build: InformationalVersion is "version+commit" (SourceRevisionId, set at build time).</summary>
    public static (string Version, string Commit) Build()
    {
        var informational = typeof(RunProvenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? (informational, "unknown") : (informational[..plus], informational[(plus + 1)..]);
    }

    public static RunProvenance ToolOnly()
    {
        var (version, commit) = Build();
        return new RunProvenance { Started = DateTime.UtcNow, ToolVersion = version, Commit = commit, Host = Environment.MachineName };
    }

    public static RunProvenance Of(CurateConfig config)
    {
        var p = ToolOnly();
        p.Detector = config.Detector.Kind;
        var model = config.Detector.Kind switch
        {
            "onnx" => config.ResolveModelPath(config.Detector.ModelPath),
            "image" => config.ResolveModelPath(config.Detector.Image.ModelPath),
            _ => null,
        };
        if (model is not null && File.Exists(model))
        {
            using var stream = File.OpenRead(model);
            p.DetectorModelSha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        p.VlmModel = config.Vlm.IsConfigured ? config.Vlm.Model : null;
        p.VlmPromptVersion = SciCurate.Parsers.Vlm.VlmPageParser.PromptVersion;
        p.LlmModel = config.Llm.IsConfigured ? config.Llm.Model : null;
        p.JudgePromptVersion = config.Llm.IsConfigured ? SciCurate.DomainFilter.Judge.LlmDomainJudge.PromptVersion : SciCurate.DomainFilter.Judge.OfflineDomainJudge.JudgeVersion;
        p.Tokenizer = config.Tokens.Encoding;
        p.Dedup = $"minhash-w{config.Dedup.ShingleWords}-h{config.Dedup.Hashes}-s{config.Dedup.Seed} {config.Dedup.Bands}x{config.Dedup.RowsPerBand} >={config.Dedup.MinSimilarity.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        foreach (var (key, value) in config.Root.AsEnumerable())
        {
            if (value is not null && !IsSecret(key))
            {
                p.Config[key] = value;
            }
        }

        return p;
    }

    /// <summary>Keys whose values must never be written down: API keys, passwords, connection strings, credentials.</summary>
    internal static bool IsSecret(string key) => SecretKey().IsMatch(key[(key.LastIndexOf(':') + 1)..]);

    /// <summary>The Parquet key-value metadata form.</summary>
    public IReadOnlyDictionary<string, string> ToParquetMetadata() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["scicurate.tool_version"] = ToolVersion,
        ["scicurate.commit"] = Commit,
        ["scicurate.detector_model_sha256"] = DetectorModelSha256 ?? "",
        ["scicurate.vlm_model"] = VlmModel ?? "",
        ["scicurate.vlm_prompt_version"] = VlmPromptVersion,
        ["scicurate.llm_model"] = LlmModel ?? "",
        ["scicurate.judge_prompt_version"] = JudgePromptVersion,
        ["scicurate.tokenizer"] = Tokenizer,
        ["scicurate.dedup"] = Dedup,
        ["scicurate.config"] = JsonSerializer.Serialize(Config),
    };

    [GeneratedRegex("(key|password|secret|connectionstring|credential|token)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretKey();
}
