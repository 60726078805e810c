using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// A thread's replies kept with its first post. Forum software (Vanilla, phpBB themes, blog-style boards) puts the
/// opening post in one container and the replies in a comment-named list beside it; when the opening post is long,
/// density scoring chooses it alone and the replies, a few levels away, are neither its siblings nor inside it.
/// On a thread (comment-named posts holding most of the page's own text) the content is widened to the smallest
/// ancestor holding the chosen post and the comment-named blocks outside it, when what that adds besides the
/// replies is little and mostly not links. (Treating every page that declares a DiscussionForumPosting as a thread
/// too was tried: WCXB looked-at forum pages went up, held-out ones down.)
/// </summary>
internal static class ThreadReplies
{
    /// <summary>A comment-named block counts as a reply with at least this much text outside links.</summary>
    private const int MinReplyChars = 80;

    /// <summary>The replies outside the chosen content must hold at least this much text outside links together.</summary>
    private const int MinRepliesChars = 200;

    /// <summary>Besides the replies, the wider container may add at most this share of their text...</summary>
    private const double MaxOtherShare = 0.5;

    /// <summary>...and of that, at most this share links.</summary>
    private const double MaxOtherLinkDensity = 0.5;

    /// <summary>The ancestor holding the chosen content and the thread's replies outside it, or null.</summary>
    public static IElement? Extend(IElement body, List<IElement> selected, ElementStats stats, int maxAttributeChars, ExtractionBudget budget)
    {
        if (selected.Count == 0 || (selected is [var only] && only == body))
        {
            return null;
        }

        var chosen = new HashSet<IElement>(selected, ReferenceEqualityComparer.Instance);
        var above = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
        foreach (var s in selected)
        {
            if (s.ParentElement is { } parent)
            {
                DomEdits.MarkAncestors(parent, above, budget);
            }
        }

        var replies = new List<IElement>();
        int replyChars = 0, replyAll = 0, replyLinks = 0;
        var stack = new Stack<IElement>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (chosen.Contains(e) || !stats.TryGetValue(e, out var st))
            {
                continue;
            }

            if (!above.Contains(e) && st.Chars - st.LinkChars >= MinReplyChars)
            {
                var names = BoilerplateNames.Of(e, maxAttributeChars);
                if (names.Length > 0 && BoilerplateNames.IsComment(names))
                {
                    replies.Add(e);
                    replyChars += st.Chars - st.LinkChars;
                    replyAll += st.Chars;
                    replyLinks += st.LinkChars;
                    continue;
                }
            }

            foreach (var c in DomEdits.ElementChildren(e, budget))
            {
                stack.Push(c);
            }
        }

        if (replyChars < MinRepliesChars)
        {
            return null;
        }

        // The lowest ancestor of the chosen content that holds every reply: count, per ancestor, the replies below it.
        var holds = new Dictionary<IElement, int>(ReferenceEqualityComparer.Instance);
        foreach (var a in above)
        {
            holds[a] = 0;
        }

        foreach (var r in replies)
        {
            for (var a = r.ParentElement; a is not null; a = a.ParentElement)
            {
                budget.Tick();
                if (holds.TryGetValue(a, out var n))
                {
                    holds[a] = n + 1;
                }
            }
        }

        IElement? wider = null;
        for (var a = selected[0].ParentElement; a is not null; a = a.ParentElement)
        {
            if (holds.TryGetValue(a, out var n) && n == replies.Count)
            {
                wider = a;
                break;
            }
        }

        if (wider is null || !stats.TryGetValue(wider, out var ws))
        {
            return null;
        }

        var (selAll, selLinks) = stats.Total(selected);

        var other = ws.Chars - selAll - replyAll;
        var otherLinks = ws.LinkChars - selLinks - replyLinks;
        return other <= replyChars * MaxOtherShare && otherLinks <= Math.Max(0, other) * MaxOtherLinkDensity ? wider : null;
    }
}
