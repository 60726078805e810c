using System.Text.RegularExpressions;

namespace SciCurate.DomainFilter.Judge;

/// <summary>The parts of a page's science-relevance score, for reasons and tests.</summary>
public sealed record ScienceEvidence(
    int Words,
    double TermsPer1K,
    double MathPer1K,
    double CitationsPer1K,
    double UnitsPer1K,
    double SpamPer1K,
    double UrlHint,
    double Score);

/// <summary>
/// A science-relevance signal in [0, 1] for one page, without a model. It counts, per 1,000 words:
/// <list type="bullet">
/// <item>scientific vocabulary: a fixed lexicon of about 200 stems (theorem, lemma, equation, hypothesis, molecule,
/// protein, genome, quantum, algorithm, variance, …) matched at word starts;</item>
/// <item>mathematics: LaTeX commands and delimiters (<c>\frac</c>, <c>$…$</c>), mathematical Unicode symbols
/// (∑ ∫ √ ≤ ≥ ± ∈ ∀ ∂ Greek letters), and equations such as <c>x = 2y + 1</c>;</item>
/// <item>scholarly apparatus: numbered citations <c>[12]</c>, <c>et al.</c>, DOIs, arXiv ids;</item>
/// <item>measurements: a number followed by an SI or common scientific unit (<c>3.2 kPa</c>, <c>5 mg</c>, <c>10 nm</c>);</item>
/// <item>commerce and spam phrases (add to cart, casino, free shipping, …), which count against.</item>
/// </list>
/// The evidence is combined as <c>1 − exp(−(terms/12 + math/6 + citations/3 + units/4))</c>, plus a bonus of up to
/// 0.15 for academic hosts and paths (.edu, .ac.*, arxiv, /wiki/, /abs/, /doi/), minus <c>spam/4</c>, clamped to
/// [0, 1]. The divisors are set so that ordinary news prose (a few such stems per 1,000 words) scores about 0.2–0.4
/// and a paper, a textbook page or a Q&amp;A page about mathematics scores over 0.7. It is a heuristic: it reads
/// vocabulary, not meaning, and it is only used when no LLM endpoint is configured or the LLM failed.
/// </summary>
public static partial class ScienceRelevance
{
    private static readonly string[] Stems =
    [
        // mathematics
        "theorem", "lemma", "corollar", "proof", "proposition", "axiom", "conjectur", "equation", "integral", "derivativ",
        "polynomial", "matri", "vector", "eigen", "manifold", "topolog", "algebra", "geometr", "calculus", "probabilit",
        "stochastic", "variance", "covarian", "regression", "statistic", "converge", "logarithm",
        "exponent", "coefficient", "parameter", "optimiz", "optimisation", "isomorph", "homolog", "differential", "tensor",
        "scalar", "asymptot", "inequalit", "theoretic", "lattice", "prime number", "modulo", "integer", "fourier",
        "laplac", "gaussian", "bayes", "markov", "combinator", "graph theor", "set theor",
        // physics and chemistry
        "quantum", "particle", "photon", "electron", "proton", "neutron", "boson", "fermion", "relativ", "thermodynam",
        "entropy", "momentum", "velocit", "accelerat", "wavelength", "frequenc", "spectr", "magnet", "electromagnet",
        "gravitation", "oscillat", "plasma", "semiconductor", "superconduct", "molecul", "atoms", "atomic", "isotope", "ionic",
        "catalys", "reagent", "compound", "oxidat", "polymer", "crystal", "solvent", "synthes", "stoichiometr",
        "kinetic", "enthalp", "covalent", "nuclear", "laser", "optic",
        // biology and medicine
        "protein", "enzyme", "genom", "genes", "genetic", "dna", "rna", "cells", "cellular", "mitochondri", "chromosom", "mutation", "phenotyp",
        "genotyp", "organism", "species", "evolution", "ecolog", "bacteri", "virus", "pathogen", "antibod",
        "immun", "neuron", "cortex", "metaboli", "clinical", "patholog", "pharmac", "receptor", "transcript", "sequenc",
        "tissue", "physiolog", "epidemiolog",
        // earth, space, computing
        "geolog", "tecton", "climat", "atmospher", "sediment", "astronom", "galax", "stellar", "planetar", "cosmolog",
        "telescope", "orbit", "algorithm", "complexit", "computation", "dataset", "neural network", "machine learning",
        "simulation", "numerical",
        // the scientific method and literature
        "hypothes", "experiment", "empiric", "methodolog", "measurement", "observation", "analys",
        "correlat", "causal", "uncertaint", "error bar", "laborator", "peer review",
        "abstract", "publication", "preprint", "citation", "research", "scientist", "theory", "theoretical",
        "quantitative", "qualitative", "calibrat", "apparatus", "specimen", "formula", "derive",
    ];

    private static readonly string[] SpamPhrases =
    [
        "add to cart", "buy now", "free shipping", "casino", "betting", "discount code", "coupon", "best price",
        "limited offer", "click here", "subscribe now", "sign up now", "viagra", "cialis", "porn", "xxx", "escort",
        "payday loan", "crypto giveaway", "weight loss", "dating", "shop now", "order now", "promo code",
    ];

    private static readonly char[] MathSymbols =
        "∑∫∮√∞≤≥≠≈≡±∓×÷∈∉⊂⊆⊃∪∩∀∃∂∇∆∏→⇒⇔↦αβγδεζηθικλμνξπρστυφχψωΓΔΘΛΞΠΣΦΨΩℝℕℤℚℂ⟨⟩‖".ToCharArray();

