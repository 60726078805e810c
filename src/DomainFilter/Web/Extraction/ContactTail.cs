using System.Text.RegularExpressions;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// The contact box at the end of an article or press release: a run of short lines that ends the content and holds
/// an e-mail address or a telephone number ("Pressekontakt / Pressesprecher Markus Ulrich / Almstadtstraße 7,
/// 10119 Berlin / Tel.: (030) 78 95 47 78, E-Mail: presse@lsvd.de", with labels such as "Kontakt:" above). Lines
/// that end a sentence stop the run: they are still the article. Only after an article's prose, so a contact page,
/// whose content the address is, keeps it.
/// </summary>
internal static partial class ContactTail
{
    /// <summary>A line of a contact box is at most this long...</summary>
    private const int MaxLineChars = 200;

    /// <summary>...and the content before the run must hold this many times the run's text.</summary>
    private const int MinProseOverRun = 3;

    [GeneratedRegex(@"[\w.+-]+@[\w-]+\.[\w.-]*[a-z]|(?<![\p{L}])(tel|telefon|phone|fax|fon|mobil|mobile)\.?\s*:?\s*[+(0-9]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ContactMark();

    /// <summary>The blocks without a trailing run of short lines that holds contact details.</summary>
    public static List<ContentBlock> Drop(List<ContentBlock> blocks)
    {
        var start = blocks.Count;
        int runChars = 0;
        var contact = false;
        while (start > 0)
        {
            var b = blocks[start - 1];
            if (b.Kind is "code" or "math" or "table" || b.Chars > MaxLineChars)
            {
                break;
            }

            var mark = ContactMark().IsMatch(b.Text);
            if (PlainText.EndsSentence(b.Text) && !mark)
            {
                break;
            }

            contact |= mark;
            runChars += b.Chars;
            start--;
        }

        if (!contact || start == blocks.Count)
        {
            return blocks;
        }

        var before = 0;
        for (var i = 0; i < start; i++)
        {
            before += blocks[i].Chars;
        }

        if (before < runChars * MinProseOverRun)
        {
            return blocks;
        }

        blocks.RemoveRange(start, blocks.Count - start);
        return blocks;
    }
}
