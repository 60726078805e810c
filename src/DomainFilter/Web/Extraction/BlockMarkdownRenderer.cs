using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// Renders elements block by block (headings, list items, quotes, tables as Markdown tables, code fences, display
/// math) as plain text and Markdown, and filters the blocks: link runs, boilerplate lines, the repeated headline.
/// </summary>
internal sealed partial class BlockMarkdownRenderer(ContentExtractorOptions options) : IMarkdownRenderer
{
    [GeneratedRegex(@"^(advertisement|advertisements|ad|sponsored|share( this)?( article| story| on \w+)?|share|tweet|email|print|comments?|\d+ comments?|read more|continue reading|related( articles| stories| posts)?|recommended( for you)?|sign up.*|subscribe.*|follow us.*|click here.*|image:.*|photo:.*|photograph:.*|getty images|©.*|copyright.*|all rights reserved.*|loading\W*|please enable javascript.*|skip to .*|back to top|top stories|more from .*|see also:?|tags?:.*|filed under:?.*|posted in .*|\(?ap\)?|\(?reuters\)?|updated .{0,40}|published .{0,40}|last updated .{0,40}|you may also like.*|.{0,160}\bclick(ing)? here\b.{0,160}|\[\w+( [^\]]*)?\].*\[/\w+\]|(see|read) more:.*|related( posts?| articles?| stories| story| reading| content| coverage)?:.*|disclaimer:.*|.{0,200}\bfollow (us|him|her|them|me) (on|at) (twitter|facebook|instagram|linkedin)\b.{0,200}|.*\[(insight|video|reveal|pictures|poll|latest)\].*|more .{0,30} stories|tell us what you think.*|this (slideshow|video|content) requires javascript.*|have a tip\?.*|.{0,160}\b(newsletters?|subscribe|sign up|unsubscribe)\b.{0,160}|.{0,40}\b(cookies?)\b.{0,120})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BoilerplateLine();

    public List<ContentBlock> Render(IEnumerable<INode> nodes, ExtractionBudget budget)
    {
        var blocks = new List<ContentBlock>();
        var walker = new Walker(blocks, options.MaxDepth, budget);
        foreach (var node in nodes)
        {
            walker.Render(node);
        }

        walker.Flush();
        return blocks;
    }

    public string EscapeMarkdown(string s) => Walker.Escape(s);

    /// <summary>Drops boilerplate lines and the headline repeated from the title.</summary>
    public List<ContentBlock> Filter(List<ContentBlock> blocks, string? title, bool keepLinkRuns = false, bool keepTeasers = false)
    {
        // A run of link-only list items is a list of other articles; so is the heading that announces it. One pass
        // into a new list: removing each run in place would cost a shift of the rest per run.
        if (!keepLinkRuns)
        {
            var kept = new List<ContentBlock>(blocks.Count);
            var i = 0;
            while (i < blocks.Count)
            {
                if (!IsLinkBlock(blocks[i]))
                {
                    kept.Add(blocks[i++]);
                    continue;
                }

                var j = i;
                while (j < blocks.Count && IsLinkBlock(blocks[j]))
                {
                    j++;
                }

                // A lone link paragraph stays unless it shouts (the all-capitals "related story" style) or reads as another
                // story's headline.
                if (j - i < 2 && blocks[i].Kind != "li" && !(blocks[i].LinkShare > 0.9 && IsShouting(blocks[i].Text))
                    && (keepTeasers || !IsTeaser(blocks[i])))
                {
                    kept.Add(blocks[i++]);
                    continue;
                }

                if (kept.Count > 0 && kept[^1].Chars < 60 && (kept[^1].Kind == "h" || !PlainText.EndsSentence(kept[^1].Text)))
                {
                    kept.RemoveAt(kept.Count - 1);
                }

                i = j;
            }

            blocks = kept;
        }

        blocks.RemoveAll(b => b.Text.Length == 0
                              || (b.Text.Length < MaxBoilerplateLine && BoilerplateLine().IsMatch(b.Text.Trim().TrimEnd('.', ':', '|', '»', '›')))
                              || (title is not null && b.Kind == "h" && string.Equals(b.Text, title, StringComparison.OrdinalIgnoreCase)));
        return DropEmptySections(blocks);
    }

    /// <summary>
    /// Drops the headings that end the content: what they announced (related links, a comment form, a newsletter
    /// box) went as boilerplate or was never content. Headings followed by other headings stay (a listing's item
    /// titles whose descriptions were pruned are still its content). A page made of headings alone keeps them.
    /// </summary>
    internal static List<ContentBlock> DropEmptySections(List<ContentBlock> blocks)
    {
        var end = blocks.Count;
        while (end > 0 && blocks[end - 1].Kind == "h")
        {
            end--;
        }

        if (end > 0 && end < blocks.Count)
        {
            blocks.RemoveRange(end, blocks.Count - end);
        }

        return blocks;
    }

    /// <summary>Longer blocks are never taken for boilerplate lines.</summary>
    private const int MaxBoilerplateLine = 320;

    private static bool IsShouting(string text)
    {
        int upper = 0, letters = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                upper += char.IsUpper(c) ? 1 : 0;
            }
        }

        return letters >= 10 && upper > letters * 0.8;
    }

