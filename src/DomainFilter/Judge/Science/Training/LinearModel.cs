namespace SciCurate.DomainFilter.Judge.Science.Training;

/// <summary>A logistic regression over hashed features: weights per bucket and a bias.</summary>
public sealed record LinearModel(float[] Weights, float Bias)
{
    public double Logit(SparseFeatures x)
    {
        var z = (double)Bias;
        for (var j = 0; j < x.Count; j++)
        {
            z += Weights[x.Indices[j]] * (double)x.Values[j];
        }

        return z;
    }
}

/// <summary>One training page: features, whether it is science, and its weight in the loss.</summary>
public sealed record TrainingExample(SparseFeatures Features, bool Science, double Weight = 1);
