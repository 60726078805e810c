using System.Globalization;
using System.Text;

namespace SciCurate.Detectors.Training;

/// <summary>What a generated page holds; the label comes from here, never from looking at the output.</summary>
public enum GeneratedPageKind
{
    Prose,
    Manual,
    ProseList,
    ProseTable,
    NumberTable,
    InlineMath,
    DisplayMath,
    Theorem,
    MathTable,
    SymbolList,
}

/// <summary>One segment of a generated document: it starts on a fresh page, and its label says whether it has formulas.</summary>
public sealed record GeneratedSegment(int Index, GeneratedPageKind Kind)
{
    public bool HasFormulas => Kind is GeneratedPageKind.InlineMath or GeneratedPageKind.DisplayMath
        or GeneratedPageKind.Theorem or GeneratedPageKind.MathTable or GeneratedPageKind.SymbolList;
}

/// <summary>A LaTeX document and the kind of each of its segments (segment i is marked with \label{seg:i}).</summary>
public sealed record GeneratedDocument(string Name, string Source, IReadOnlyList<GeneratedSegment> Segments, string Style);

/// <summary>
/// Writes random LaTeX documents whose pages are prose, manuals, lists and tables without formulas, or carry inline
/// math, display math, theorems, math tables and symbol lists. Fonts, sizes, margins and one/two columns vary per
/// document, so the model learns the signals (math fonts, scripts, rules, italics) rather than one typeface.
/// Pages with only one or two trivial inline formulas are not generated: the hand labels call such pages "minor" and
/// leave them out of scoring, and a generated class that says otherwise taught the model to flag every page with a
/// handful of math glyphs (a manual's LaTeX2ε logos and ⟨meta⟩ arguments).
/// </summary>
public sealed class LatexPageGenerator(int seed)
{
    private readonly Random _rng = new(seed);

    private static readonly (string Name, string Preamble)[] Fonts =
    [
        ("cm", ""),
        ("lmodern", "\\usepackage{lmodern}\n\\usepackage[T1]{fontenc}\n"),
        ("times", "\\usepackage{mathptmx}\n\\usepackage[T1]{fontenc}\n"),
        ("palatino", "\\usepackage{mathpazo}\n\\usepackage[T1]{fontenc}\n"),
        ("charter", "\\usepackage{charter}\n"),
        ("helvet", "\\usepackage[T1]{fontenc}\n\\usepackage{helvet}\n\\renewcommand{\\familydefault}{\\sfdefault}\n"),
        ("bookman", "\\usepackage[T1]{fontenc}\n\\usepackage{bookman}\n"),
        ("utopia", "\\usepackage[T1]{fontenc}\n\\usepackage{utopia}\n"),
        ("pple", "\\usepackage{mathpple}\n"),

        // Math letters in the text font's italic, Greek and operators from a symbol font: how word processors set formulas.
        ("times-mathastext", "\\usepackage[T1]{fontenc}\n\\usepackage{times}\n\\usepackage{amsmath}\n\\usepackage[italic]{mathastext}\n"),
        ("lmodern-mathastext", "\\usepackage{lmodern}\n\\usepackage[T1]{fontenc}\n\\usepackage{amsmath}\n\\usepackage[italic]{mathastext}\n"),
        ("helvet-mathastext", "\\usepackage[T1]{fontenc}\n\\usepackage{helvet}\n\\renewcommand{\\familydefault}{\\sfdefault}\n\\usepackage{amsmath}\n\\usepackage[italic]{mathastext}\n"),
    ];

    private static readonly string[] Function =
    [
        "the", "the", "the", "of", "of", "and", "and", "to", "in", "a", "is", "that", "for", "it", "as", "with", "be", "by", "on",
        "not", "this", "are", "or", "from", "at", "which", "but", "have", "an", "they", "were", "their", "all", "we", "can",
        "has", "there", "been", "if", "more", "when", "will", "would", "these", "than", "its", "into", "also", "may", "our",
        "such", "each", "other", "then", "some", "only", "where", "should", "between", "however",
    ];

