using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// The poster's statistics that a forum prints beside every post ("Joined: Feb 2024", "Messages: 7", "Registered:",
/// "Posts: 98", a rank): a definition list of short entries, one copy in each post of a repeated post template. They
/// are the forum's record of its member, not what anybody wrote, and a thread of twenty posts says them twenty times.
/// Recognised by structure alone: a <c>dl</c> whose entries are all a few words, sitting in a container that also
/// holds a post's worth of other text, where at least <see cref="MinPosts"/> such containers share one tag and class
/// (the post template). A product's specification list is one list in one container, and a reference page's
/// parameter lists sit inside its own definition lists, which the climb to the post does not cross.
/// </summary>
internal static class PostUserCards
{
    /// <summary>Every term and description of a user card is at most this many characters ("Reaction score", "Feb 14, 2024").</summary>
    private const int MaxEntryChars = 40;

    /// <summary>The post around a card holds at least this much text outside links besides the card.</summary>
    private const int MinPostChars = 100;

    /// <summary>A post template is repeated at least this many times (a thread, not one author box).</summary>
    private const int MinPosts = 3;

    /// <summary>The post is at most this many levels above its card.</summary>
    private const int MaxClimb = 6;

    /// <summary>Removes the user cards of a thread's repeated posts; returns how many lists went.</summary>
    public static int Remove(ElementStats stats, ExtractionBudget budget)
    {
        Dictionary<(string Tag, string Class), (HashSet<IElement> Posts, List<IElement> Cards)>? templates = null;
        foreach (var (e, s) in stats)
        {
            budget.Tick();
            if (e.LocalName != "dl" || s.Chars == 0 || !ShortEntries(e, stats, budget) || PostOf(e, s, stats, budget) is not { } post)
            {
                continue;
            }

            templates ??= [];
            var key = (post.LocalName, post.GetAttribute("class") ?? "");
            if (!templates.TryGetValue(key, out var t))
            {
                t = (new HashSet<IElement>(ReferenceEqualityComparer.Instance), []);
                templates[key] = t;
            }

            t.Posts.Add(post);
            t.Cards.Add(e);
        }

        if (templates is null)
        {
            return 0;
        }

        var remove = new List<IElement>();
        foreach (var (_, t) in templates)
        {
            if (t.Posts.Count >= MinPosts)
            {
                remove.AddRange(t.Cards);
            }
        }

        // Cards are never inside one another, as DomEdits.Remove requires: a card's entries are at most
        // MaxEntryChars long, and the climb from a list to its post (PostOf) gives up at a definition list.
        DomEdits.Remove(remove, budget);
        return remove.Count;
    }

    /// <summary>True when the list's entries are all terms and descriptions of a few words (grouped in divs or not).</summary>
    private static bool ShortEntries(IElement dl, ElementStats stats, ExtractionBudget budget)
    {
        int terms = 0, descriptions = 0;
        foreach (var c in DomEdits.ElementChildren(dl, budget))
        {
            if (c.LocalName == "div")
            {
                foreach (var g in DomEdits.ElementChildren(c, budget))
                {
                    if (!Entry(g, stats, ref terms, ref descriptions))
                    {
                        return false;
                    }
                }
            }
            else if (!Entry(c, stats, ref terms, ref descriptions))
            {
                return false;
            }
        }

        return terms > 0 && descriptions > 0;
    }

    private static bool Entry(IElement e, ElementStats stats, ref int terms, ref int descriptions)
    {
        if (e.LocalName is not ("dt" or "dd") || !stats.TryGetValue(e, out var s) || s.Chars > MaxEntryChars || s.Paragraphs > 0)
        {
            return false;
        }

        if (e.LocalName == "dt")
        {
            terms++;
        }
        else
        {
            descriptions++;
        }

        return true;
    }

    /// <summary>The nearest ancestor holding a post's worth of text besides the card; null past a definition list or the climb's limit.</summary>
    private static IElement? PostOf(IElement card, ElementStat cs, ElementStats stats, ExtractionBudget budget)
    {
        var level = 0;
        for (var a = card.ParentElement; a is not null && level < MaxClimb; a = a.ParentElement, level++)
        {
            budget.Tick();
            if (a.LocalName is "dl" or "dd" or "dt" or "body" || !stats.TryGetValue(a, out var s))
            {
                return null;
            }

            if ((s.Chars - s.LinkChars) - (cs.Chars - cs.LinkChars) >= MinPostChars)
            {
                return a;
            }
        }

        return null;
    }
}
