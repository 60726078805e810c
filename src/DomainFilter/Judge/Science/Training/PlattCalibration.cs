namespace SciCurate.DomainFilter.Judge.Science.Training;

/// <summary>
/// Platt scaling: <c>p = sigmoid(a · logit + b)</c> fitted by Newton's method on out-of-fold logits, with Platt's
/// smoothed targets (<c>(N₊ + 1) / (N₊ + 2)</c> and <c>1 / (N₋ + 2)</c>) so a separable fold does not give infinite slopes.
/// The trainer weights the classes equally; calibration brings the probabilities back to the labelled base rate.
/// </summary>
public static class PlattCalibration
{
    public static (double A, double B) Fit(IReadOnlyList<double> logits, IReadOnlyList<bool> science)
    {
        var positives = science.Count(s => s);
        var negatives = science.Count - positives;
        var hi = (positives + 1.0) / (positives + 2.0);
        var lo = 1.0 / (negatives + 2.0);
        double a = 1, b = 0;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
            for (var i = 0; i < logits.Count; i++)
            {
                var t = science[i] ? hi : lo;
                var p = 1 / (1 + Math.Exp(-((a * logits[i]) + b)));
                var d = p - t;
                var w = p * (1 - p);
                ga += d * logits[i];
                gb += d;
                haa += w * logits[i] * logits[i];
                hab += w * logits[i];
                hbb += w;
            }

            var det = (haa * hbb) - (hab * hab);
            if (Math.Abs(det) < 1e-18)
            {
                break;
            }

            var da = ((hbb * ga) - (hab * gb)) / det;
            var db = ((haa * gb) - (hab * ga)) / det;
            a -= da;
            b -= db;
            if (Math.Abs(da) + Math.Abs(db) < 1e-10)
            {
                break;
            }
        }

        return (a, b);
    }

    public static double Apply(double logit, double a, double b) => 1 / (1 + Math.Exp(-((a * logit) + b)));
}
