using System.Text.Json;
using System.Text.Json.Serialization;
using SciCurate.Parsers.Pdf;

namespace SciCurate.Pipeline.Pdf;

/// <summary>A request to a parse worker: pages First..Last (1-based, inclusive; Last 0 = up to the chunk size) of a file.</summary>
public sealed record ChunkRequest(long Id, string Path, int First, int Last);

/// <summary>A worker's answer: the parsed pages, or the reason the document cannot be parsed.</summary>
public sealed record ChunkResponse(long Id, string? Error, int PageCount, IReadOnlyList<PageResult> Pages);

/// <summary>A parsed page with its detector verdict, as it crosses the process boundary.</summary>
public sealed record PageResult(
    int PageNo,
    double Width,
    double Height,
    IReadOnlyList<TextBlock> Blocks,
    int CharCount,
    double ParseMs,
    float[] Features,
    double HardScore,
    bool Hard,
    IReadOnlyList<string> HardReasons,
    string Detector,
    string? Error);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(ChunkRequest))]
[JsonSerializable(typeof(ChunkResponse))]
internal sealed partial class WorkerJson : JsonSerializerContext
{
    public static string Serialize(ChunkRequest r) => JsonSerializer.Serialize(r, Default.ChunkRequest);

    public static string Serialize(ChunkResponse r) => JsonSerializer.Serialize(r, Default.ChunkResponse);
}
