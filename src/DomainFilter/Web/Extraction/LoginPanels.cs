using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// A log-in or sign-up panel the page opens on demand: the box a button controls (its <c>aria-controls</c> or
/// <c>popovertarget</c> names the box's id) that holds a password field. Such a dialog is written out in full even on
/// pages that show it only after a click; on a short page (a video with a two-line description) its headings, labels
/// and error messages outweigh the page's own text, and it is taken as the content. The writing-form rule
/// (<see cref="TagAndNameCleaner"/>) keeps a form that holds a quarter of the page; this rule has no such share, since the
/// box is known by what it is, not by its size. The outermost controlled box holding the password field goes (the whole
/// dialog, not only the panel of one of its steps), unless it holds an <c>h1</c> (a page wrapper an off-canvas menu
/// button controls). Runs before cleaning, which drops the fields.
/// </summary>
internal static class LoginPanels
{
    /// <summary>Removes each controlled box that holds a password field; returns how many went.</summary>
    public static int Remove(IElement body, ExtractionBudget budget)
    {
        HashSet<string>? controlled = null;
        List<IElement>? passwords = null;
        foreach (var e in body.QuerySelectorAll("*"))
        {
            budget.Tick();
            if ((e.GetAttribute("aria-controls") ?? e.GetAttribute("popovertarget")) is { Length: > 0 and < 1000 } ids)
            {
                controlled ??= new HashSet<string>(StringComparer.Ordinal);
                foreach (var id in ids.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    controlled.Add(id);
                }
            }

            if (e.LocalName == "input" && string.Equals(e.GetAttribute("type"), "password", StringComparison.OrdinalIgnoreCase))
            {
                (passwords ??= []).Add(e);
            }
        }

        if (controlled is null || passwords is null)
        {
            return 0;
        }

        var remove = new List<IElement>();
        foreach (var field in passwords)
        {
            IElement? box = null;
            for (var a = field.ParentElement; a is not null && a != body; a = a.ParentElement)
            {
                budget.Tick();
                if (a.Id is { Length: > 0 } id && controlled.Contains(id))
                {
                    box = a;
                }
            }

            if (box is not null && !remove.Any(r => r.Contains(box)) && box.QuerySelector("h1") is null)
            {
                remove.RemoveAll(r => box.Contains(r));
                remove.Add(box);
            }
        }

        DomEdits.Remove(remove, budget);
        return remove.Count;
    }
}
