using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>Replaces MathML, MathJax script sources and KaTeX renderings by one element carrying LaTeX.</summary>
internal sealed class MathToLatexRewriter : IMathRewriter
{
    // Edits are collected per pass and applied together (DomEdits.Edits): replacing thousands of siblings one at a
    // time costs a scan of their parent each.
    public void Rewrite(IDocument document, IElement body, ExtractionBudget budget)
    {
        if (!MayHoldMath(body))
        {
            return;
        }

        var edits = new DomEdits.Edits();
        var positions = new Dictionary<INode, int>(ReferenceEqualityComparer.Instance);
        foreach (var script in body.QuerySelectorAll("script[type^='math/tex']").ToList())
        {
            budget.Tick();
            var display = script.GetAttribute("type")!.Contains("mode=display", StringComparison.OrdinalIgnoreCase);
            // MathJax 2 renders a preview span and a frame next to the source: the source wins.
            var siblings = script.Parent!.ChildNodes;
            var at = IndexOf(script, positions, budget);
            for (var k = at - 1; k >= 0; k--)
            {
                budget.Tick();
                if (siblings[k] is not IElement previous)
                {
                    continue;
                }

                if (!(previous.ClassList.Contains("MathJax_Preview") || previous.ClassList.Contains("MathJax")
                      || previous.ClassList.Contains("MathJax_Display") || previous.ClassList.Contains("MathJax_SVG")))
                {
                    break;
                }

                edits.Replace(previous, null);
            }

            edits.Replace(script, MathElement(document, script.TextContent.Trim(), display));
        }

        edits.Apply(budget);
        foreach (var katex in body.QuerySelectorAll(".katex").ToList())
        {
            budget.Tick();
            var tex = katex.QuerySelector("annotation[encoding='application/x-tex']")?.TextContent;
            if (tex is null)
            {
                continue;
            }

            var display = katex.ParentElement?.ClassList.Contains("katex-display") == true;
            edits.Replace(display ? katex.ParentElement! : katex, MathElement(document, tex.Trim(), display));
        }

        edits.Apply(budget);
        foreach (var math in body.QuerySelectorAll("math").ToList())
        {
            budget.Tick();
            var display = string.Equals(math.GetAttribute("display"), "block", StringComparison.OrdinalIgnoreCase)
                          || string.Equals(math.GetAttribute("mode"), "display", StringComparison.OrdinalIgnoreCase);
            var tex = math.QuerySelector("annotation[encoding='application/x-tex']")?.TextContent ?? MathMlToLatex.Convert(math);
            edits.Replace(math, MathElement(document, tex.Trim(), display));
        }

        edits.Apply(budget);
    }

    /// <summary>
    /// Whether any element under <paramref name="body"/> could match one of the three queries above (no false "no").
    /// Most pages hold no math: one plain walk instead of three selector walks, about a twentieth of extraction's CPU.
    /// </summary>
    private static bool MayHoldMath(IElement body)
    {
        var pending = new Stack<INode>();
        pending.Push(body);
        while (pending.TryPop(out var node))
        {
            var children = node.ChildNodes;
            for (var i = 0; i < children.Length; i++)
            {
                if (children[i] is not Element e)
                {
                    continue;
                }

                var name = e.LocalName;
                if (name.Equals("math", StringComparison.OrdinalIgnoreCase)
                    || (name.Equals("script", StringComparison.OrdinalIgnoreCase) && e.GetAttribute("type") is { } type && type.StartsWith("math/tex", StringComparison.Ordinal))
                    || (e.GetAttribute("class") is { } cls && cls.Contains("katex", StringComparison.OrdinalIgnoreCase)))
                {
                    return true;
                }

                pending.Push(e);
            }
        }

        return false;
    }

    /// <summary>The node's index among its siblings, from one numbering of each parent's children (AngleSharp's Index() scans them).</summary>
    private static int IndexOf(INode node, Dictionary<INode, int> positions, ExtractionBudget budget)
    {
        if (!positions.TryGetValue(node, out var at))
        {
            var siblings = node.Parent!.ChildNodes;
            for (var i = 0; i < siblings.Length; i++)
            {
                budget.Tick();
                positions[siblings[i]] = i;
            }

            at = positions[node];
        }

        return at;
    }

    private static IElement MathElement(IDocument document, string tex, bool display)
    {
        var e = document.CreateElement(display ? "x-math-block" : "x-math");
        e.SetAttribute("tex", tex);
        e.TextContent = tex;
        return e;
    }
}
