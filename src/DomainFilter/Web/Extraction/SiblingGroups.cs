using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// The children of one parent that share a tag and a class: a template's copies side by side (cards, teasers, items).
/// Shared by <see cref="CardRuns"/> and <see cref="TeaserRuns"/>, which judge such runs by different tests.
/// </summary>
internal static class SiblingGroups
{
    /// <summary>
    /// For every element under <paramref name="root"/> (and root itself), parents taken depth-first, its children
    /// grouped by tag and class, each group in document order and the groups in the order their first member comes.
    /// Children without text are neither grouped nor entered; one is grouped only when <paramref name="member"/> says so.
    /// </summary>
    public static IEnumerable<List<IElement>> Under(IElement root, ElementStats stats, Func<IElement, ElementStat, bool> member, ExtractionBudget budget)
    {
        var stack = new Stack<IElement>();
        stack.Push(root);
        var groups = new Dictionary<(string, string), List<IElement>>();
        while (stack.Count > 0)
        {
            var parent = stack.Pop();
            groups.Clear();
            foreach (var e in DomEdits.ElementChildren(parent, budget))
            {
                if (!stats.TryGetValue(e, out var s) || s.Chars == 0)
                {
                    continue;
                }

                stack.Push(e);
                if (!member(e, s))
                {
                    continue;
                }

                var key = (e.LocalName, e.GetAttribute("class") ?? "");
                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = [];
                }

                group.Add(e);
            }

            foreach (var group in groups.Values)
            {
                yield return group;
            }
        }
    }
}
