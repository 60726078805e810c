using SciCurate.Pipeline.Cli;

namespace SciCurate.Pipeline.Tests.Web;

public sealed class RunInputSplitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("split").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SplitInputs_SendsWebExtensionsToTheWebRunner_AndFoldersToEachSideWithFiles()
    {
        var mixed = Directory.CreateDirectory(Path.Combine(_dir, "mixed")).FullName;
        File.WriteAllText(Path.Combine(mixed, "a.pdf"), "");
        File.WriteAllText(Path.Combine(mixed, "b.warc.gz"), "");
        var pdfOnly = Directory.CreateDirectory(Path.Combine(_dir, "pdfs")).FullName;
        File.WriteAllText(Path.Combine(pdfOnly, "c.pdf"), "");
        string[] inputs = [mixed, pdfOnly, "x.jsonl.gz", "y.html", "z.HTML.GZ", "w.warc", "v.txt"];

        var (pdf, web) = RunCommand.SplitInputs(inputs);

        Assert.Equal([mixed, pdfOnly, "v.txt"], pdf);
        Assert.Equal([mixed, "x.jsonl.gz", "y.html", "z.HTML.GZ", "w.warc"], web);
    }

    [Fact]
    public void SplitInputs_WithKind_SearchesFoldersForThatKindOnly()
    {
        var mixed = Directory.CreateDirectory(Path.Combine(_dir, "mixed")).FullName;
        File.WriteAllText(Path.Combine(mixed, "a.pdf"), "");
        File.WriteAllText(Path.Combine(mixed, "dataset.jsonl"), "");

        var (pdf, web) = RunCommand.SplitInputs([mixed], "pdf");
        Assert.Equal([mixed], pdf);
        Assert.Empty(web);

        (pdf, web) = RunCommand.SplitInputs([mixed], "web");
        Assert.Empty(pdf);
        Assert.Equal([mixed], web);

        (pdf, web) = RunCommand.SplitInputs([mixed], "all");
        Assert.Equal([mixed], pdf);
        Assert.Equal([mixed], web);
    }
}
