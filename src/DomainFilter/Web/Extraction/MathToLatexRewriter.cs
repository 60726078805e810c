using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>Replaces MathML, MathJax script sources and KaTeX renderings by one element carrying LaTeX.</summary>
internal sealed class MathToLatexRewriter : IMathRewriter
{
    public void Rewrite(IDocument document, IElement body, CancellationToken ct)
    {
        foreach (var script in body.QuerySelectorAll("script[type^='math/tex']").ToList())
        {
            var display = script.GetAttribute("type")!.Contains("mode=display", StringComparison.OrdinalIgnoreCase);
            // MathJax 2 renders a preview span and a frame next to the source: the source wins.
            var previous = script.PreviousElementSibling;
            while (previous is not null && (previous.ClassList.Contains("MathJax_Preview") || previous.ClassList.Contains("MathJax")
                                            || previous.ClassList.Contains("MathJax_Display") || previous.ClassList.Contains("MathJax_SVG")))
            {
                var p = previous.PreviousElementSibling;
                previous.Remove();
                previous = p;
            }

            script.Replace(MathElement(document, script.TextContent.Trim(), display));
        }

        foreach (var katex in body.QuerySelectorAll(".katex").ToList())
        {
            if (katex.Parent is null)
            {
                continue;
            }

            var tex = katex.QuerySelector("annotation[encoding='application/x-tex']")?.TextContent;
            if (tex is null)
            {
                continue;
            }

            var display = katex.ParentElement?.ClassList.Contains("katex-display") == true;
            (display ? katex.ParentElement! : katex).Replace(MathElement(document, tex.Trim(), display));
        }

        foreach (var math in body.QuerySelectorAll("math").ToList())
        {
            if (math.Parent is null)
            {
                continue;
            }

            var display = string.Equals(math.GetAttribute("display"), "block", StringComparison.OrdinalIgnoreCase)
                          || string.Equals(math.GetAttribute("mode"), "display", StringComparison.OrdinalIgnoreCase);
            var tex = math.QuerySelector("annotation[encoding='application/x-tex']")?.TextContent ?? MathMlToLatex.Convert(math);
            math.Replace(MathElement(document, tex.Trim(), display));
        }
    }

    private static IElement MathElement(IDocument document, string tex, bool display)
    {
        var e = document.CreateElement(display ? "x-math-block" : "x-math");
        e.SetAttribute("tex", tex);
        e.TextContent = tex;
        return e;
    }
}
