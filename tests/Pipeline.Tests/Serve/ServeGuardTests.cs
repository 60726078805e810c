using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Serve;

namespace SciCurate.Pipeline.Tests.Serve;

/// <summary>Serve items of issue 15: mapped IPv4 is not loopback, Host names other than loopback are refused, "/" as a root.</summary>
public sealed class ServeGuardTests
{
    [Theory]
    [InlineData("localhost", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("[::1]", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("[::ffff:127.0.0.1]", false)]
    [InlineData("evil.example.com", false)]
    [InlineData("10.0.0.1", false)]
    public void IsLoopbackHost_AcceptsOnlyLoopbackNames(string host, bool loopback) =>
        Assert.Equal(loopback, DashboardSecurity.IsLoopbackHost(host));

    [Fact]
    public void MappedIpv4Binding_NeedsCredentials()
    {
        Assert.False(DashboardSecurity.IsLoopbackOnly("http://[::ffff:127.0.0.1]:5080"));
        Assert.Throws<ConfigException>(() => DashboardSecurity.RequiredCredentials(new ServeOptions(), "http://[::ffff:127.0.0.1]:5080"));
        Assert.Null(DashboardSecurity.RequiredCredentials(new ServeOptions(), "http://127.0.0.1:5080;http://[::1]:5080"));
    }

    [Fact]
    public void FileSystemRootAsServeRoot_AdmitsEveryPath()
    {
        var options = new ServeOptions();
        options.Roots.Add("/");
        var roots = new ServeRoots(options);

        Assert.Equal(Path.GetTempPath().TrimEnd('/'), roots.Check(Path.GetTempPath()).TrimEnd('/'));
        Assert.Equal("/", roots.Check("/"));
    }
}
