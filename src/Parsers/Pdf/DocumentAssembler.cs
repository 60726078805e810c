using System.Text;
using System.Text.RegularExpressions;

namespace SciCurate.Parsers.Pdf;

/// <summary>
/// One page as it enters the merge: its cheap blocks, and the Markdown that replaces them when a VLM read the page (or
/// when the page was merged before: then <paramref name="ReplacementNotes"/> holds its footnotes, which follow a
/// paragraph continued on the next page as they did in the first merge).
/// </summary>
public sealed record PageContent(int PageNo, double Height, IReadOnlyList<TextBlock> Blocks, string? ReplacementMarkdown = null, string? ReplacementNotes = null);

/// <summary>Each page's Markdown after clean-up, and the document's, with the blocks taken out as page furniture.</summary>
public sealed record AssembledDocument(IReadOnlyList<string> PageMarkdown, string Markdown, IReadOnlyList<RemovedFurniture> Removed)
{
    public int RemovedFurniture => Removed.Count;
}

/// <summary>Why a block at a page edge was taken out of the text.</summary>
public enum FurnitureReason
{
    /// <summary>A page number on its own ("12", "Page 3 of 10", "– 4 –").</summary>
    PageNumber,

    /// <summary>The same line (digits aside) on many pages, or at one place on three or more: a running header or footer.</summary>
    Repeated,

    /// <summary>A publisher's or repository's stamp: arXiv identifier, copyright or licence note, "Proceedings of …", DOI.</summary>
    Stamp,

    /// <summary>An e-mail address with its label ("E-mail:"); other words on its line (a name, an affiliation) stay.</summary>
    ContactLine,

    /// <summary>
    /// A row the page set apart at its very edge, in a document too short for anything to repeat, that reads as furniture
    /// by itself: a folio, a bare URL or date, a journal masthead, a manuscript-status note, an "et al." running head.
    /// </summary>
    UnconfirmedMargin,
}

/// <summary>A block the merge took out of a page, and why (for `curate parse --removed` and the edge-line bench).</summary>
public sealed record RemovedFurniture(int PageNo, FurnitureReason Reason, string Text);

/// <summary>
/// Merges pages into one document in page order. Page furniture goes by mechanism, never by position alone: a line at
/// the top or bottom of a page is removed only when it repeats across pages (a running header or footer, page numbers
/// allowed to vary), is a page number, or matches a stamp pattern (arXiv identifier, copyright or licence line,
/// "Proceedings of …", download stamp). Every other line there is content: a paragraph continuing from the last page, a
/// footnote (written at the end of its page), a caption. Paragraphs broken by a page turn are joined again.
/// </summary>
public static partial class DocumentAssembler
{
    /// <summary>Share of the page height, from the top or bottom edge, where running headers and footers live.</summary>
    public const double FurnitureZone = 0.12;

    public static AssembledDocument Assemble(IReadOnlyList<PageContent> pages)
    {
        var (furniture, passages) = FindRepeated(pages);
        var bodySize = BodySize(pages);
        var cheapPages = pages.Count(p => p.ReplacementMarkdown is null);
        var pageMarkdown = new string[pages.Count];
        var doc = new StringBuilder();
        var removed = new List<RemovedFurniture>();
        var footnotes = "";
        var firstPassages = new HashSet<string>();
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            string body, notes = "";
            if (page.ReplacementMarkdown is { } replacement)
            {
                body = replacement.Trim();
                notes = page.ReplacementNotes?.Trim() ?? "";
            }
            else
            {
                var kept = new List<TextBlock>(page.Blocks.Count);
                var pageNotes = new List<TextBlock>();
                foreach (var edgeBlock in page.Blocks)
                {
                    var block = edgeBlock;
                    var reason = Furniture(block, page, furniture, bodySize)
                        ?? (cheapPages < MinPagesToRepeat && IsUnconfirmedMargin(block) ? FurnitureReason.UnconfirmedMargin : (FurnitureReason?)null)
                        ?? RepeatedPassage(block, page, passages, firstPassages);
                    if (reason == FurnitureReason.ContactLine)
                    {
                        // Only the address and its label go: an affiliation or a name set on the same line is text.
                        var split = SplitContact(block.Text);
                        removed.Add(new RemovedFurniture(page.PageNo, FurnitureReason.ContactLine, split.Contact));
                        if (!split.Kept.Any(char.IsLetter))
                        {
                            continue;
                        }

                        block = block with { Text = split.Kept };
                    }
                    else if (reason is { } why)
                    {
                        removed.Add(new RemovedFurniture(page.PageNo, why, block.Text));
                        continue;
                    }

                    // Margin text that is not furniture is content: footer lines with a mark are footnotes.
                    var kind = block.Kind switch
                    {
                        BlockKind.PageFooter when MarkdownComposer.FootnoteMarkLength(block.Text) > 0 => BlockKind.Footnote,
                        BlockKind.PageHeader or BlockKind.PageFooter => BlockKind.Paragraph,
                        _ => block.Kind,
                    };
                    var content = kind == block.Kind ? block : block with { Kind = kind };
                    (kind == BlockKind.Footnote ? pageNotes : kept).Add(content);
                }

                body = MarkdownComposer.Compose(kept);
                notes = MarkdownComposer.Compose(pageNotes);
            }

            pageMarkdown[i] = notes.Length == 0 ? body : body.Length == 0 ? notes : body + "\n\n" + notes;
            footnotes = AppendPage(doc, body, footnotes);
            footnotes = footnotes.Length == 0 ? notes : notes.Length == 0 ? footnotes : footnotes + "\n\n" + notes;
        }

