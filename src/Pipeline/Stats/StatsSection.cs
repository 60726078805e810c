using System.Text.Json.Serialization;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Stats;

/// <summary>One table of `curate stats`: shown on the terminal, or as JSON with its raw numbers in <see cref="Values"/>.</summary>
public sealed record StatsTable(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("columns")] IReadOnlyList<string> Columns,
    [property: JsonPropertyName("rows")] IReadOnlyList<IReadOnlyList<string>> Rows,
    [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes,
    [property: JsonPropertyName("values")] IReadOnlyDictionary<string, double> Values);

/// <summary>
/// A part of `curate stats` (PDF routing and VLM cost, web extraction, domain judging…). Each reads the tables it owns
/// from the output and returns nothing when they are absent; add a new one to <see cref="StatsSections.All"/>.
/// </summary>
public interface IStatsSection
{
    string Name { get; }

    Task<IReadOnlyList<StatsTable>> ComputeAsync(OutputStore store, CurateConfig config, CancellationToken ct);
}

/// <summary>The sections `curate stats` prints, in order.</summary>
public static class StatsSections
{
    public static IReadOnlyList<IStatsSection> All { get; } = [new PdfRoutingStats(), new DomainJudgeStats(), new CorpusStats()];
}
