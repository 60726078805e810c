using System.Net;
using System.Net.Sockets;
using SciCurate.Pipeline.Cli;
using SciCurate.Pipeline.Output;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests.Cli;

/// <summary>Issue 14's user mistakes: each is one line saying what to change, never a stack trace.</summary>
public sealed class UserMistakeTests : IDisposable
{
    private readonly TempDir _dir = TestData.NewTempDir();

    public void Dispose() => _dir.Dispose();

    private static string? Unknown(params string[] args) => UnknownOptions.Describe(CurateCommand.Create().Parse(args));

    private static void AssertOneLineWithoutTrace(string text)
    {
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOption_ThatIsASetting_SaysWhichSettingAndHow()
    {
        var samples = TestData.Path("samples");

        var message = Unknown("run", samples, "--out", _dir.File("o1"), "--workers", "4");

        Assert.Equal("curate run: unknown option --workers; it is a setting: CURATE__Run__Workers=4 before the command, or Run:Workers in the config file", message);
    }

    [Fact]
    public void MistypedOption_NamesTheClosestOne_AndRealInputsAreNoMistake()
    {
        var samples = TestData.Path("samples");

        Assert.Equal("curate run: unknown option --ouput; did you mean --out?", Unknown("run", samples, "--ouput", _dir.File("o1")));
        Assert.Null(Unknown("run", samples, "--out", _dir.File("o1"), "--kind", "pdf"));
        Assert.Null(Unknown("detector", "eval", "labels.tsv", "--threshold", "-1"));
    }

    [Fact]
    public void ManifestOfANewerVersion_IsAnOutputFault_SayingWhatToDo()
    {
        File.WriteAllText(_dir.File("manifest.json"), """{ "version": 99, "inputs": {}, "shards": {} }""");

        var e = Assert.Throws<OutputFaultException>(() => new OutputStore(_dir.Path).Read());

        Assert.Contains("written by a newer curate (manifest version 99", e.Message, StringComparison.Ordinal);
        Assert.Contains("use a newer curate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KindAll_CountsEachKind_BeforeItStarts()
    {
        var folder = Directory.CreateDirectory(_dir.File("pdfs")).FullName;
        File.WriteAllText(Path.Combine(folder, "a.pdf"), "");
        File.WriteAllText(Path.Combine(folder, "b.PDF"), "");
        File.WriteAllText(Path.Combine(folder, "notes.html"), "");
        File.WriteAllText(Path.Combine(folder, "readme.txt"), "");

        Assert.Equal("taking 2 PDF files and 1 web file (.html 1); --kind pdf or --kind web takes one kind", RunCommand.KindCounts([folder]));
    }

    [Trait("Category", "Slow")]
    [Fact]
    public async Task Cli_UnknownOption_PageOutOfRange_ExitWithOneLine()
    {
        var workers = await CurateProcess.RunAsync(["run", TestData.Path("samples"), "--out", _dir.File("o1"), "--workers", "4"]);
        Assert.Equal(2, workers.Code);
        AssertOneLineWithoutTrace(workers.Stderr);
        Assert.Contains("CURATE__Run__Workers=4", workers.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.File("o1")));

        File.WriteAllBytes(_dir.File("one.pdf"), SyntheticPdf.Report("one", pages: 1));
        var page = await CurateProcess.RunAsync(["parse", _dir.File("one.pdf"), "--page", "5"]);
        Assert.Equal(2, page.Code);
        AssertOneLineWithoutTrace(page.Stderr);
        Assert.Contains("has 1 page(s); --page 5 is not one of them", page.Stderr, StringComparison.Ordinal);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public async Task Cli_ServeOnAPortInUse_SaysSoInOneLine()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, stdout, stderr) = await CurateProcess.RunAsync(["serve", "--urls", $"http://127.0.0.1:{port}"],
            new Dictionary<string, string> { ["CURATE__DataDir"] = _dir.File("data") }, TimeSpan.FromMinutes(2));

        Assert.Equal(2, code);
        AssertOneLineWithoutTrace(stderr);
        Assert.Contains($"127.0.0.1:{port}: address already in use", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout, StringComparison.Ordinal);
    }
}
