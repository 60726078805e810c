using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// A definition list is pruned as a list is, only when mostly links: a reference's terms link to each entry's own page
/// and its descriptions are text.
/// </summary>
public sealed class DefinitionListTests
{
    [Fact]
    public void Extract_KeepsAReferenceList_WhoseTermsAreLinks()
    {
        var html = """
            <html><head><title>Socket - Web APIs</title></head><body>
            <nav><a href="/">Home</a> <a href="/docs">Docs</a></nav>
            <main><article>
              <h1>Socket</h1>
              <p>The Socket object provides the API for creating and managing a connection to a server, as well as for sending and receiving data on the connection, in both directions, until either side closes it.</p>
              <h2>Instance properties</h2>
              <dl>
                <dt><a href="/docs/Socket/binaryType"><code>Socket.binaryType</code></a></dt><dd>The binary data type in use.</dd>
                <dt><a href="/docs/Socket/bufferedAmount"><code>Socket.bufferedAmount</code></a></dt><dd>The bytes still in the queue.</dd>
                <dt><a href="/docs/Socket/protocol"><code>Socket.protocol</code></a></dt><dd>The chosen sub-protocol name.</dd>
              </dl>
              <p>Calling close() on a connection that is still opening fails it, and the error event fires before the close event does.</p>
            </article></main>
            </body></html>
            """;

        var text = new DensityContentExtractor().Extract(html, null).Text;

        Assert.Contains("The bytes still in the queue.", text, StringComparison.Ordinal);
    }
}
