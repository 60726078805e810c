using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// On a page that declares itself a discussion, each post's date is part of the thread: who wrote what when is how a
/// thread reads (WCXB's forum annotation keeps every post's author and date). A <c>time</c> element is otherwise
/// dropped as an article's dateline, and with it gone the post header left behind (the author's name, a link) reads
/// as a link-only block and goes too. Here the declared thread's short <c>time</c> elements become their text before
/// cleaning, so the header is judged with its date.
/// </summary>
internal static class ThreadPostDates
{
    /// <summary>A post date is a few words; a longer time element is something else (a schedule, an event's details).</summary>
    private const int MaxDateChars = 40;

    /// <summary>Replaces the short <c>time</c> elements under <paramref name="body"/> with their children; returns how many.</summary>
    public static int Keep(IElement body, ExtractionBudget budget)
    {
        var times = new List<IElement>();
        foreach (var t in body.GetElementsByTagName("time"))
        {
            budget.Tick();
            if (PlainText.Count(t.TextContent).Chars is > 0 and <= MaxDateChars)
            {
                times.Add(t);
            }
        }

        foreach (var t in times)
        {
            DomEdits.Unwrap(t, budget);
        }

        return times.Count;
    }
}
