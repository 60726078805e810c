using AngleSharp.Dom;
using AngleSharp.Html.Construction;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// Tree walks and edits that stay linear in the number of children. AngleSharp finds an element's next or previous
/// sibling, and a child to remove, by scanning its parent's child list, so walking or emptying a parent of n children
/// one sibling at a time costs n² (2 million siblings: hours). Children are read by index here, and many removals or
/// replacements under one parent rebuild its child list once.
/// </summary>
internal static class DomEdits
{
    /// <summary>Under this many edits to one parent, each edit goes through the DOM's own methods.</summary>
    private const int BulkFrom = 16;

    /// <summary>The element children of <paramref name="node"/> in document order, by index.</summary>
    /// <remarks>
    /// Elements are told by AngleSharp's <see cref="Element"/> class, which every element of its DOM derives from: a
    /// test for the <see cref="IElement"/> interface searches the node's dozen interfaces, and this walk is the most
    /// frequent in extraction.
    /// </remarks>
    public static IEnumerable<IElement> ElementChildren(INode node, ExtractionBudget budget)
    {
        var children = node.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            budget.Tick();
            if (children[i] is Element e)
            {
                yield return e;
            }
        }
    }

    /// <summary>The element children of <paramref name="node"/> from last to first, by index.</summary>
    public static IEnumerable<IElement> ElementChildrenReversed(INode node, ExtractionBudget budget)
    {
        var children = node.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            budget.Tick();
            if (children[i] is Element e)
            {
                yield return e;
            }
        }
    }

    /// <summary>Removes the elements below <paramref name="root"/> that <paramref name="drop"/> picks (not looking inside them); returns how many.</summary>
    public static int RemoveWhere(IElement root, Func<IElement, bool> drop, ExtractionBudget budget)
    {
        var remove = new List<IElement>();
        var stack = new Stack<IElement>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            budget.Tick();
            var e = stack.Pop();
            if (e != root && drop(e))
            {
                remove.Add(e);
                continue;
            }

            foreach (var c in ElementChildren(e, budget))
            {
                stack.Push(c);
            }
        }

        Remove(remove, budget);
        return remove.Count;
    }

    /// <summary>Removes the elements (none inside another), grouping them by parent.</summary>
    public static void Remove(IReadOnlyList<IElement> elements, ExtractionBudget budget)
    {
        var edits = new Edits();
        foreach (var e in elements)
        {
            edits.Replace(e, null);
        }

        edits.Apply(budget);
    }

    /// <summary>Replaces <paramref name="e"/> by its children, in place (a link read as text, a date stamp made plain).</summary>
    public static void Unwrap(IElement e, ExtractionBudget budget)
    {
        if (e.Parent is not { } parent)
        {
            return;
        }

        while (e.FirstChild is { } c)
        {
            budget.Tick();
            parent.InsertBefore(c, e);
        }

        e.Remove();
    }

    /// <summary>Adds <paramref name="e"/> and its ancestors to <paramref name="set"/>, stopping where an earlier climb did.</summary>
    public static void MarkAncestors(IElement e, HashSet<IElement> set, ExtractionBudget budget)
    {
        for (var a = e; a is not null && set.Add(a); a = a.ParentElement)
        {
            budget.Tick();
        }
    }

    /// <summary>True when <paramref name="e"/> or one of its ancestors is in <paramref name="set"/>.</summary>
    public static bool HasAncestorIn(IElement? e, HashSet<IElement> set, ExtractionBudget budget)
    {
        for (var a = e; a is not null; a = a.ParentElement)
        {
            budget.Tick();
            if (set.Contains(a))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Removals and replacements collected and then applied per parent; the first edit of a node wins.</summary>
    public sealed class Edits
    {
        private readonly Dictionary<INode, INode?> _edits = new(ReferenceEqualityComparer.Instance);
        private readonly List<INode> _order = [];

        public bool Contains(INode node) => _edits.ContainsKey(node);

        /// <summary>Replaces <paramref name="node"/> by <paramref name="replacement"/>, or removes it when that is null.</summary>
        public void Replace(INode node, INode? replacement)
        {
            if (_edits.TryAdd(node, replacement))
            {
                _order.Add(node);
            }
        }

        public void Apply(ExtractionBudget budget)
        {
            var byParent = new Dictionary<INode, int>(ReferenceEqualityComparer.Instance);
            foreach (var node in _order)
            {
                if (node.Parent is { } p)
                {
                    byParent[p] = byParent.GetValueOrDefault(p) + 1;
                }
            }

            var rebuilt = new HashSet<INode>(ReferenceEqualityComparer.Instance);
            foreach (var node in _order)
            {
                budget.Tick();
                if (node.Parent is not { } parent)
                {
                    continue;
                }

                if (byParent[parent] < BulkFrom)
                {
                    if (_edits[node] is { } replacement)
                    {
                        ((IChildNode)node).Replace(replacement);
                    }
                    else
                    {
                        ((IChildNode)node).Remove();
                    }
                }
                else if (rebuilt.Add(parent))
                {
                    Rebuild(parent, budget);
                }
            }

            _edits.Clear();
            _order.Clear();
        }

        /// <summary>Writes the parent's child list once, with every edit under it applied.</summary>
        private void Rebuild(INode parent, ExtractionBudget budget)
        {
            var construct = (IConstructableNode)parent;
            var children = parent.ChildNodes;
            var kept = new List<IConstructableNode>(children.Length);
            for (var i = 0; i < children.Length; i++)
            {
                budget.Tick();
                var child = children[i];
                if (!_edits.TryGetValue(child, out var replacement))
                {
                    kept.Add((IConstructableNode)child);
                    continue;
                }

                ((IConstructableNode)child).Parent = null;
                if (replacement is not null)
                {
                    kept.Add((IConstructableNode)replacement);
                }
            }

            construct.ChildNodes.Clear();
            foreach (var child in kept)
            {
                construct.AddNode(child);
            }
        }
    }
}