    /// <summary>
    /// A lone link line between paragraphs that reads as another story's headline ("Read also: …"): a paragraph of at
    /// least <see cref="MinTeaserWords"/> words that does not end a sentence. A bare address or a source's name in
    /// brackets is shorter, and a sentence that is a link ends like one. Not where the content is a run of cards
    /// (<see cref="CardRuns"/>): there such lines are the items' own titles.
    /// </summary>
    private static bool IsTeaser(ContentBlock b) => b.Kind == "p" && !PlainText.EndsSentence(b.Text) && PlainText.WordCount(b.Text) >= MinTeaserWords;

    private const int MinTeaserWords = 5;

    private static bool IsLinkBlock(ContentBlock b) => b.LinkShare > 0.6 && b.Chars < 200;

    private sealed class Walker(List<ContentBlock> blocks, int maxDepth, ExtractionBudget budget)
    {
        private readonly StringBuilder _text = new();
        private readonly StringBuilder _md = new();
        private string _kind = "p";
        private int _linkDepth;
        private int _linkChars;

        public void Render(INode node) => Walk(node, 0, null);

        public void Flush()
        {
            var text = PlainText.Collapse(_text.ToString());
            var md = PlainText.Collapse(_md.ToString());
            _text.Clear();
            _md.Clear();
            if (text.Length > 0)
            {
                var prefix = _kind switch
                {
                    "h1" => "# ",
                    "h2" => "## ",
                    "h3" => "### ",
                    "h4" => "#### ",
                    "h5" or "h6" => "##### ",
                    _ => "",
                };
                blocks.Add(new ContentBlock(text, prefix + md, prefix.Length > 0 ? "h" : _kind, text.Length, Math.Min(1, (double)_linkChars / text.Length)));
            }

            _kind = "p";
            _linkChars = 0;
        }

