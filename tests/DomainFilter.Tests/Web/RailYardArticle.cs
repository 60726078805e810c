namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>A hand-written local news article of ten one-sentence paragraphs, shared by the article-end tests.</summary>
internal static class RailYardArticle
{
    /// <summary>The article's paragraphs, in order.</summary>
    public static readonly string[] Body =
    [
        "The council voted on Tuesday, seven to two, for the plan, which the mayor had put forward, in its first form, in 2015, after years of talks.",
        "Work on the first phase, which includes a playground, a pond and a community garden, is expected to begin next spring, weather allowing.",
        "Residents who opposed the plan said the land, close to the station, should have been used for housing, given the shortage in the town.",
        "The park will open in stages, the first in two years, and the last, with a new bridge over the river, in 2030 or so, the council said.",
        "Money for the bridge is not yet found: the council hopes for a grant from the region, which decides on such grants in the autumn.",
        "The old signal box, which is listed, will become a café and a small museum of the railway, run by volunteers from the local society.",
        "A second meeting, open to the public, will be held at the town hall next month, when the drawings will be shown for the first time.",
        "The council expects the whole project to cost about twelve million, most of it for cleaning the soil of the former rail yard.",
        "Trees from the old yard, mostly birches that grew there after the trains stopped, will be kept where they stand, the planners promised.",
        "The station's owners, who sold the land to the town last year, have said they will add a footpath from the platforms to the new park.",
    ];

    /// <summary>The paragraphs as <c>p</c> elements.</summary>
    public static string Paragraphs => string.Concat(Body.Select(p => $"<p>{p}</p>"));
}
