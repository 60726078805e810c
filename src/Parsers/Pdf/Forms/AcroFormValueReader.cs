using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;

namespace SciCurate.Parsers.Pdf.Forms;

/// <summary>
/// Reads what a user typed into a filled PDF form. Those values live in the AcroForm's field dictionaries (/V), not in
/// the page's content stream, so the page's letters never show them. The field tree and the page tree are walked here
/// with explicit stacks, a visited set and counts (not PdfPig's <c>TryGetForm</c>, which recurses without a guard and
/// throws on the first malformed kid): a form with a loop, a tree thousands deep or a million fields costs a bounded
/// walk, and a form that cannot be read leaves the page text as it was.
/// <list type="bullet">
/// <item>Text fields: their value, once per document, at the first widget that shows it (a name repeated in every
/// page's header is one value, and the running-header rule cannot then take all its copies). Password fields never.</item>
/// <item>Check boxes and radio buttons: "[x]" at each checked widget, nothing for unchecked ones. The printed label
/// beside the box is page text already; the export name ("Yes", "On", "1") says nothing; and a blank form's hundreds of
/// empty boxes would only litter the text with "[ ]".</item>
/// <item>Choice fields: the selected options' display text. Push buttons and signatures carry no typed text.</item>
/// <item>Hidden widgets (/F Hidden or NoView) are not seen by a reader and are skipped.</item>
/// </list>
/// </summary>
public static class AcroFormValueReader
{
    /// <summary>Field and widget dictionaries visited at most: real forms have hundreds to a few thousand.</summary>
    public const int MaxNodes = 50_000;

    /// <summary>Deepest field tree followed: real forms nest a handful of levels (XFA-made ones about ten).</summary>
    public const int MaxDepth = 64;

    /// <summary>Characters taken from one value: a comment box holds a few pages at most.</summary>
    public const int MaxValueChars = 20_000;

    /// <summary>Characters taken from one document's form in all.</summary>
    public const int MaxDocumentChars = 2_000_000;

    private const int PasswordFlag = 1 << 13, PushButtonFlag = 1 << 16, MultilineFlag = 1 << 12;
    private const int HiddenAnnotation = 2, NoViewAnnotation = 32;

    public static DocumentFormValues Read(PdfDocument document)
    {
        try
        {
            var scanner = document.Structure.TokenScanner;
            var catalog = document.Structure.Catalog.CatalogDictionary;
            if (Resolve(Get(catalog, "AcroForm"), scanner) is not DictionaryToken form
                || Resolve(Get(form, "Fields"), scanner) is not ArrayToken fields || fields.Length == 0)
            {
                return DocumentFormValues.None;
            }

            var pages = PageTree.Walk(Resolve(Get(catalog, "Pages"), scanner), scanner, document.NumberOfPages);
            return Collect(fields, scanner, pages);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A form PdfPig's tokens cannot describe is left out; the page text still goes.
            return DocumentFormValues.None;
        }
    }

    private sealed record Inherited(string? Type, long Flags, IToken? Value, string? Name, string? Tooltip, int Depth);

    private static DocumentFormValues Collect(ArrayToken fields, IPdfTokenScanner scanner, PageTree pages)
    {
        var byPage = new Dictionary<int, List<FormFieldValue>>();
        var visited = new HashSet<IndirectReference>();
        var stack = new Stack<(IToken Token, Inherited From)>();
        var root = new Inherited(null, 0, null, null, null, 0);
        for (var i = Math.Min(fields.Length, MaxNodes) - 1; i >= 0; i--)
        {
            stack.Push((fields.Data[i], root));
        }

        var nodes = 0;
        var chars = 0;
        while (stack.Count > 0 && nodes < MaxNodes && chars < MaxDocumentChars)
        {
            var (token, from) = stack.Pop();
            if (token is IndirectReferenceToken r && !visited.Add(r.Data))
            {
                continue;
            }

            if (Resolve(token, scanner) is not DictionaryToken field)
            {
                continue;
            }

            nodes++;
            var here = new Inherited(
                Name(Get(field, "FT"), scanner) ?? from.Type,
                Number(Get(field, "Ff"), scanner) ?? from.Flags,
                Get(field, "V") ?? from.Value,
                Text(Get(field, "T"), scanner) ?? from.Name,
                Text(Get(field, "TU"), scanner) ?? from.Tooltip,
                from.Depth + 1);
            var widgets = new List<(IToken Token, DictionaryToken Dict)>();
            if (Resolve(Get(field, "Kids"), scanner) is ArrayToken kids)
            {
                var children = new List<IToken>();
                // A kids array longer than the node budget is cut there: each kid costs an object lookup.
                foreach (var kid in kids.Data.Take(MaxNodes))
                {
                    if (Resolve(kid, scanner) is not DictionaryToken kidDict)
                    {
                        continue;
                    }

                    // A kid without a name or kids of its own is a widget of this field; anything else is a field.
                    if (Get(kidDict, "T") is null && Get(kidDict, "Kids") is null)
                    {
                        if (kid is not IndirectReferenceToken kr || visited.Add(kr.Data))
                        {
                            nodes++;
                            widgets.Add((kid, kidDict));
                        }
                    }
                    else if (here.Depth < MaxDepth)
                    {
                        children.Add(kid);
                    }
                }

                for (var i = children.Count - 1; i >= 0; i--)
                {
                    stack.Push((children[i], here));
                }
            }
            else
            {
                // A field merged with its only widget.
                widgets.Add((token, field));
            }

            if (widgets.Count == 0)
            {
                continue;
            }

            foreach (var (page, value) in Values(here, widgets, scanner, pages))
            {
                chars += value.Text.Length;
                (byPage.TryGetValue(page, out var list) ? list : byPage[page] = []).Add(value);
            }
        }

        return new DocumentFormValues(byPage);
    }