        private void Walk(INode node, int depth, string? listPrefix)
        {
            budget.Tick();

            if (node is IText t)
            {
                if (_linkDepth > 0)
                {
                    _linkChars += t.Data.Trim().Length;
                }

                _text.Append(t.Data);
                _md.Append(Escape(t.Data));
                return;
            }

            if (node is not IElement e || depth > maxDepth)
            {
                return;
            }

            var tag = e.LocalName;
            switch (tag)
            {
                case "br":
                    _text.Append(' ');
                    _md.Append(' ');
                    return;
                case "x-math":
                    var tex = e.GetAttribute("tex") ?? "";
                    _text.Append(" $").Append(tex).Append("$ ");
                    _md.Append(" $").Append(tex).Append("$ ");
                    return;
                case "x-math-block":
                    Flush();
                    var block = e.GetAttribute("tex") ?? "";
                    blocks.Add(new ContentBlock("$$" + block + "$$", "$$\n" + block + "\n$$", "math", block.Length));
                    return;
                case "pre":
                    Flush();
                    var code = e.TextContent.Trim('\n', '\r');
                    if (code.Trim().Length > 0)
                    {
                        blocks.Add(new ContentBlock(code, "```\n" + code + "\n```", "code", code.Length));
                    }

                    return;
                case "table":
                    Flush();
                    RenderTable(e);
                    return;
                case "code":
                    _text.Append(e.TextContent);
                    _md.Append('`').Append(e.TextContent.Replace("`", "'", StringComparison.Ordinal)).Append('`');
                    return;
                case "ul":
                case "ol":
                    Flush();
                    var n = 0;
                    foreach (var c in DomEdits.ElementChildren(e, budget))
                    {
                        if (c.LocalName == "li")
                        {
                            n++;
                            Walk(c, depth + 1, tag == "ol" ? $"{n}. " : "- ");
                        }
                        else
                        {
                            Walk(c, depth + 1, null);
                        }
                    }

                    Flush();
                    return;
            }

            if (e.GetAttribute(DisclosureHeadings.Mark) is { Length: > 0 } question)
            {
                // The question or title of a disclosure, whose button the cleaning removed, heads its panel.
                Flush();
                blocks.Add(new ContentBlock(question, Escape(question), "p", question.Length));
            }

            var isBlock = HtmlBlockTags.Contains(tag);
            if (isBlock)
            {
                Flush();
                if (tag.Length == 2 && tag[0] == 'h' && char.IsAsciiDigit(tag[1]))
                {
                    _kind = tag;
                }
                else if (tag == "li")
                {
                    _kind = "li";
                    _md.Append(listPrefix ?? "- ");
                }
                else if (tag == "blockquote")
                {
                    _md.Append("> ");
                }
            }

            if (tag == "a")
            {
                _linkDepth++;
            }

            foreach (var child in e.ChildNodes)
            {
                Walk(child, depth + 1, null);
            }

            if (tag == "a")
            {
                _linkDepth--;
            }

            if (isBlock)
            {
                Flush();
            }
        }

        private void RenderTable(IElement table)
        {
            var rows = new List<List<string>>();
            foreach (var row in table.QuerySelectorAll("tr"))
            {
                if (row.Closest("table") != table)
                {
                    continue;
                }

                var cells = row.Children.Where(c => c.LocalName is "td" or "th").Select(c => PlainText.Collapse(c.TextContent)).ToList();
                if (cells.Any(c => c.Length > 0))
                {
                    rows.Add(cells);
                }
            }

            if (rows.Count == 0)
            {
                return;
            }

            var width = rows.Max(r => r.Count);
            var text = string.Join("\n", rows.Select(r => string.Join(" ", r.Where(c => c.Length > 0))));
            if (width == 1)
            {
                foreach (var r in rows)
                {
                    blocks.Add(new ContentBlock(r[0], Escape(r[0]), "p", r[0].Length));
                }

                return;
            }

            var md = new StringBuilder();
            for (var i = 0; i < rows.Count; i++)
            {
                var cells = rows[i].Concat(Enumerable.Repeat("", width - rows[i].Count)).Select(c => c.Replace("|", "\\|", StringComparison.Ordinal));
                md.Append("| ").AppendJoin(" | ", cells).Append(" |\n");
                if (i == 0)
                {
                    md.Append('|').AppendJoin("|", Enumerable.Repeat("---", width)).Append("|\n");
                }
            }

            blocks.Add(new ContentBlock(text, md.ToString().TrimEnd(), "table", text.Length));
        }

        public static string Escape(string s) => s.Contains('*', StringComparison.Ordinal) || s.Contains('_', StringComparison.Ordinal)
            ? s.Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)
            : s;
    }
}
