using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Hosting;

namespace SciCurate.Pipeline.Cli;

/// <summary>The near-duplicate stage as the last step of `curate run` and as `curate reprocess --stage dedup`.</summary>
public static class DedupStep
{
    /// <param name="signed">Documents `curate run` signed as it wrote them (their rows are not read back); null: none.</param>
    public static async Task<int> RunAsync(Composition composition, string outDir, bool redo, CancellationToken ct,
        IReadOnlyCollection<Dedup.SignedDocument>? signed = null)
    {
        var s = await composition.CreateDedupStage().RunAsync(new OutputStore(outDir), ct, signed);
        Console.WriteLine(s.NewDocuments == 0
            ? $"duplicates: no new documents to compare ({s.SignaturesKnown} signed before)"
            : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"duplicates: {s.NewDocuments} new documents compared with {s.SignaturesKnown} earlier ones: {s.ExactDuplicates} exact, {s.NearDuplicates} near duplicates ({s.Elapsed.TotalSeconds:F1} s)"));
        return 0;
    }
}