    /// <summary>The text a terminal field shows, with the page of each widget that shows it.</summary>
    private static IEnumerable<(int Page, FormFieldValue Value)> Values(Inherited field, List<(IToken Token, DictionaryToken Dict)> widgets, IPdfTokenScanner scanner, PageTree pages)
    {
        var label = Label(field);
        switch (field.Type)
        {
            case "Tx" when (field.Flags & PasswordFlag) == 0:
            case "Ch":
            {
                var text = field.Type == "Tx" ? Text(field.Value, scanner) : Choice(field.Value, scanner);
                text = Clean(text);
                if (text.Length == 0)
                {
                    yield break;
                }

                // Once per document: at the visible widget on the earliest page.
                var best = widgets.Select(w => (Page: pages.PageOf(w.Token, w.Dict, scanner), w.Dict))
                    .Where(w => w.Page > 0 && !Hidden(w.Dict, scanner)).OrderBy(w => w.Page).FirstOrDefault();
                if (best.Dict is not null)
                {
                    var multiline = field.Type == "Tx" && (field.Flags & MultilineFlag) != 0;
                    yield return (best.Page, new FormFieldValue(text, label, Box(best.Dict, scanner), multiline));
                }

                break;
            }

            case "Btn" when (field.Flags & PushButtonFlag) == 0:
                foreach (var (token, dict) in widgets)
                {
                    // The widget's appearance state is what the reader sees ticked; without one, the field's value.
                    var state = Name(Get(dict, "AS"), scanner) ?? (widgets.Count == 1 ? Name(field.Value, scanner) : null);
                    var page = state is null || state == "Off" || Hidden(dict, scanner) ? 0 : pages.PageOf(token, dict, scanner);
                    if (page > 0)
                    {
                        yield return (page, new FormFieldValue(CheckedMark, label, Box(dict, scanner), false));
                    }
                }

                break;
        }
    }

    /// <summary>The mark written at a checked box: Markdown's task-list tick, read as "checked" by people and models alike.</summary>
    public const string CheckedMark = "[x]";

    private static string? Label(Inherited field)
    {
        if (!string.IsNullOrWhiteSpace(field.Tooltip))
        {
            return Clean(field.Tooltip);
        }

        // Internal names ("f1_01[0]", "Text7", "topmostSubform") are identifiers, not words a reader sees.
        var name = field.Name?.Trim();
        return !string.IsNullOrEmpty(name) && name.Length <= 80 && name.Count(char.IsLetter) >= 2
            && name.All(c => char.IsLetter(c) || c is ' ' or '-' or '\'' or '.' or '/' or '(' or ')')
            ? name
            : null;
    }

    private static bool Hidden(DictionaryToken widget, IPdfTokenScanner scanner) =>
        ((Number(Get(widget, "F"), scanner) ?? 0) & (HiddenAnnotation | NoViewAnnotation)) != 0;

    private static FieldBox? Box(DictionaryToken widget, IPdfTokenScanner scanner)
    {
        if (Resolve(Get(widget, "Rect"), scanner) is not ArrayToken rect || rect.Length != 4)
        {
            return null;
        }

        Span<double> v = stackalloc double[4];
        for (var i = 0; i < 4; i++)
        {
            if (Resolve(rect.Data[i], scanner) is not NumericToken n || !double.IsFinite(n.Double) || Math.Abs(n.Double) > 1e6)
            {
                return null;
            }

            v[i] = n.Double;
        }

        var box = new FieldBox(Math.Min(v[0], v[2]), Math.Min(v[1], v[3]), Math.Max(v[0], v[2]), Math.Max(v[1], v[3]));
        return box.Width >= 1 && box.Height >= 1 ? box : null;
    }