    private static readonly string[] Content =
    [
        "model", "data", "method", "results", "study", "analysis", "system", "approach", "process", "research", "time",
        "information", "structure", "values", "experiment", "performance", "section", "paper", "problem", "case", "order",
        "group", "sample", "design", "network", "training", "evaluation", "quality", "document", "page", "text", "reader",
        "library", "archive", "history", "community", "policy", "report", "survey", "language", "support", "development",
        "important", "different", "several", "general", "large", "small", "recent", "previous", "following", "simple",
        "particular", "specific", "significant", "common", "available", "possible", "similar", "standard", "public",
        "describe", "present", "show", "consider", "provide", "obtain", "observe", "improve", "compare", "discuss", "follow",
        "report", "collect", "measure", "develop", "produce", "include", "suggest", "indicate", "remain", "require",
        "students", "teachers", "committee", "members", "council", "region", "countries", "industry", "market", "energy",
        "water", "soil", "plants", "species", "climate", "weather", "river", "city", "village", "building", "project",
        "software", "hardware", "interface", "users", "files", "storage", "memory", "service", "computer", "program",
        "clearly", "often", "usually", "generally", "carefully", "directly", "mostly", "recently", "therefore", "finally",
        "annual", "regional", "national", "local", "economic", "social", "cultural", "technical", "practical", "careful",
    ];

    private static readonly string[] Vars = ["x", "y", "z", "t", "u", "v", "w", "a", "b", "c", "n", "m", "k", "p", "q", "r", "s", "f(x)", "g", "h", "N", "M", "A", "B", "X", "Y", "F", "G", "L", "T"];

    private static readonly string[] Greek =
    [
        "\\alpha", "\\beta", "\\gamma", "\\delta", "\\epsilon", "\\varepsilon", "\\zeta", "\\eta", "\\theta", "\\lambda", "\\mu",
        "\\nu", "\\xi", "\\pi", "\\rho", "\\sigma", "\\tau", "\\phi", "\\varphi", "\\chi", "\\psi", "\\omega", "\\Gamma",
        "\\Delta", "\\Theta", "\\Lambda", "\\Sigma", "\\Phi", "\\Psi", "\\Omega",
    ];

    private static readonly string[] Relations = ["=", "\\le", "\\ge", "<", ">", "\\neq", "\\approx", "\\equiv", "\\sim", "\\subseteq", "\\to", "\\mapsto", "\\propto"];

    private static readonly string[] Operators = ["+", "-", "\\cdot", "\\times", "\\pm", "\\otimes", "\\oplus", "\\circ", "\\cup", "\\cap", "\\wedge"];

    public GeneratedDocument Next(int index)
    {
        var font = Fonts[_rng.Next(Fonts.Length)];
        var size = new[] { "10pt", "11pt", "12pt" }[_rng.Next(3)];
        var twoColumn = _rng.NextDouble() < 0.35;
        var cls = new[] { "article", "article", "report", "amsart" }[_rng.Next(4)];
        var margin = 0.6 + _rng.NextDouble() * 0.9;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"\\documentclass[{size}{(twoColumn ? ",twocolumn" : "")}]{{{cls}}}\n");
        sb.Append(font.Preamble);
        sb.Append(CultureInfo.InvariantCulture, $"\\usepackage[margin={margin:0.00}in]{{geometry}}\n");
        sb.Append("\\usepackage{amsmath,amssymb,amsthm,booktabs,graphicx}\n\\newtheorem{theorem}{Theorem}\n\\providecommand{\\marg}[1]{\\texttt{\\{}$\\langle$\\textit{#1}$\\rangle$\\texttt{\\}}}\n\\providecommand{\\oarg}[1]{\\texttt{[}$\\langle$\\textit{#1}$\\rangle$\\texttt{]}}\n\\newtheorem{lemma}[theorem]{Lemma}\n");
        sb.Append("\\pagestyle{").Append(_rng.NextDouble() < 0.7 ? "plain" : "empty").Append("}\n\\begin{document}\n");

