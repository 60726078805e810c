namespace SciCurate.Detectors;

/// <summary>What the policy needs to know of one page: the detector's verdict and whether the cheap parse has text.</summary>
/// <param name="Score">The detector's score (higher: less trustworthy cheap text).</param>
/// <param name="Flagged">The detector called the page hard (its score reached <see cref="HardPagePolicy.Threshold"/>, or a rule of its own).</param>
/// <param name="NoTextLayer">The detector found no text layer (reason <c>no_text_layer</c>).</param>
/// <param name="CharCount">Characters the cheap parse found.</param>
/// <param name="Failed">The page could not be parsed: it has no text to replace and goes nowhere.</param>
public readonly record struct HardPageCandidate(double Score, bool Flagged, bool NoTextLayer, int CharCount, bool Failed);

/// <summary>
/// Which pages of a document go to the VLM, decided once per document, here: the detector flags pages at
/// <see cref="Threshold"/>; at most <see cref="MaxHardShare"/> of a document's pages are sent (highest scores first);
/// pages without a usable text layer (the detector's no_text_layer, or fewer than <see cref="MinTextChars"/> characters:
/// a scan) are sent whatever the detector said and whatever the share. Built from config section "Detector".
/// </summary>
public sealed record HardPagePolicy(double Threshold = 0.5, double MaxHardShare = 1.0, int MinTextChars = HardPagePolicy.DefaultMinTextChars)
{
    public const int DefaultMinTextChars = 20;

    public static HardPagePolicy From(HardPageDetectorOptions options) => new(options.Threshold, options.MaxHardShare, options.MinTextChars);

    /// <summary>True for each page that goes to the VLM, in the order given.</summary>
    public bool[] Select(IReadOnlyList<HardPageCandidate> pages)
    {
        var hard = new bool[pages.Count];
        var candidates = new List<int>();
        var sent = 0;
        for (var i = 0; i < pages.Count; i++)
        {
            var p = pages[i];
            if (p.Failed)
            {
                continue;
            }

            if (p.CharCount < MinTextChars || (p.Flagged && p.NoTextLayer))
            {
                // Nothing to keep: the share does not apply.
                hard[i] = true;
                sent++;
            }
            else if (p.Flagged)
            {
                candidates.Add(i);
            }
        }

        var budget = (int)Math.Floor(MaxHardShare * pages.Count) - sent;
        foreach (var i in candidates.OrderByDescending(i => pages[i].Score).ThenBy(i => i).Take(Math.Max(0, budget)))
        {
            hard[i] = true;
        }

        return hard;
    }
}