    /// <summary>A choice field's selection, by the options' display text where /Opt pairs an export value with one.</summary>
    private static string? Choice(IToken? value, IPdfTokenScanner scanner)
    {
        var resolved = Resolve(value, scanner);
        var selected = resolved is ArrayToken many
            ? many.Data.Take(100).Select(t => Text(t, scanner)).OfType<string>().ToList()
            : Text(resolved, scanner) is { } one ? [one] : [];
        return selected.Count == 0 ? null : string.Join(", ", selected);
    }

    /// <summary>Line breaks kept (a multi-line box), control characters dropped, length bounded.</summary>
    private static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(Math.Min(text.Length, MaxValueChars));
        for (var i = 0; i < text.Length && sb.Length < MaxValueChars; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                sb.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (c == '\n' || c == '\t' || !char.IsControl(c))
            {
                sb.Append(c == '\t' ? ' ' : c);
            }
        }

        return sb.ToString().Trim();
    }

    internal static IToken? Get(DictionaryToken dict, string key) => dict.Data.TryGetValue(key, out var t) ? t : null;

    /// <summary>Follows indirect references a few steps; a chain longer than that is a loop.</summary>
    internal static IToken? Resolve(IToken? token, IPdfTokenScanner scanner)
    {
        for (var hops = 0; token is IndirectReferenceToken r && hops < 8; hops++)
        {
            token = scanner.Get(r.Data)?.Data;
        }

        return token is IndirectReferenceToken ? null : token;
    }

    private static string? Text(IToken? token, IPdfTokenScanner scanner) => Resolve(token, scanner) switch
    {
        StringToken s => s.Data,
        HexToken h => h.Data,
        _ => null,
    };

    private static string? Name(IToken? token, IPdfTokenScanner scanner) => Resolve(token, scanner) is NameToken n ? n.Data : null;

    private static long? Number(IToken? token, IPdfTokenScanner scanner) => Resolve(token, scanner) is NumericToken n ? n.Long : null;

    /// <summary>The document's pages in order: which page each annotation and each page object belongs to.</summary>
    private sealed class PageTree
    {
        private readonly Dictionary<IndirectReference, int> _annotationPage = [];
        private readonly Dictionary<IndirectReference, int> _pageNumber = [];

        public static PageTree Walk(IToken? root, IPdfTokenScanner scanner, int pageCount)
        {
            var tree = new PageTree();
            var visited = new HashSet<IndirectReference>();
            var stack = new Stack<(IToken Token, int Depth)>();
            if (root is not null)
            {
                stack.Push((root, 0));
            }

            var page = 0;
            var nodes = 0;
            while (stack.Count > 0 && page < pageCount && nodes++ < MaxNodes + pageCount)
            {
                var (token, depth) = stack.Pop();
                if (token is IndirectReferenceToken r && !visited.Add(r.Data))
                {
                    continue;
                }

                if (Resolve(token, scanner) is not DictionaryToken node)
                {
                    continue;
                }

                if (Resolve(Get(node, "Kids"), scanner) is ArrayToken kids && Name(Get(node, "Type"), scanner) != "Page")
                {
                    if (depth < MaxDepth)
                    {
                        for (var i = Math.Min(kids.Length, MaxNodes) - 1; i >= 0; i--)
                        {
                            stack.Push((kids.Data[i], depth + 1));
                        }
                    }

                    continue;
                }

                page++;
                if (token is IndirectReferenceToken pageRef)
                {
                    tree._pageNumber.TryAdd(pageRef.Data, page);
                }

                if (Resolve(Get(node, "Annots"), scanner) is ArrayToken annots)
                {
                    foreach (var a in annots.Data.Take(MaxNodes))
                    {
                        if (a is IndirectReferenceToken ar)
                        {
                            tree._annotationPage.TryAdd(ar.Data, page);
                        }
                    }
                }
            }

            return tree;
        }

        /// <summary>The page listing the widget among its annotations, else the page its /P names; 0 when neither.</summary>
        public int PageOf(IToken widget, DictionaryToken dict, IPdfTokenScanner scanner) =>
            widget is IndirectReferenceToken r && _annotationPage.TryGetValue(r.Data, out var page) ? page
            : Get(dict, "P") is IndirectReferenceToken p && _pageNumber.TryGetValue(p.Data, out var byP) ? byP
            : 0;
    }
}
