using System.Text;
using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>Presentation MathML to LaTeX, for pages that ship MathML without a TeX annotation.</summary>
public static class MathMlToLatex
{
    private const int MaxDepth = 64;

    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["α"] = "\\alpha", ["β"] = "\\beta", ["γ"] = "\\gamma", ["δ"] = "\\delta", ["ε"] = "\\epsilon", ["θ"] = "\\theta",
        ["λ"] = "\\lambda", ["μ"] = "\\mu", ["π"] = "\\pi", ["σ"] = "\\sigma", ["τ"] = "\\tau", ["φ"] = "\\phi", ["ω"] = "\\omega",
        ["Γ"] = "\\Gamma", ["Δ"] = "\\Delta", ["Σ"] = "\\Sigma", ["Ω"] = "\\Omega", ["Π"] = "\\Pi", ["Λ"] = "\\Lambda",
        ["∑"] = "\\sum", ["∏"] = "\\prod", ["∫"] = "\\int", ["∞"] = "\\infty", ["≤"] = "\\leq", ["≥"] = "\\geq", ["≠"] = "\\neq",
        ["±"] = "\\pm", ["×"] = "\\times", ["·"] = "\\cdot", ["⋅"] = "\\cdot", ["→"] = "\\to", ["∈"] = "\\in", ["∂"] = "\\partial",
        ["∇"] = "\\nabla", ["≈"] = "\\approx", ["−"] = "-", ["∀"] = "\\forall", ["∃"] = "\\exists", ["⊂"] = "\\subset", ["∪"] = "\\cup", ["∩"] = "\\cap",
        ["\u2061"] = "", ["\u2062"] = "", ["\u2063"] = "",
    };

    public static string Convert(IElement math)
    {
        var sb = new StringBuilder();
        Children(math, sb, 0);
        return sb.ToString().Trim();
    }

    private static void Children(IElement e, StringBuilder sb, int depth)
    {
        foreach (var c in e.Children)
        {
            Node(c, sb, depth + 1);
        }
    }

    private static string Of(IElement? e, int depth)
    {
        if (e is null)
        {
            return "";
        }

        var sb = new StringBuilder();
        Node(e, sb, depth + 1);
        return sb.ToString().Trim();
    }

    private static void Node(IElement e, StringBuilder sb, int depth)
    {
        if (depth > MaxDepth)
        {
            sb.Append(e.TextContent);
            return;
        }

        var kids = e.Children;
        switch (e.LocalName)
        {
            case "mi":
            case "mn":
            case "mo":
                var t = e.TextContent.Trim();
                sb.Append(Symbols.TryGetValue(t, out var sym) ? sym + " " : t);
                break;
            case "mtext":
                sb.Append("\\text{").Append(e.TextContent).Append('}');
                break;
            case "msup":
                sb.Append('{').Append(Of(kids.ElementAtOrDefault(0), depth)).Append("}^{").Append(Of(kids.ElementAtOrDefault(1), depth)).Append('}');
                break;
            case "msub":
                sb.Append('{').Append(Of(kids.ElementAtOrDefault(0), depth)).Append("}_{").Append(Of(kids.ElementAtOrDefault(1), depth)).Append('}');
                break;
            case "msubsup":
                sb.Append('{').Append(Of(kids.ElementAtOrDefault(0), depth)).Append("}_{").Append(Of(kids.ElementAtOrDefault(1), depth))
                  .Append("}^{").Append(Of(kids.ElementAtOrDefault(2), depth)).Append('}');
                break;
            case "munder":
                sb.Append(Of(kids.ElementAtOrDefault(0), depth)).Append("_{").Append(Of(kids.ElementAtOrDefault(1), depth)).Append('}');
                break;
            case "mover":
                sb.Append(Of(kids.ElementAtOrDefault(0), depth)).Append("^{").Append(Of(kids.ElementAtOrDefault(1), depth)).Append('}');
                break;
            case "munderover":
                sb.Append(Of(kids.ElementAtOrDefault(0), depth)).Append("_{").Append(Of(kids.ElementAtOrDefault(1), depth))
                  .Append("}^{").Append(Of(kids.ElementAtOrDefault(2), depth)).Append('}');
                break;
            case "mfrac":
                sb.Append("\\frac{").Append(Of(kids.ElementAtOrDefault(0), depth)).Append("}{").Append(Of(kids.ElementAtOrDefault(1), depth)).Append('}');
                break;
            case "msqrt":
                sb.Append("\\sqrt{");
                Children(e, sb, depth);
                sb.Append('}');
                break;
            case "mroot":
                sb.Append("\\sqrt[").Append(Of(kids.ElementAtOrDefault(1), depth)).Append("]{").Append(Of(kids.ElementAtOrDefault(0), depth)).Append('}');
                break;
            case "mfenced":
                sb.Append(e.GetAttribute("open") ?? "(");
                sb.AppendJoin(e.GetAttribute("separators") ?? ",", kids.Select(k => Of(k, depth)));
                sb.Append(e.GetAttribute("close") ?? ")");
                break;
            case "mtable":
                sb.Append("\\begin{matrix}");
                sb.AppendJoin(" \\\\ ", kids.Select(row => string.Join(" & ", row.Children.Select(cell => Of(cell, depth)))));
                sb.Append("\\end{matrix}");
                break;
            case "annotation":
            case "annotation-xml":
                break;
            case "semantics":
                if (kids.Length > 0)
                {
                    Node(kids[0], sb, depth + 1);
                }

                break;
            default:
                Children(e, sb, depth);
                break;
        }
    }
}
