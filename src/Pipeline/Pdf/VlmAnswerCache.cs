using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SciCurate.Pipeline.Pdf;

/// <summary>A cached VLM answer for one page image.</summary>
public sealed class CachedAnswer
{
    [JsonPropertyName("markdown")] public string Markdown { get; set; } = "";
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("prompt_version")] public string PromptVersion { get; set; } = "";
    [JsonPropertyName("prompt_tokens")] public long PromptTokens { get; set; }
    [JsonPropertyName("completion_tokens")] public long CompletionTokens { get; set; }
    [JsonPropertyName("created")] public DateTime Created { get; set; }
}

/// <summary>
/// Accepted VLM answers on disk, one JSON file each, keyed by the SHA-256 of the page image, the model and the prompt
/// version: the same page asked again (a re-run, a reprocess after a crash, a duplicate page) is never paid twice,
/// and a new model or prompt never reuses an old answer. Files are written under a temporary name and renamed, so
/// concurrent writers (several workers) are safe: the last identical answer wins.
/// </summary>
public sealed class VlmAnswerCache
{
    public VlmAnswerCache(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public static string Key(byte[] image, string model, string promptVersion)
    {
        var imageHash = Convert.ToHexStringLower(SHA256.HashData(image));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{imageHash}\n{model}\n{promptVersion}")));
    }

    public async Task<CachedAnswer?> TryGetAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<CachedAnswer>(stream, cancellationToken: ct);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            // A damaged entry is a miss; it will be overwritten.
            return null;
        }
    }

    public async Task PutAsync(string key, CachedAnswer answer, CancellationToken ct)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            await JsonSerializer.SerializeAsync(stream, answer, cancellationToken: ct);
        }

        File.Move(temp, path, overwrite: true);
    }

    private string PathOf(string key) => Path.Combine(Root, key[..2], key + ".json");
}
