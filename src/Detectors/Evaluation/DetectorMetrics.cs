namespace SciCurate.Detectors.Evaluation;

/// <summary>Binary-classification metrics at one threshold, plus the threshold-free ROC AUC.</summary>
public sealed record DetectorMetrics(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives, double RocAuc, double Threshold)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>Share of easy pages flagged hard.</summary>
    public double FalsePositiveRate => FalsePositives + TrueNegatives == 0 ? 0 : (double)FalsePositives / (FalsePositives + TrueNegatives);

    public static DetectorMetrics Compute(IReadOnlyList<(float Score, bool Hard)> scored, double threshold) =>
        Compute(scored.Select(s => ((double)s.Score, s.Score >= threshold, s.Hard)).ToList(), threshold);

    /// <summary>From scores, decisions (which may include rules beyond the threshold) and truth.</summary>
    public static DetectorMetrics Compute(IReadOnlyList<(double Score, bool Flagged, bool Hard)> scored, double threshold)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        foreach (var (_, flagged, hard) in scored)
        {
            if (flagged && hard)
            {
                tp++;
            }
            else if (flagged)
            {
                fp++;
            }
            else if (hard)
            {
                fn++;
            }
            else
            {
                tn++;
            }
        }

        return new DetectorMetrics(tp, fp, tn, fn, AreaUnderRoc(scored.Select(s => (s.Score, s.Hard)).ToList()), threshold);
    }

    /// <summary>Mann–Whitney form: the chance a random hard page outscores a random easy one (ties count half).</summary>
    public static double AreaUnderRoc(IReadOnlyList<(double Score, bool Hard)> scored)
    {
        var sorted = scored.OrderBy(s => s.Score).ToList();
        double rankSumHard = 0;
        var i = 0;
        while (i < sorted.Count)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1].Score == sorted[i].Score)
            {
                j++;
            }

            var rank = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++)
            {
                if (sorted[k].Hard)
                {
                    rankSumHard += rank;
                }
            }

            i = j + 1;
        }

        double pos = scored.Count(s => s.Hard);
        double neg = scored.Count - pos;
        if (pos == 0 || neg == 0)
        {
            return double.NaN;
        }

        return (rankSumHard - pos * (pos + 1) / 2) / (pos * neg);
    }
}