        if (footnotes.Length > 0)
        {
            doc.Append(doc.Length > 0 ? "\n\n" : "").Append(footnotes);
        }

        return new AssembledDocument(pageMarkdown, doc.ToString(), removed);
    }

    /// <summary>
    /// Joins a page to the document; a hyphenated or unfinished sentence continues across the page turn. The previous
    /// page's footnotes follow the paragraph they interrupt; returns those still to be written.
    /// </summary>
    private static string AppendPage(StringBuilder doc, string md, string footnotes)
    {
        if (md.Length == 0)
        {
            return footnotes;
        }

        if (doc.Length == 0)
        {
            if (footnotes.Length > 0)
            {
                doc.Append(footnotes).Append("\n\n");
            }

            doc.Append(md);
            return "";
        }

        var first = md[0];
        var continues = char.IsLower(first) && !EndsWithBlockSyntax(doc);
        string rest;
        if (continues && BlockBuilder.IsHyphenated(doc, md))
        {
            doc.Length--;
            rest = AppendFirstParagraph(doc, md);
        }
        else if (continues && !".:!?\"”)".Contains(doc[^1], StringComparison.Ordinal))
        {
            doc.Append(' ');
            rest = AppendFirstParagraph(doc, md);
        }
        else
        {
            if (footnotes.Length > 0)
            {
                doc.Append("\n\n").Append(footnotes);
            }

            doc.Append("\n\n").Append(md);
            return "";
        }

        if (footnotes.Length > 0)
        {
            doc.Append("\n\n").Append(footnotes);
        }

        if (rest.Length > 0)
        {
            doc.Append("\n\n").Append(rest);
        }

        return "";

        static string AppendFirstParagraph(StringBuilder doc, string md)
        {
            var end = md.IndexOf("\n\n", StringComparison.Ordinal);
            doc.Append(end < 0 ? md : md[..end]);
            return end < 0 ? "" : md[(end + 2)..];
        }
    }

    private static bool EndsWithBlockSyntax(StringBuilder doc)
    {
        // A table row or a display formula does not continue into the next page's prose.
        var c = doc[^1];
        return c is '|' or '$';
    }

    private static FurnitureReason? Furniture(TextBlock block, PageContent page, RepeatedLines repeated, double body)
    {
        // A contact line is a stamp by what it says, wherever the page puts it (a corresponding-author note below the
        // abstract, an address under the title): an e-mail address with a label is not running text.
        if (block.Kind != BlockKind.Table && IsAddressLabel(block.Text))
        {
            return FurnitureReason.ContactLine;
        }

        if (!MarkdownComposer.IsMargin(block.Kind) && !InZone(block, page.Height))
        {
            return null;
        }

        return PageNumber().IsMatch(block.Text) ? FurnitureReason.PageNumber
            : repeated.Covers(Key(block.Text)) ? FurnitureReason.Repeated
            : IsStamp(block.Text) && StandsApart(block, body) ? FurnitureReason.Stamp
            : null;
    }

    /// <summary>
    /// A stamp stands apart from the running text: in smaller type than the body, or opening with the stamp itself
    /// ("© 2020 …", "arXiv:…", "Downloaded from …"). A paragraph in body type that mentions a licence or a copyright on
    /// its way (a manual's "… released under the LPPL …") is running text, even set off at the foot of a page.
    /// </summary>
    /// <remarks>
    /// A footnote is in small type too: one opening with a footnote mark ("1 Our code is released under the MIT
    /// licence …") is the author's text and stands apart only when the stamp itself follows the mark.
    /// </remarks>
    private static bool StandsApart(TextBlock block, double body)
    {
        var mark = MarkdownComposer.FootnoteMarkLength(block.Text);
        if ((block.FontSize < 0.9 * body && mark == 0) || IsContactLine(block.Text))
        {
            return true;
        }

        var match = Stamp().Match(block.Text);
        return match.Success && match.Index >= mark && block.Text.AsSpan(mark, match.Index - mark).Trim().Length == 0;
    }

    /// <summary>The font size carrying the most characters in the document's own text, to half a point.</summary>
    private static double BodySize(IReadOnlyList<PageContent> pages) => LineGeometry.ModalSize(
        pages.Where(p => p.ReplacementMarkdown is null).SelectMany(p => p.Blocks)
            .Where(b => !MarkdownComposer.IsMargin(b.Kind) && b.FontSize > 0).Select(b => (b.FontSize, b.Text.Length)),
        none: 0);

    /// <summary>Repetition needs this many pages to be seen; shorter documents fall back to the page's own layout.</summary>
    private const int MinPagesToRepeat = 3;

    /// <summary>
    /// In a document too short for anything to repeat (a one-page excerpt), a row the page parser set apart at the very
    /// top or bottom edge (a blank gap from the body, no larger than body type) goes only when its own words have the
    /// shape of page furniture: what a publisher prints to place a page in a series rather than what an author writes
    /// once. Those are folios ("7-45", "A-3"), a bare URL or date, a journal masthead (volume, issue, pages, ISSN), a
    /// manuscript-status note ("Preprint", "Under review", "Submitted to …"), an "et al." running head, and a label of a
    /// few words carrying a number ("NETS 2015", "Revision: 2.4", "P/N 119-036"). Page numbers and stamps go in any
    /// document (<see cref="Furniture"/>). Anything else there, a title, a letterhead, a section header, a caption, is
    /// text the page cannot show to be furniture, and is kept: the band alone proves nothing.
    /// </summary>
    private static bool IsUnconfirmedMargin(TextBlock block)
    {
        if (!MarkdownComposer.IsMargin(block.Kind) || Caption().IsMatch(block.Text))
        {
            return false;
        }

        var text = block.Text.Trim();
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        // A full stop ends a sentence, except the one of "et al." that ends a running head.
        var sentence = text.EndsWith('.') && !text.EndsWith(" al.", StringComparison.OrdinalIgnoreCase);
        return words <= MaxFurnitureWords
            && (Folio().IsMatch(text) || BareUrl().IsMatch(text) || BareDate().IsMatch(text) || ManuscriptStatus().IsMatch(text)
                || (!sentence && (Masthead().IsMatch(text) || EtAl().IsMatch(text)))
                || (!sentence && words <= MaxLabelWords && text.Any(char.IsAsciiDigit)));
    }

    /// <summary>A furniture line is a label, not a sentence: longer than this it is a line of running text.</summary>
    private const int MaxFurnitureWords = 20;

    /// <summary>A label ("NETS 2015", "Revision: 2.4") is a few words; a title or a heading runs longer or carries no number.</summary>
    private const int MaxLabelWords = 4;

    [GeneratedRegex(@"^\s*(?:page\s+)?(?:[A-Z]{1,2}[-–.]?\d{1,4}|\d{1,4}\s*[-–.]\s*\d{1,4})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Folio();

    [GeneratedRegex(@"^\s*(?:\S+\s+){0,5}(?:https?://|www\.)\S+\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex BareUrl();

    [GeneratedRegex(@"^\s*(?:(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?\d{4}|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex BareDate();

    [GeneratedRegex(@"\b(?:vol(?:ume)?\.?\s*\d|no\.\s*\d|issue\s*\d|pp?\.\s*\d|e?-?ISSN\b|ISBN\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Masthead();

    [GeneratedRegex(@"^\s*(?:preprint\b|under review\b|submitted to\b|accepted (?:for|at|in|to|by)\b|to appear in\b|draft\b|confidential\b|working paper\b|manuscript\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ManuscriptStatus();

    [GeneratedRegex(@"\bet\s+al\b", RegexOptions.IgnoreCase)]
    private static partial Regex EtAl();

    /// <summary>A figure or table caption, numbered by chapter or not ("Figure 7-27.", "Table 2:", "Fig. 3.1.").</summary>
    [GeneratedRegex(@"^\s*(?:fig(?:ure)?\.?|table|tab\.|scheme|algorithm|listing)\s*[0-9IVX]+(?:[-.–][0-9]+)*[.:]", RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    /// <summary>
    /// Lines that publishers and repositories stamp on pages rather than write: arXiv identifiers, copyright and licence
    /// notes, "Proceedings of …", download and publication stamps, DOI lines. Long text is never a stamp.
    /// </summary>
    internal static bool IsStamp(string text) => text.Length <= 300 && (Stamp().IsMatch(text) || IsContactLine(text));

    /// <summary>A short line around an e-mail address ("E-mail: a@b.org", "Corresponding author: …"): a contact stamp.</summary>
    private static bool IsContactLine(string text) =>
        text.Contains('@', StringComparison.Ordinal) && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 5 && Email().IsMatch(text);

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")]
    private static partial Regex Email();

    /// <summary>
    /// An e-mail address with at most a short label or a name ("Corresponding author: a@b.org", "Jane Doe jane@x.org"),
    /// not a sentence: the address is a whole word of its own, so code ("ver@pkg.sty\endcsname") never qualifies.
    /// </summary>
    internal static bool IsAddressLabel(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= 4 && !text.TrimEnd().EndsWith('.') && Array.Exists(words, IsAddress);
    }

    [GeneratedRegex(@"^[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.\p{L}{2,}$")]
    private static partial Regex WholeEmail();

    private static bool IsAddress(string word) => WholeEmail().IsMatch(word.Trim('<', '>', '(', ')', '[', ']', ',', ';', ':', '*', '∗'));

    /// <summary>
    /// Splits a contact line (<see cref="IsAddressLabel"/>) into what goes, the addresses with their labels, and what
    /// stays: the other words. A label is the run of words that ends in a colon right before an address ("Corresponding
    /// author:", "E-mail:") or, in right-to-left text, starts with one right after it. "Oxford University, UK
    /// jane@ox.ac.uk" keeps its affiliation; "Corresponding author: jane@x.org" loses everything.
    /// </summary>
    internal static ContactSplit SplitContact(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var drop = new bool[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            if (!IsAddress(words[i]))
            {
                continue;
            }

            drop[i] = true;
            if (i > 0 && words[i - 1].EndsWith(':'))
            {
                for (var j = i - 1; j >= 0 && !drop[j]; j--)
                {
                    drop[j] = true;
                }
            }

            if (i + 1 < words.Length && words[i + 1].StartsWith(':'))
            {
                for (var j = i + 1; j < words.Length && !IsAddress(words[j]); j++)
                {
                    drop[j] = true;
                }
            }
        }

        return new ContactSplit(string.Join(' ', words.Where((_, i) => drop[i])), string.Join(' ', words.Where((_, i) => !drop[i])));
    }

    /// <summary>A contact line's address with its label, and the words around them that are text.</summary>
    internal readonly record struct ContactSplit(string Contact, string Kept);

    private static bool InZone(TextBlock block, double height) =>
        height > 0 && (block.Bottom >= height * (1 - FurnitureZone) || block.Top <= height * FurnitureZone);

    /// <summary>
    /// Where running furniture can be: a margin row, a block inside the edge zone, or a passage reaching into it (a
    /// disclaimer of several lines at the foot of every page is taller than the zone).
    /// </summary>
    private static bool AtEdge(TextBlock block, double height) =>
        MarkdownComposer.IsMargin(block.Kind) || InZone(block, height)
        || (IsPassage(block) && height > 0 && (block.Top >= height * (1 - FurnitureZone) || block.Bottom <= height * FurnitureZone));

    /// <summary>A line of furniture (running head, folio, stamp) is at most this long; a longer block is a passage.</summary>
    private const int MaxLineChars = 200;

    /// <summary>
    /// A passage: a block longer than a running head. One repeated at the page edge (a legal disclaimer, a
    /// confidentiality notice on every page) is prose that appears nowhere else in the document, unlike a running head
    /// whose words are the title's or the journal's: it keeps its first copy and loses the others. The same rule keeps a
    /// real paragraph that happens to repeat (a quoted abstract, a closing formula of a letter) once rather than never.
    /// </summary>
    private static bool IsPassage(TextBlock block) => block.Text.Length > MaxLineChars && block.Kind != BlockKind.Table;

    private static FurnitureReason? RepeatedPassage(TextBlock block, PageContent page, HashSet<string> passages, HashSet<string> kept)
    {
        if (passages.Count == 0 || !IsPassage(block) || !AtEdge(block, page.Height))
        {
            return null;
        }

        var key = PassageKey(block.Text);
        return passages.Contains(key) && !kept.Add(key) ? FurnitureReason.Repeated : null;
    }

    /// <summary>The running lines of the document, and its passages repeated at the page edge (<see cref="IsPassage"/>).</summary>
    private static (RepeatedLines Lines, HashSet<string> Passages) FindRepeated(IReadOnlyList<PageContent> pages)
    {
        var passageKeys = new HashSet<string>();
        var counts = new Dictionary<string, int>();
        var places = new Dictionary<string, List<(double Top, double Bottom)>>();
        var cheapPages = 0;
        foreach (var page in pages)
        {
            if (page.ReplacementMarkdown is not null)
            {
                continue;
            }

            cheapPages++;
            var seen = new HashSet<string>();
            foreach (var block in page.Blocks)
            {
                var passage = IsPassage(block);
                if ((passage || block.Text.Length <= MaxLineChars) && AtEdge(block, page.Height))
                {
                    var key = passage ? PassageKey(block.Text) : Key(block.Text);
                    if (key.Length > 0 && seen.Add(key))
                    {
                        if (passage)
                        {
                            passageKeys.Add(key);
                        }

                        counts[key] = counts.GetValueOrDefault(key) + 1;
                        if (block.Kind != BlockKind.Table)
                        {
                            (places.TryGetValue(key, out var list) ? list : places[key] = []).Add((block.Top, block.Bottom));
                        }
                    }
                }
            }
        }

        // Repeated on at least three pages, or on every page of a short document; alternating
        // left/right headers appear on half the pages, hence the 40%.
        var needed = Math.Max(Math.Min(3, cheapPages), (int)Math.Ceiling(cheapPages * 0.4));
        var result = new HashSet<string>();
        var passages = new HashSet<string>();
        if (cheapPages < 2)
        {
            return (RepeatedLines.None, passages);
        }

        foreach (var (key, count) in counts)
        {
            if (count >= needed || (count >= MinPagesToRepeat && SamePlace(places.GetValueOrDefault(key)) >= MinPagesToRepeat))
            {
                (passageKeys.Contains(key) ? passages : result).Add(key);
            }
        }

        return (new RepeatedLines(result), passages);
    }

    /// <summary>
    /// The most pages on which a line stands at one place, by its top or by its bottom edge (within 2 pt). A running
    /// head of one chapter, or a left-page footer in a document of sampled pages, repeats on fewer than 40% of the
    /// pages but always at the same place; text that merely repeats does not.
    /// </summary>
    private static int SamePlace(List<(double Top, double Bottom)>? places)
    {
        if (places is null || places.Count < MinPagesToRepeat)
        {
            return 0;
        }

        var best = 0;
        foreach (var (top, bottom) in places)
        {
            int byTop = 0, byBottom = 0;
            foreach (var other in places)
            {
                byTop += Math.Abs(other.Top - top) <= 2 ? 1 : 0;
                byBottom += Math.Abs(other.Bottom - bottom) <= 2 ? 1 : 0;
            }

            best = Math.Max(best, Math.Max(byTop, byBottom));
        }

        return best;
    }

    /// <summary>
    /// A run of digits becomes one '#', so "Page 3 of 10", "Page 4 of 10" and "Page 10 of 10" share a key: a running
    /// footer whose page number gains a digit (9 to 10, 99 to 100) is still the same line.
    /// </summary>
    internal static string Key(string text) => Key(text, foldDigits: true);

    /// <summary>
    /// A passage repeats word for word, digits included: with digits folded, every page's "Section 2 line 1 …" would
    /// pass for page 1's "Section 1 line 1 …".
    /// </summary>
    private static string PassageKey(string text) => Key(text, foldDigits: false);

    private static string Key(string text, bool foldDigits)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            if (!foldDigits || !char.IsDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (sb.Length == 0 || sb[^1] != '#')
            {
                sb.Append('#');
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"\barXiv:\s*\d{4}\.\d{4,5}|©|\(c\)\s*(?:19|20)\d\d|\bcopyright\b|all rights reserved|\blicen[cs]ed?\b|creative commons|\bCC[- ]BY\b|^\s*(?:in\s+)?proceedings of\b|^\s*proc\.\s|downloaded from\b|download date\b|^\s*published (?:online|by)\b|^\s*(?:doi:?\s*10\.|https?://(?:dx\.)?doi\.org/)", RegexOptions.IgnoreCase)]
    private static partial Regex Stamp();

    [GeneratedRegex(@"^\s*(?:page\s+)?(?:\d{1,5}|(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))(?:\s*(?:/|of)\s*\d{1,5})?\s*$|^\s*[-–—]\s*\d{1,5}\s*[-–—]\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();
}
