using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// A button that asks a question is the heading of a disclosure (an FAQ's accordion, a "show the answer" toggle), not
/// a control: its answer sits in the panel it opens, and the question belongs with it. Buttons are otherwise never
/// text (a menu toggle, "Add to cart", "Load more", a close cross), so the cleaner drops them; a button whose text is
/// one short question of a few words is kept as text instead, when its answer is there beside it: the next block
/// after the button (or after its wrapper, when the button ends it) holds text and no button of its own. Questions
/// whose answers a script loads on click are a list of questions only, and are left out as before. Told by the text
/// and the structure, with no word list: a control names an action and does not ask.
/// The button still goes when the page is cleaned; its question is written on its answer (an attribute, which scoring
/// never reads, so the choice of the content is not changed by it), and the renderer puts it before the answer
/// wherever the answer is rendered. An FAQ left out of the content takes its questions with it.
/// </summary>
internal static class DisclosureQuestions
{
    /// <summary>A question holds at least this many words ("Is it safe?" is three)...</summary>
    private const int MinWords = 3;

    /// <summary>...and at most this many characters: a heading, not a paragraph set in a button.</summary>
    private const int MaxChars = 200;

    /// <summary>The answer beside the question holds at least this many characters of text.</summary>
    private const int MinAnswerChars = 20;

    /// <summary>The attribute that carries a removed button's question on its answer, for the renderer.</summary>
    public const string Mark = "data-curate-question";

    /// <summary>
    /// When <paramref name="button"/>'s text is one short question and its answer follows it, writes the question on
    /// the answer (<see cref="Mark"/>). The button itself goes with the other controls.
    /// </summary>
    public static void Carry(IElement button)
    {
        var text = PlainText.Collapse(button.TextContent);
        if (text.Length is 0 or > MaxChars || text[^1] != '?' || PlainText.WordCount(text) < MinWords)
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