    private static readonly string[] AcademicHostHints = ["arxiv", "journal", "science", "scien", "math", "phys", "chem", "bio", "research", "univ", "academ", "scholar", "wiki", "nature", "plos", "ncbi", "nih"];

    private static readonly string[] AcademicPathHints = ["/wiki/", "/abs/", "/doi/", "/article", "/paper", "/pdf/", "/publication", "/lecture", "/course", "/questions/"];

    private static readonly Trie Lexicon = new(Stems);

    /// <summary>The score and its evidence for one page of text and its URL.</summary>
    public static ScienceEvidence Score(string text, string url)
    {
        var sample = text.Length > 20_000 ? text[..20_000] : text;
        var words = 0;
        var terms = 0;
        var lower = sample.ToLowerInvariant();
        for (var i = 0; i < lower.Length; i++)
        {
            if (!char.IsLetter(lower[i]) || (i > 0 && char.IsLetterOrDigit(lower[i - 1])))
            {
                continue;
            }

            words++;
            if (Lexicon.MatchesAt(lower, i))
            {
                terms++;
            }
        }

        var math = 0;
        foreach (var c in sample)
        {
            if (Array.IndexOf(MathSymbols, c) >= 0)
            {
                math++;
            }
        }

        math += LatexPattern().Count(sample) * 2 + EquationPattern().Count(sample);
        var citations = CitationPattern().Count(sample);
        var units = UnitPattern().Count(sample);
        var spam = 0;
        foreach (var phrase in SpamPhrases)
        {
            spam += CountOf(lower, phrase);
        }

        var per1K = words == 0 ? 0 : 1000.0 / Math.Max(words, 50);
        var t = terms * per1K;
        var m = math * per1K;
        var cit = citations * per1K;
        var u = units * per1K;
        var sp = spam * per1K;
        var hint = UrlHint(url);
        var raw = 1 - Math.Exp(-((t / 12) + (m / 6) + (cit / 3) + (u / 4)));
        var score = Math.Clamp(raw + hint - (sp / 4), 0, 1);
        return new ScienceEvidence(words, t, m, cit, u, sp, hint, score);
    }

    /// <summary>Up to 0.15 for academic hosts (.edu, .ac.*, .gov, names such as arxiv or math) and paths (/abs/, /wiki/).</summary>
    public static double UrlHint(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return 0;
        }

        var host = uri.Host.ToLowerInvariant();
        var hint = 0.0;
        if (host.EndsWith(".edu", StringComparison.Ordinal) || host.Contains(".edu.", StringComparison.Ordinal)
            || host.Contains(".ac.", StringComparison.Ordinal) || host.EndsWith(".gov", StringComparison.Ordinal))
        {
            hint += 0.1;
        }
        else if (AcademicHostHints.Any(h => host.Contains(h, StringComparison.Ordinal)))
        {
            hint += 0.08;
        }

        var path = uri.AbsolutePath.ToLowerInvariant();
        if (AcademicPathHints.Any(h => path.Contains(h, StringComparison.Ordinal)))
        {
            hint += 0.05;
        }

        return Math.Min(hint, 0.15);
    }

    private static int CountOf(string haystack, string needle)
    {
        var n = 0;
        for (var i = haystack.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = haystack.IndexOf(needle, i + needle.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    [GeneratedRegex(@"\\(?:frac|sum|int|sqrt|alpha|beta|gamma|delta|lambda|sigma|theta|mathbb|mathrm|partial|nabla|begin\{(?:equation|align)|cdot|leq|geq|infty)|\$\$|\\\(|\\\[", RegexOptions.CultureInvariant)]
    private static partial Regex LatexPattern();

    [GeneratedRegex(@"(?<![\w=])[A-Za-z]\w{0,2}\s?=\s?[-\w(]+\s?[-+*/^]\s?[\w(]", RegexOptions.CultureInvariant)]
    private static partial Regex EquationPattern();

    [GeneratedRegex(@"\[\d{1,3}(?:[,–-]\s?\d{1,3})*\]|\bet al\.|\bdoi:\s?10\.\d{4,}|\b10\.\d{4,9}/\S+|\barXiv:\s?\d{4}\.\d{4,5}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CitationPattern();

    [GeneratedRegex(@"\b\d+(?:[.,]\d+)?(?:\s?[×x]\s?10\^?-?\d+)?\s?(?:[kMGTmµnp]?(?:m|g|s|Hz|Pa|J|W|V|A|K|mol|L|eV|N|T|Ω|C)|°C|km/h|m/s|mg/kg|ppm|kDa|bp|AU|ly)\b", RegexOptions.CultureInvariant)]
    private static partial Regex UnitPattern();

    /// <summary>Prefix matching of many stems at a word start in one walk.</summary>
    private sealed class Trie
    {
        private readonly Dictionary<char, Trie> _next = [];
        private bool _end;

        public Trie(IEnumerable<string> words)
        {
            foreach (var w in words)
            {
                var node = this;
                foreach (var c in w)
                {
                    if (!node._next.TryGetValue(c, out var child))
                    {
                        child = new Trie([]);
                        node._next[c] = child;
                    }

                    node = child;
                }

                node._end = true;
            }
        }

        public bool MatchesAt(string s, int start)
        {
            var node = this;
            for (var i = start; i < s.Length; i++)
            {
                if (!node._next.TryGetValue(s[i], out node))
                {
                    return false;
                }

                if (node._end)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
