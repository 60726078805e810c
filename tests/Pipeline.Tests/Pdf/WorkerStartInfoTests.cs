using SciCurate.Pipeline.Pdf;

namespace SciCurate.Pipeline.Tests.Pdf;

/// <summary>A parse worker runs without tiering, so it must not keep the build's precompiled (ReadyToRun) code of the app's assemblies as final code.</summary>
public sealed class WorkerStartInfoTests
{
    [Fact]
    public void DefaultStartInfo_ExcludesTheAppsAssembliesFromReadyToRun_WhenTieringIsOff()
    {
        var info = WorkerPool.DefaultStartInfo(null);
        if (Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") is { Length: > 0 } || Environment.GetEnvironmentVariable("DOTNET_ReadyToRunExcludeList") is { Length: > 0 })
        {
            return; // the caller chose for the worker; nothing of ours to check
        }

        Assert.Equal("0", info.Environment["DOTNET_TieredCompilation"]);
        var excluded = info.Environment["DOTNET_ReadyToRunExcludeList"]!.Split(';');
        Assert.Contains("curate", excluded);
        Assert.Contains("SciCurate.Parsers", excluded);
        Assert.Contains("UglyToad.PdfPig", excluded);
        Assert.DoesNotContain("System.Private.CoreLib", excluded);
    }
}
