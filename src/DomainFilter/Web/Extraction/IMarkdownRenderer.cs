using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>Turns the chosen elements into text and Markdown blocks, and drops boilerplate lines among them.</summary>
internal interface IMarkdownRenderer
{
    /// <summary>Renders the nodes in order as one flow (text between two inline nodes joins one block).</summary>
    List<ContentBlock> Render(IEnumerable<INode> nodes, ExtractionBudget budget);

    /// <summary>Drops boilerplate lines, link runs (unless <paramref name="keepLinkRuns"/>), lone headline links of other stories (unless <paramref name="keepTeasers"/>: a run of cards that is the content) and the headline repeated from the title.</summary>
    List<ContentBlock> Filter(List<ContentBlock> blocks, string? title, bool keepLinkRuns = false, bool keepTeasers = false);

    string EscapeMarkdown(string s);
}
