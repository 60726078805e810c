namespace SciCurate.DomainFilter.Judge.Science;

/// <summary>A domain's science evidence: the mean probability over its sampled pages that have text.</summary>
public sealed record DomainScience(double? Probability, int Voting, int Silent, int StrongestIndex)
{
    /// <summary>
    /// Aggregates the sampled pages' calibrated probabilities. A page without text says nothing about the site
    /// (an index page whose extraction came back empty), so it does not vote: it is not counted as 0. The mean of
    /// probabilities is the expected share of science pages among the sampled pages that have text; null when no
    /// page has text.
    /// </summary>
    public static DomainScience Of(IReadOnlyList<PageScience> pages)
    {
        var sum = 0.0;
        var voting = 0;
        var strongest = -1;
        for (var i = 0; i < pages.Count; i++)
        {
            if (!pages[i].HasText)
            {
                continue;
            }

            voting++;
            sum += pages[i].Probability;
            if (strongest < 0 || pages[i].Probability > pages[strongest].Probability)
            {
                strongest = i;
            }
        }

        return new DomainScience(voting == 0 ? null : sum / voting, voting, pages.Count - voting, strongest);
    }
}
