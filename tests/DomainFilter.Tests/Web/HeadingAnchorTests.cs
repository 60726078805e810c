using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// A documentation page whose section titles are links to themselves (<c>&lt;h2&gt;&lt;a href="#…"&gt;</c>, as MDN and
/// many docs generators write them): the titles are not links away, so a reference section of short entries is not
/// pruned as navigation.
/// </summary>
public sealed class HeadingAnchorTests
{
    private static string Entry(string name, string description) =>
        $"<dt><a href=\"/docs/Socket/{name}\"><code>Socket.{name}</code></a></dt><dd><p>{description}</p></dd>";

    private static readonly string Page = $"""
        <html><head><title>Socket - Web APIs</title></head><body>
        <nav><a href="/">Home</a> <a href="/docs">Docs</a> <a href="/blog">Blog</a></nav>
        <main><article>
          <h1>Socket</h1>
          <p>The Socket object provides the API for creating and managing a connection to a server, as well as for sending and receiving data on the connection, in both directions, until either side closes it.</p>
          <p>To construct a Socket, use the Socket() constructor, with the address of the server and, optionally, the list of sub-protocols it may choose from.</p>
          <section><h2><a href="#instance_properties">Instance properties</a></h2><dl>
            {Entry("binaryType", "The binary data type used by the open connection.")}
            {Entry("bufferedAmount", "The number of bytes of data still queued to send.")}
            {Entry("protocol", "The sub-protocol selected by the server at open.")}
          </dl></section>
          <p>Calling close() on a connection that is still opening fails it, and the error event fires before the close event does.</p>
        </article></main>
        <footer><a href="/about">About</a></footer>
        </body></html>
        """;

    [Fact]
    public void Extract_KeepsAReferenceSection_WhoseTitleLinksToItself()
    {
        var text = new DensityContentExtractor().Extract(Page, null).Text;

        Assert.True(text.Contains("The binary data type used by the open connection.", StringComparison.Ordinal), text);
        Assert.Contains("Instance properties", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_PrunesTheSameSection_WhenItsTitleLinksAway()
    {
        // A title that leads to another page counts as a link: the block is then mostly links, like a related-pages box.
        var html = Page.Replace("href=\"#instance_properties\"", "href=\"/docs/other\"", StringComparison.Ordinal);

        var text = new DensityContentExtractor().Extract(html, null).Text;

        Assert.DoesNotContain("The binary data type used by the open connection.", text, StringComparison.Ordinal);
    }
}
