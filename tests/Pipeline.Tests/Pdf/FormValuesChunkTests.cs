using Microsoft.Extensions.Logging.Abstractions;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Hosting;
using SciCurate.Pipeline.Pdf;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests.Pdf;

/// <summary>The page processor (what each parse worker runs) puts a filled form's values into the chunk's pages.</summary>
public sealed class FormValuesChunkTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("form-chunk-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_chunk_of_later_pages_gets_their_values_and_not_those_shown_first_on_an_earlier_page()
    {
        var pdf = new RawPdf();
        var shared = pdf.Reserve();
        var onFirst = pdf.Add($"<< /Parent {shared} 0 R /Type /Annot /Subtype /Widget /Rect [150 595 400 612] >>");
        var onSecond = pdf.Add($"<< /Parent {shared} 0 R /Type /Annot /Subtype /Widget /Rect [150 595 400 612] >>");
        pdf.Set(shared, $"<< /FT /Tx /T (case) /V (Case 2024-117) /Kids [{onFirst} 0 R {onSecond} 0 R] >>");
        var city = pdf.Add("<< /FT /Tx /T (city) /V (Rotterdam) /Type /Annot /Subtype /Widget /Rect [150 565 400 582] >>");
        var body = string.Concat(Enumerable.Range(0, 8).Select(i => RawPdf.Text($"Every applicant answers each question of part {i + 1} in full.", 72, 740 - 14 * i)));
        pdf.AddPage(body + RawPdf.Text("Reference:", 72, 600), onFirst);
        pdf.AddPage(body + RawPdf.Text("Reference:", 72, 600) + RawPdf.Text("City:", 72, 570), onSecond, city);
        pdf.AcroForm = $"<< /Fields [{shared} 0 R {city} 0 R] >>";
        var path = Path.Combine(_dir, "form.pdf");
        File.WriteAllBytes(path, pdf.Build());
        var config = CurateConfig.Load(Path.Combine(TestData.RepoRoot, "configs", "curate.json"));
        using var processor = new Composition(config, NullLoggerFactory.Instance).CreatePageProcessor();

        var second = processor.Process(new ChunkRequest(1, path, 2, 2), 16);
        var first = processor.Process(new ChunkRequest(2, path, 1, 1), 16);

        Assert.Null(second.Error);
        var secondText = string.Join("\n", second.Pages[0].Blocks.Select(b => b.Text));
        var firstText = string.Join("\n", first.Pages[0].Blocks.Select(b => b.Text));
        Assert.Contains("City: Rotterdam", secondText, StringComparison.Ordinal);
        Assert.DoesNotContain("Case 2024-117", secondText, StringComparison.Ordinal);
        Assert.Contains("Reference: Case 2024-117", firstText, StringComparison.Ordinal);
    }
}
