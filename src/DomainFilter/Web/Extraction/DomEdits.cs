using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>Tree edits shared by the cleaning and scoring stages.</summary>
internal static class DomEdits
{
    /// <summary>Removes the elements below <paramref name="root"/> that <paramref name="drop"/> picks (not looking inside them); returns how many.</summary>
    public static int RemoveWhere(IElement root, Func<IElement, bool> drop, CancellationToken ct)
    {
        var remove = new List<IElement>();
        var stack = new Stack<IElement>();
        stack.Push(root);
        var seen = 0;
        while (stack.Count > 0)
        {
            if (++seen % 4096 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var e = stack.Pop();
            if (e != root && drop(e))
            {
                remove.Add(e);
                continue;
            }

            for (var c = e.FirstElementChild; c is not null; c = c.NextElementSibling)
            {
                stack.Push(c);
            }
        }

        foreach (var e in remove)
        {
            e.Remove();
        }

        return remove.Count;
    }
}
