namespace Atss;

/// <summary>Dense per-prior training targets of one image, as built by <see cref="DenseTargetBuilder"/>.</summary>
public sealed class DenseTargets
{
    internal DenseTargets(int[] labels, float[] labelWeights, float[] regressionTargets, float[] regressionWeights, float[] centerness, int positiveCount)
    {
        Labels = labels;
        LabelWeights = labelWeights;
        RegressionTargets = regressionTargets;
        RegressionWeights = regressionWeights;
        Centerness = centerness;
        PositiveCount = positiveCount;
    }

    /// <summary>Per prior: the class label at positives, <see cref="DenseTargetBuilder.BackgroundLabel"/> elsewhere.</summary>
    public int[] Labels { get; }

    /// <summary>Per prior: 0 at ignored priors, 1 elsewhere (the classification-loss weight).</summary>
    public float[] LabelWeights { get; }

    /// <summary>Four values per prior (row-major N x 4): the encoded box at positives, 0 elsewhere.</summary>
    public float[] RegressionTargets { get; }

    /// <summary>Per prior: 1 at positives, 0 elsewhere (applies to all four regression values).</summary>
    public float[] RegressionWeights { get; }

    /// <summary>Per prior: the centerness of the prior centre in its box at positives, 0 elsewhere.</summary>
    public float[] Centerness { get; }

    /// <summary>Number of positive priors.</summary>
    public int PositiveCount { get; }
}
