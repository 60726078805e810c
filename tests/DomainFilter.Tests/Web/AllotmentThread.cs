namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>The opening post of a hand-written allotment-forum thread, shared by the thread tests.</summary>
internal static class AllotmentThread
{
    /// <summary>The opening post's four paragraphs, each a long sentence.</summary>
    public static readonly string[] Opening =
    [
        "The allotment committee has asked every plot holder to cut water use this summer, since the mains supply to the site is metered, shared, and now far more expensive than it was.",
        "I have two butts on the shed already, but they turn green within a week, smell by the second, and the courgettes, beans and squash are then watered with something close to pond water.",
        "Before I buy a third butt, I would like to know what others do: lids, shade, tablets, barley straw, or simply emptying them more often, and whether any of it has really worked for you.",
        "My plot is on the south side, in full sun from nine in the morning, with no trees nearby, so the butts get hot, and the water in them is warm to the touch by the afternoon.",
    ];
}