        var segments = new List<GeneratedSegment>();
        var count = 6 + _rng.Next(5);
        for (var i = 0; i < count; i++)
        {
            var kind = PickKind();
            segments.Add(new GeneratedSegment(i, kind));
            if (i > 0)
            {
                sb.Append("\\clearpage\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"\\label{{seg:{i}}}\n");
            WriteSegment(sb, kind, twoColumn);
        }

        sb.Append("\\end{document}\n");
        return new GeneratedDocument($"gen{index:D4}", sb.ToString(), segments, $"{font.Name},{size},{cls},{(twoColumn ? "2col" : "1col")}");
    }

    private GeneratedPageKind PickKind()
    {
        // Half the pages are formula-free, so the classes are balanced.
        var r = _rng.NextDouble();
        return r switch
        {
            < 0.14 => GeneratedPageKind.Prose,
            < 0.26 => GeneratedPageKind.Manual,
            < 0.32 => GeneratedPageKind.ProseList,
            < 0.41 => GeneratedPageKind.ProseTable,
            < 0.50 => GeneratedPageKind.NumberTable,
            < 0.66 => GeneratedPageKind.InlineMath,
            < 0.82 => GeneratedPageKind.DisplayMath,
            < 0.90 => GeneratedPageKind.Theorem,
            < 0.95 => GeneratedPageKind.MathTable,
            _ => GeneratedPageKind.SymbolList,
        };
    }

    private void WriteSegment(StringBuilder sb, GeneratedPageKind kind, bool twoColumn)
    {
        // Sizes keep a segment to about one page; a segment that overflows is labelled on every page it covers.
        var paragraphs = twoColumn ? 5 + _rng.Next(4) : 3 + _rng.Next(3);
        if (_rng.NextDouble() < 0.5)
        {
            sb.Append("\\section{").Append(Title()).Append("}\n");
        }

        if (_rng.NextDouble() < 0.12)
        {
            sb.Append(AuthorBlock());
        }

        if (_rng.NextDouble() < 0.2)
        {
            sb.Append(Figure());
        }

        // Code blocks go on both kinds of page (manuals show source beside the typeset result), so code is no label cue.
        if (_rng.NextDouble() < 0.3)
        {
            sb.Append(Paragraph(0, 0)).Append('\n').Append(Code());
        }

        switch (kind)
        {
            case GeneratedPageKind.Prose:
                for (var i = 0; i < paragraphs; i++)
                {
                    sb.Append(Paragraph(0, 0)).Append("\n\n");
                }

                if (_rng.NextDouble() < 0.4)
                {
                    sb.Append("\\subsection{").Append(Title()).Append("}\n").Append(Paragraph(0, 0)).Append("\n\n");
                }

                break;
            case GeneratedPageKind.Manual:
                // Software-manual prose: command names, meta-variables in angle brackets, logos; no formulas.
                for (var i = 0; i < paragraphs; i++)
                {
                    sb.Append(ManualParagraph()).Append("\n\n");
                    if (_rng.NextDouble() < 0.4)
                    {
                        sb.Append("\\begin{quote}\\texttt{\\char`\\\\").Append(Content[_rng.Next(Content.Length)]).Append("} \\marg{")
                            .Append(Content[_rng.Next(Content.Length)]).Append("} \\oarg{").Append(Content[_rng.Next(Content.Length)]).Append("}\\end{quote}\n");
                    }
                }

                break;
            case GeneratedPageKind.ProseList:
                var env = _rng.NextDouble() < 0.5 ? "itemize" : "enumerate";
                sb.Append(Paragraph(0, 0)).Append("\n\n\\begin{").Append(env).Append("}\n");
                for (var i = 0; i < 4 + _rng.Next(5); i++)
                {
                    sb.Append("\\item ").Append(Sentence()).Append('\n');
                }

                sb.Append("\\end{").Append(env).Append("}\n");
                sb.Append(Paragraph(0, 0)).Append("\n\n");
                break;
            case GeneratedPageKind.ProseTable:
                sb.Append(Paragraph(0, 0)).Append("\n\n");
                sb.Append(Table(math: false, numeric: false));
                sb.Append(Paragraph(0, 0)).Append("\n\n");
                break;
            case GeneratedPageKind.NumberTable:
                sb.Append(Paragraph(0, 0)).Append("\n\n");
                sb.Append(Table(math: false, numeric: true));
                if (_rng.NextDouble() < 0.5)
                {
                    sb.Append(Table(math: false, numeric: true));
                }

                break;
            case GeneratedPageKind.InlineMath:
                for (var i = 0; i < paragraphs; i++)
                {
                    sb.Append(Paragraph(2 + _rng.Next(4), 1 + _rng.Next(3))).Append("\n\n");
                }

                break;
            case GeneratedPageKind.DisplayMath:
                for (var i = 0; i < paragraphs - 1; i++)
                {
                    sb.Append(Paragraph(_rng.Next(3), 1 + _rng.Next(2))).Append('\n');
                    sb.Append(Display(twoColumn)).Append('\n');
                }

                break;
            case GeneratedPageKind.Theorem:
                sb.Append(Paragraph(1 + _rng.Next(2), 1)).Append("\n\n");
                sb.Append("\\begin{theorem}\n").Append(Paragraph(2 + _rng.Next(2), 1 + _rng.Next(2))).Append("\n\\end{theorem}\n");
                sb.Append("\\begin{proof}\n").Append(Paragraph(2, 2)).Append('\n').Append(Display(twoColumn)).Append('\n')
                    .Append(Paragraph(1, 1)).Append("\n\\end{proof}\n");
                sb.Append("\\begin{lemma}\n").Append(Paragraph(1, 2)).Append("\n\\end{lemma}\n");
                break;
            case GeneratedPageKind.MathTable:
                sb.Append(Paragraph(1, 1)).Append("\n\n");
                sb.Append(Table(math: true, numeric: false));
                sb.Append(Paragraph(1, 1)).Append("\n\n");
                break;
            case GeneratedPageKind.SymbolList:
                sb.Append(Paragraph(0, 0)).Append("\n\n\\begin{itemize}\n");
                for (var i = 0; i < 6 + _rng.Next(6); i++)
                {
                    sb.Append("\\item $").Append(Expression(1)).Append("$ --- ").Append(Phrase(3 + _rng.Next(6))).Append('\n');
                }

                sb.Append("\\end{itemize}\n");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private static readonly string[] CodeLines =
    [
        "\\newcommand{\\foo}[1]{\\textbf{#1}}", "\\DeclareOption{draft}{\\setlength{\\overfullrule}{5pt}}", "\\ProcessOptions\\relax",
        "for (int i = 0; i < n; i++) {", "    total += values[i] * weight;", "}", "x = a^2 + b_1  # not typeset", "if (count > limit) return -1;",
        "\\begin{tabular}{l|r}", "def update(self, data={}):", "    return [v for v in data if v != None]", "\\usepackage[T1]{fontenc}",
        "SELECT name, sum(x) FROM t GROUP BY name;", "$ make -j4 && ./run --input=data/", "\\setcounter{secnumdepth}{3}",
    ];

    /// <summary>Source code or LaTeX markup shown verbatim: symbols in a typewriter font, not formulas.</summary>
    private string Code()
    {
        var sb = new StringBuilder("\\begin{verbatim}\n");
        for (var i = 0; i < 3 + _rng.Next(6); i++)
        {
            sb.Append(CodeLines[_rng.Next(CodeLines.Length)]).Append('\n');
        }

        return sb.Append("\\end{verbatim}\n").ToString();
    }

    /// <summary>A raster figure when the corpus has made one (a rendered earlier page), so images alone do not mean hard.</summary>
    private string Figure()
    {
        var width = (0.3 + _rng.NextDouble() * 0.6).ToString("0.00", CultureInfo.InvariantCulture);
        return "\\IfFileExists{figure.png}{\\begin{center}\\includegraphics[width=" + width + "\\linewidth]{figure.png}\\\\ \\small Figure: "
            + Phrase(6) + ".\\end{center}}{}\n";
    }

    private string AuthorBlock()
    {
        var sb = new StringBuilder("\\begin{center}\\large ").Append(Title()).Append("\\\\[1ex]\\normalsize ");
        for (var i = 0; i < 2 + _rng.Next(4); i++)
        {
            sb.Append(i > 0 ? ", " : "").Append(char.ToUpperInvariant(Content[_rng.Next(Content.Length)][0])).Append(". ")
                .Append(Title().Split(' ')[0]).Append("\\textsuperscript{").Append(1 + _rng.Next(3)).Append('}');
        }

        return sb.Append("\\\\ \\small\\textsuperscript{1}").Append(Title()).Append(" University\\end{center}\n").ToString();
    }

    private string ManualParagraph()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 3 + _rng.Next(4); i++)
        {
            var sentence = Sentence();
            var words = sentence.Split(' ');
            for (var k = 0; k < 1 + _rng.Next(3); k++)
            {
                var at = 1 + _rng.Next(Math.Max(1, words.Length - 1));

                // Never replace a word that opens or closes a group (a footnote's brace would go with it).
                if (at < words.Length && words[at].IndexOfAny(['{', '}', '\\']) < 0)
                {
                    words[at] = _rng.Next(8) switch
                    {
                        0 => "\\texttt{\\char`\\\\" + Content[_rng.Next(Content.Length)] + "}",
                        1 => "\\marg{" + Content[_rng.Next(Content.Length)] + "}",
                        2 => "\\LaTeXe{}",
                        3 => "\\LaTeX{}",
                        4 => "\\TeX{}",
                        // Book titles in italics carry logos and one-letter words: "The LaTeX Companion", "A Guide".
                        5 => "\\emph{" + (_rng.Next(2) == 0 ? "A" : "The") + " \\LaTeX{} " + Title() + "}",
                        6 => "$" + (_rng.Next(2) == 0 ? "-" : "") + _rng.Next(1000).ToString(CultureInfo.InvariantCulture) + "$",
                        _ => "\\emph{" + Content[_rng.Next(Content.Length)] + "}",
                    };
                }
            }

            sb.Append(string.Join(' ', words)).Append(' ');
        }

        return sb.ToString();
    }

    private string Title()
    {
        var s = Phrase(2 + _rng.Next(4));
        return char.ToUpperInvariant(s[0]) + s[1..];
    }

    private string Phrase(int words)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            sb.Append(_rng.NextDouble() < 0.4 ? Function[_rng.Next(Function.Length)] : Content[_rng.Next(Content.Length)]);
        }

