namespace SciCurate.DomainFilter.Judge.Science.Training;

/// <summary>Options of <see cref="LogisticRegressionTrainer"/>.</summary>
public sealed record LogisticRegressionOptions
{
    /// <summary>L2 penalty on the weights (not the bias), relative to the mean weighted loss.</summary>
    public double L2 { get; init; } = 1e-4;

    public int MaxIterations { get; init; } = 200;

    /// <summary>Stop when the gradient's norm falls below this.</summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Weight of a science page relative to a non-science page; null: balance the classes (negatives / positives).</summary>
    public double? PositiveWeight { get; init; }
}

/// <summary>
/// L2-regularised logistic regression trained by full-batch L-BFGS (6 stored pairs, backtracking line search).
/// Deterministic: no randomness, one thread, a fixed summation order, so the same pages give the same model. The
/// problem is convex, so the answer does not depend on a seed or a learning rate.
/// </summary>
public static class LogisticRegressionTrainer
{
    private const int Memory = 6;

    public static LinearModel Train(IReadOnlyList<TrainingExample> examples, int buckets, LogisticRegressionOptions options)
    {
        var positives = examples.Where(e => e.Science).Sum(e => e.Weight);
        var negatives = examples.Where(e => !e.Science).Sum(e => e.Weight);
        if (positives <= 0 || negatives <= 0)
        {
            throw new InvalidOperationException($"training needs science and non-science pages (weights: {positives:F1} science, {negatives:F1} not)");
        }

        var positiveWeight = options.PositiveWeight ?? negatives / positives;
        var weights = examples.Select(e => e.Weight * (e.Science ? positiveWeight : 1)).ToArray();
        var total = weights.Sum();
        var n = buckets + 1; // the last coordinate is the bias
        var x = new double[n];
        var g = new double[n];
        var f = Evaluate(examples, weights, total, options.L2, x, g, buckets);
        var s = new List<double[]>();
        var y = new List<double[]>();
        var rho = new List<double>();
        var direction = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var alpha = new double[Memory];
        for (var iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            if (Math.Sqrt(Dot(g, g)) < options.Tolerance)
            {
                break;
            }

            // Two-loop recursion: direction = -H g.
            Array.Copy(g, direction, n);
            for (var k = s.Count - 1; k >= 0; k--)
            {
                alpha[k] = rho[k] * Dot(s[k], direction);
                Axpy(-alpha[k], y[k], direction);
            }

            var gamma = s.Count == 0 ? 1 / Math.Max(1e-12, Math.Sqrt(Dot(g, g))) : Dot(s[^1], y[^1]) / Dot(y[^1], y[^1]);
            Scale(direction, gamma);
            for (var k = 0; k < s.Count; k++)
            {
                var beta = rho[k] * Dot(y[k], direction);
                Axpy(alpha[k] - beta, s[k], direction);
            }

            Scale(direction, -1);
            var slope = Dot(g, direction);
            if (slope >= 0)
            {
                // Not a descent direction (curvature information gone stale): restart from the gradient.
                s.Clear();
                y.Clear();
                rho.Clear();
                Array.Copy(g, direction, n);
                Scale(direction, -1);
                slope = Dot(g, direction);
            }

            var step = 1.0;
            double fNew;
            while (true)
            {
                for (var j = 0; j < n; j++)
                {
                    xNew[j] = x[j] + (step * direction[j]);
                }

                fNew = Evaluate(examples, weights, total, options.L2, xNew, gNew, buckets);
                if (fNew <= f + (1e-4 * step * slope) || step < 1e-10)
                {
                    break;
                }

                step *= 0.5;
            }

            var sk = new double[n];
            var yk = new double[n];
            for (var j = 0; j < n; j++)
            {
                sk[j] = xNew[j] - x[j];
                yk[j] = gNew[j] - g[j];
            }

            var sy = Dot(sk, yk);
            if (sy > 1e-12)
            {
                if (s.Count == Memory)
                {
                    s.RemoveAt(0);
                    y.RemoveAt(0);
                    rho.RemoveAt(0);
                }

                s.Add(sk);
                y.Add(yk);
                rho.Add(1 / sy);
            }

            (x, xNew) = (xNew, x);
            (g, gNew) = (gNew, g);
            var improvement = f - fNew;
            f = fNew;
            if (improvement < 1e-10 * Math.Max(1, Math.Abs(f)))
            {
                break;
            }
        }

        var w = new float[buckets];
        for (var j = 0; j < buckets; j++)
        {
            w[j] = (float)x[j];
        }

        return new LinearModel(w, (float)x[buckets]);
    }

    /// <summary>Mean weighted log loss plus the L2 penalty, and its gradient into <paramref name="grad"/>.</summary>
    private static double Evaluate(IReadOnlyList<TrainingExample> examples, double[] weights, double total, double l2, double[] x, double[] grad, int buckets)
    {
        var loss = 0.0;
        Array.Clear(grad);
        var bias = x[buckets];
        for (var i = 0; i < examples.Count; i++)
        {
            var features = examples[i].Features;
            var z = bias;
            for (var j = 0; j < features.Count; j++)
            {
                z += x[features.Indices[j]] * features.Values[j];
            }

            var label = examples[i].Science ? 1.0 : 0.0;
            // log(1 + e^z) - y z, computed without overflow.
            loss += weights[i] * ((z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - (label * z));
            var p = 1 / (1 + Math.Exp(-z));
            var r = weights[i] * (p - label) / total;
            for (var j = 0; j < features.Count; j++)
            {
                grad[features.Indices[j]] += r * features.Values[j];
            }

            grad[buckets] += r;
        }

        loss /= total;
        var penalty = 0.0;
        for (var j = 0; j < buckets; j++)
        {
            penalty += x[j] * x[j];
            grad[j] += l2 * x[j];
        }

        return loss + (0.5 * l2 * penalty);
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    private static void Scale(double[] x, double a)
    {
        for (var i = 0; i < x.Length; i++)
        {
            x[i] *= a;
        }
    }
}
