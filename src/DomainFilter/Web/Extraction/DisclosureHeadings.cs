using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// A button that opens a panel of text is that panel's heading, not a control: an FAQ's accordion puts each question
/// in one ("Is it safe?"), a page of features or services each section's title ("Batch data processing"), and the
/// annotations keep those with their text. Buttons are otherwise never text (a menu toggle, "Add to cart", "Load
/// more", a close cross), so the cleaner drops them. A button is a disclosure's heading when its text is one short
/// question of a few words, or a title of two words or more on a button that declares it opens something
/// (<c>aria-expanded</c>), and its panel is there beside it: the next block after the button (or after its wrapper,
/// when the button ends it) holds text and no button of its own. Questions whose answers a script loads on click are
/// a list of questions only, and are left out as before. Told by the text and the structure, with no word list.
/// The button still goes when the page is cleaned; its text is written on its panel (an attribute, which scoring
/// never reads, so the choice of the content is not changed by it), and the renderer puts it before the panel
/// wherever the panel is rendered. A panel left out of the content (a menu, an FAQ beside it) takes its heading with it.
/// </summary>
internal static class DisclosureHeadings
{
    /// <summary>A question holds at least this many words ("Is it safe?" is three)...</summary>
    private const int MinWords = 3;

    /// <summary>...and at most this many characters: a heading, not a paragraph set in a button.</summary>
    private const int MaxChars = 200;

    /// <summary>A title on a button that declares a panel holds at least this many words ("Menu", "More" are one)...</summary>
    private const int MinTitleWords = 2;

    /// <summary>...and at most this many characters.</summary>
    private const int MaxTitleChars = 100;

    /// <summary>The panel beside the button holds at least this many characters of text.</summary>
    private const int MinAnswerChars = 20;

    /// <summary>The attribute that carries a removed button's question or title on its panel, for the renderer.</summary>
    public const string Mark = "data-curate-question";

    /// <summary>
    /// When <paramref name="button"/>'s text is one short question, or a short title on a button that declares a
    /// panel, and the panel follows it, writes the text on the panel (<see cref="Mark"/>). The button itself goes with
    /// the other controls.
    /// </summary>
    public static void Carry(IElement button)
    {
        var text = PlainText.Collapse(button.TextContent);
        var asks = text.Length is > 0 and <= MaxChars && text[^1] == '?' && PlainText.WordCount(text) >= MinWords;
        var discloses = text.Length is > 0 and <= MaxTitleChars && button.HasAttribute("aria-expanded") && PlainText.WordCount(text) >= MinTitleWords;
        if (!asks && !discloses)
        {
            return;
        }

        var answer = button.NextElementSibling ?? button.ParentElement?.NextElementSibling;
        if (answer is not null && answer.LocalName != "button" && !answer.HasAttribute(Mark)
            && answer.TextContent.Trim().Length >= MinAnswerChars && answer.QuerySelector("button") is null)
        {
            answer.SetAttribute(Mark, text);
        }
    }
}