        return sb.ToString();
    }

    private string Sentence(int formulas = 0, int level = 1)
    {
        var words = 8 + _rng.Next(18);
        var sb = new StringBuilder();
        var formulaAt = new HashSet<int>();
        for (var i = 0; i < formulas; i++)
        {
            formulaAt.Add(1 + _rng.Next(words - 1));
        }

        for (var i = 0; i < words; i++)
        {
            if (i > 0)
            {
                sb.Append(_rng.NextDouble() < 0.06 ? ", " : " ");
            }

            if (formulaAt.Contains(i))
            {
                sb.Append('$').Append(_rng.NextDouble() < 0.3 ? Atom() : Expression(level)).Append("$ ");
            }

            var r = _rng.NextDouble();
            string word;
            if (r < 0.42)
            {
                word = Function[_rng.Next(Function.Length)];
            }
            else if (r < 0.96)
            {
                word = Content[_rng.Next(Content.Length)];
            }
            else if (r < 0.98)
            {
                // Numbers, years and citations occur in formula-free prose too.
                word = _rng.Next(3) switch
                {
                    0 => (1900 + _rng.Next(125)).ToString(CultureInfo.InvariantCulture),
                    1 => (_rng.Next(1000) / 10.0).ToString("0.0", CultureInfo.InvariantCulture) + "\\%",
                    _ => "[" + (1 + _rng.Next(60)).ToString(CultureInfo.InvariantCulture) + "]",
                };
            }
            else if (r < 0.99)
            {
                word = "\\emph{" + Content[_rng.Next(Content.Length)] + "}";
            }
            else
            {
                // Formula-free prose still carries the odd symbol: logos, units, signs, footnote marks.
                word = _rng.Next(9) switch
                {
                    7 => "$\\langle$" + Content[_rng.Next(Content.Length)] + "$\\rangle$",
                    8 => "\\texttt{\\char`\\\\" + Content[_rng.Next(Content.Length)] + "}",
                    0 => "\\LaTeXe{}",
                    1 => "\\TeX{}",
                    2 => (_rng.Next(90) + 10).ToString(CultureInfo.InvariantCulture) + "$^\\circ$C",
                    3 => (_rng.Next(90) + 1).ToString(CultureInfo.InvariantCulture) + "~$\\pm$~" + _rng.Next(9).ToString(CultureInfo.InvariantCulture),
                    4 => (_rng.Next(9) + 1).ToString(CultureInfo.InvariantCulture) + "$\\times$" + (_rng.Next(9) + 1).ToString(CultureInfo.InvariantCulture),
                    5 => Content[_rng.Next(Content.Length)] + "\\textsuperscript{" + (_rng.Next(9) + 1).ToString(CultureInfo.InvariantCulture) + "}",
                    _ => "\\LaTeX{}",
                };
            }

            if (i == 0)
            {
                word = char.ToUpperInvariant(word[0]) + word[1..];
            }

            sb.Append(word);
        }

        sb.Append('.');
        if (_rng.NextDouble() < 0.03)
        {
            sb.Append("\\footnote{").Append(Phrase(6)).Append(".}");
        }

        return sb.ToString();
    }

    /// <summary>A paragraph of 3–7 sentences with the given number of inline formulas spread over it.</summary>
    private string Paragraph(int formulas, int level)
    {
        var sentences = 3 + _rng.Next(5);
        var sb = new StringBuilder();
        for (var i = 0; i < sentences; i++)
        {
            var f = 0;
            if (formulas > 0 && (i == sentences - 1 || _rng.NextDouble() < 0.5))
            {
                f = Math.Min(formulas, 1 + _rng.Next(2));
                formulas -= f;
            }

            sb.Append(Sentence(f, level)).Append(' ');
        }

        return sb.ToString();
    }

    private string Atom()
    {
        var r = _rng.NextDouble();
        var v = r < 0.55 ? Vars[_rng.Next(Vars.Length)] : Greek[_rng.Next(Greek.Length)];
        return _rng.Next(6) switch
        {
            0 => v + "_{" + Index() + "}",
            1 => v + "^{" + (_rng.NextDouble() < 0.5 ? "2" : Index()) + "}",
            2 => v + "_{" + Index() + "}^{" + (_rng.Next(3) + 2).ToString(CultureInfo.InvariantCulture) + "}",
            3 => (_rng.NextDouble() < 0.5 ? "\\mathbf{" : "\\hat{") + v + "}",
            4 => "\\mathbb{" + "RNZCQ"[_rng.Next(5)] + "}" + (_rng.NextDouble() < 0.5 ? "^{" + Index() + "}" : ""),
            _ => v,
        };
    }

    private string Index() => _rng.Next(5) switch
    {
        0 => "i",
        1 => "j",
        2 => "n",
        3 => "ij",
        _ => (_rng.Next(3) + 1).ToString(CultureInfo.InvariantCulture),
    };

    private string Term(int depth)
    {
        if (depth <= 0)
        {
            return Atom();
        }

        return _rng.Next(11) switch
        {
            0 => "\\frac{" + Term(depth - 1) + "}{" + Term(depth - 1) + "}",
            1 => "\\sqrt{" + Term(depth - 1) + "}",
            2 => "\\sum_{" + Index() + "=1}^{" + Vars[_rng.Next(Vars.Length)] + "} " + Term(depth - 1),
            3 => "\\int_{0}^{" + (_rng.NextDouble() < 0.5 ? "\\infty" : "1") + "} " + Term(depth - 1) + "\\, d" + Vars[_rng.Next(6)],
            4 => "\\left(" + Term(depth - 1) + " " + Operators[_rng.Next(Operators.Length)] + " " + Term(depth - 1) + "\\right)^{" + Index() + "}",
            5 => "\\lim_{n \\to \\infty} " + Term(depth - 1),
            6 => "\\|" + Term(depth - 1) + "\\|",
            7 => "\\log " + Term(depth - 1),
            8 => "\\exp\\left(" + Term(depth - 1) + "\\right)",
            9 => "\\partial_{" + Vars[_rng.Next(6)] + "} " + Term(depth - 1),
            _ => Term(depth - 1) + " " + Operators[_rng.Next(Operators.Length)] + " " + Term(depth - 1),
        };
    }

    private string Expression(int level) =>
        Term(level) + " " + Relations[_rng.Next(Relations.Length)] + " " + Term(Math.Max(0, level - _rng.Next(2)));

    private string Display(bool twoColumn)
    {
        var depth = twoColumn ? 1 : 1 + _rng.Next(2);
        return _rng.Next(5) switch
        {
            0 => "\\begin{equation}\n" + Expression(depth) + "\n\\end{equation}",
            1 => "\\[\n" + Expression(depth) + "\n\\]",
            2 => "\\begin{align}\n" + Expression(depth) + " \\\\\n" + Expression(depth) + "\n\\end{align}",
            3 => "\\[\n" + Atom() + " = \\begin{pmatrix} " + Atom() + " & " + Atom() + " \\\\ " + Atom() + " & " + Atom() + " \\end{pmatrix}\n\\]",
            _ => "\\begin{equation*}\n" + Expression(depth) + ", \\quad " + Expression(0) + "\n\\end{equation*}",
        };
    }

    private string Table(bool math, bool numeric)
    {
        var cols = 3 + _rng.Next(3);
        var rows = 4 + _rng.Next(8);
        var booktabs = _rng.NextDouble() < 0.5;
        var sb = new StringBuilder("\\begin{center}\n\\small\n\\begin{tabular}{");
        sb.Append('l');
        for (var c = 1; c < cols; c++)
        {
            sb.Append(booktabs ? "r" : "|r");
        }

        sb.Append("}\n").Append(booktabs ? "\\toprule\n" : "\\hline\n");
        for (var c = 0; c < cols; c++)
        {
            sb.Append(c > 0 ? " & " : "").Append(math && c > 0 ? "$" + Atom() + "$" : Content[_rng.Next(Content.Length)]);
        }

        sb.Append(" \\\\\n").Append(booktabs ? "\\midrule\n" : "\\hline\n");
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                sb.Append(c > 0 ? " & " : "");
                if (c == 0)
                {
                    sb.Append(Content[_rng.Next(Content.Length)]);
                }
                else if (math && _rng.NextDouble() < 0.6)
                {
                    sb.Append('$').Append(_rng.NextDouble() < 0.5 ? Atom() : Term(1)).Append('$');
                }
                else if (numeric || _rng.NextDouble() < 0.5)
                {
                    sb.Append((_rng.NextDouble() * 1000).ToString(_rng.NextDouble() < 0.5 ? "0.00" : "0", CultureInfo.InvariantCulture));
                }
                else
                {
                    sb.Append(Content[_rng.Next(Content.Length)]);
                }
            }

            sb.Append(" \\\\\n");
        }

        sb.Append(booktabs ? "\\bottomrule\n" : "\\hline\n").Append("\\end{tabular}\n\\end{center}\n");
        return sb.ToString();
    }
}
