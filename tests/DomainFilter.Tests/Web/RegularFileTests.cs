using SciCurate.DomainFilter.Web.Intake;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>An input given as a symbolic link is measured as its target, never as the link itself.</summary>
public sealed class RegularFileTests
{
    [Fact]
    public void Check_OfASymlink_GivesTheTargetsSizeAndTime_AndABrokenLinkIsAProblem()
    {
        var dir = Directory.CreateTempSubdirectory("regfile-").FullName;
        var a = Path.Combine(dir, "a.pdf");
        var b = Path.Combine(dir, "b.pdf");
        File.WriteAllBytes(a, new byte[70_000]);
        File.WriteAllBytes(b, new byte[123_456]);
        File.SetLastWriteTimeUtc(b, new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        // Two links whose own lengths (the paths they hold) are equal: they must still be told apart.
        File.CreateSymbolicLink(Path.Combine(dir, "la.pdf"), a);
        File.CreateSymbolicLink(Path.Combine(dir, "lb.pdf"), b);
        File.CreateSymbolicLink(Path.Combine(dir, "chain.pdf"), Path.Combine(dir, "lb.pdf"));
        File.CreateSymbolicLink(Path.Combine(dir, "broken.pdf"), Path.Combine(dir, "gone.pdf"));

        Assert.Equal(70_000, RegularFile.Check(Path.Combine(dir, "la.pdf")).Length);
        var lb = RegularFile.Check(Path.Combine(dir, "lb.pdf"));
        Assert.True(lb.Ok, lb.Problem);
        Assert.Equal(123_456, lb.Length);
        Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc), lb.ModifiedUtc);
        Assert.Equal(123_456, RegularFile.Check(Path.Combine(dir, "chain.pdf")).Length);

        using (var read = RegularFile.OpenRead(Path.Combine(dir, "lb.pdf"), lb.Length))
        {
            Assert.Equal(123_456, read.CopyToCount());
        }

        var broken = RegularFile.Check(Path.Combine(dir, "broken.pdf"));
        Assert.False(broken.Ok);
        Assert.StartsWith("cannot read file", broken.Problem, StringComparison.Ordinal);
    }
}

internal static class StreamCount
{
    public static long CopyToCount(this Stream stream)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            total += n;
        }

        return total;
    }
}
