using System.Globalization;

namespace Atss;

/// <summary>
/// Turns an assignment into the dense per-prior targets a detection loss consumes: class labels with a background
/// index, classification weights (0 for ignored priors), encoded regression targets and their weights, and the
/// centerness target. One pass over the priors.
/// </summary>
/// <remarks>
/// At a positive prior p assigned to box g: <c>label = gtLabels[g]</c>, <c>regression = coder.Encode(prior p, box g)</c>
/// (with p's level stride; coders that normalise by it need equal x and y strides), <c>centerness = Centerness(cx - x1, cy - y1, x2 - cx, y2 - cy)</c> of the prior centre in box g,
/// weights 1. At a negative: background label, label weight 1, zeros. At an ignored prior: background label, all
/// weights 0. Cost O(N) time; the span overload allocates nothing. Immutable and thread-safe.
/// </remarks>
public sealed class DenseTargetBuilder
{
    /// <summary>Creates a builder.</summary>
    /// <param name="coder">Encodes the regression targets.</param>
    /// <param name="backgroundLabel">Label written at non-positive priors (MMDetection uses the class count, e.g. 80; the ATSS paper's code uses 0 with labels 1..C).</param>
    /// <exception cref="ArgumentNullException"><paramref name="coder"/> is null.</exception>
    public DenseTargetBuilder(BoxCoder coder, int backgroundLabel)
    {
        ThrowHelper.ThrowIfNull(coder, nameof(coder));
        Coder = coder;
        BackgroundLabel = backgroundLabel;
    }

    /// <summary>The regression coder.</summary>
    public BoxCoder Coder { get; }

    /// <summary>The label of non-positive priors.</summary>
    public int BackgroundLabel { get; }

    /// <summary>Builds the targets of one image into new arrays.</summary>
    /// <param name="priors">The priors the assignment was made on.</param>
    /// <param name="gtBoxes">The ground-truth boxes the assignment refers to.</param>
    /// <param name="gtLabels">Class label of each box.</param>
    /// <param name="assignment">The assignment of <paramref name="priors"/>.</param>
    /// <returns>The dense targets.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="priors"/> or <paramref name="assignment"/> is null.</exception>
    /// <exception cref="ArgumentException">The assignment does not have one entry per prior or refers to a box that does not exist, a box or label is invalid, lengths differ, or the coder normalises by stride and <paramref name="priors"/> has no grids or a level with unequal x and y strides.</exception>
    public DenseTargets Build(PriorSet priors, ReadOnlySpan<Box> gtBoxes, ReadOnlySpan<int> gtLabels, AssignmentResult assignment)
    {
        ThrowHelper.ThrowIfNull(priors, nameof(priors));
        ThrowHelper.ThrowIfNull(assignment, nameof(assignment));
        int n = priors.Count;
        if (assignment.AssignedGt.Length != n)
        {
            // A result always has its own prior count: a different one means it was made on other priors.
            ThrowHelper.ThrowArgument(nameof(assignment), $"covers {assignment.AssignedGt.Length} priors; expected one entry per prior ({n}): was it made on these priors?");
        }

        var labels = new int[n];
        var labelWeights = new float[n];
        var regression = new float[n * BoxCoder.Width];
        var regressionWeights = new float[n];
        var centerness = new float[n];
        int positives = Build(priors, gtBoxes, gtLabels, assignment.AssignedGt, labels, labelWeights, regression, regressionWeights, centerness);
        return new DenseTargets(labels, labelWeights, regression, regressionWeights, centerness, positives);
    }

    /// <summary>Builds the targets of one image into caller-provided spans, without allocating.</summary>
    /// <param name="priors">The priors the assignment was made on.</param>
    /// <param name="gtBoxes">The ground-truth boxes the assignment refers to.</param>
    /// <param name="gtLabels">Class label of each box.</param>
    /// <param name="assignedGt">Per prior: box index, <see cref="AssignmentResult.Negative"/> or <see cref="AssignmentResult.Ignored"/>; at least N long (entries after the first N are not read).</param>
    /// <param name="labels">Destination, at least N long.</param>
    /// <param name="labelWeights">Destination, at least N long.</param>
    /// <param name="regressionTargets">Destination, at least 4N long (row-major N x 4).</param>
    /// <param name="regressionWeights">Destination, at least N long.</param>
    /// <param name="centerness">Optional destination, empty or at least N long.</param>
    /// <returns>The number of positive priors.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="priors"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="assignedGt"/> has fewer entries than priors or holds an invalid value, a box or label is invalid, lengths differ, a destination is too short, or the coder normalises by stride and <paramref name="priors"/> has no grids or a level with unequal x and y strides.</exception>
    public int Build(
        PriorSet priors,
        ReadOnlySpan<Box> gtBoxes,
        ReadOnlySpan<int> gtLabels,
        ReadOnlySpan<int> assignedGt,
        Span<int> labels,
        Span<float> labelWeights,
        Span<float> regressionTargets,
        Span<float> regressionWeights,
        Span<float> centerness = default)
    {
        ThrowHelper.ThrowIfNull(priors, nameof(priors));
        int n = priors.Count;
        Validate(priors, gtBoxes, gtLabels, assignedGt, n);
        ThrowHelper.ThrowIfTooShort(labels.Length, n, nameof(labels));
        ThrowHelper.ThrowIfTooShort(labelWeights.Length, n, nameof(labelWeights));
        BoxCoder.ThrowIfRowsTooShort(regressionTargets.Length, n, nameof(regressionTargets));
        ThrowHelper.ThrowIfTooShort(regressionWeights.Length, n, nameof(regressionWeights));
        if (!centerness.IsEmpty)
        {
            ThrowHelper.ThrowIfTooShort(centerness.Length, n, nameof(centerness));
        }

        ReadOnlySpan<Box> boxes = priors.Boxes;
        bool useStrides = Coder.UsesStrides;
        int positives = 0;
        int level = -1;
        int levelEnd = 0;
        float stride = 1f;
        for (int p = 0; p < n; p++)
        {
            while (p >= levelEnd)
            {
                level++;
                levelEnd = priors.StartOf(level) + priors.LevelCounts[level];
                stride = useStrides ? priors.Grids![level].StrideX : 1f;
            }

            int g = assignedGt[p];
            Span<float> row = regressionTargets.Slice(p * BoxCoder.Width, BoxCoder.Width);
            if (g >= 0)
            {
                Box gt = gtBoxes[g];
                labels[p] = gtLabels[g];
                labelWeights[p] = 1f;
                Coder.EncodeCore(boxes[p], gt, stride, row);
                regressionWeights[p] = 1f;
                if (!centerness.IsEmpty)
                {
                    float cx = priors.CenterX[p];
                    float cy = priors.CenterY[p];
                    centerness[p] = Atss.Centerness.Compute(cx - gt.X1, cy - gt.Y1, gt.X2 - cx, gt.Y2 - cy);
                }

                positives++;
                continue;
            }

            labels[p] = BackgroundLabel;
            labelWeights[p] = g == AssignmentResult.Ignored ? 0f : 1f;
            row.Clear();
            regressionWeights[p] = 0f;
            if (!centerness.IsEmpty)
            {
                centerness[p] = 0f;
            }
        }

        return positives;
    }

    private void Validate(PriorSet priors, ReadOnlySpan<Box> gtBoxes, ReadOnlySpan<int> gtLabels, ReadOnlySpan<int> assignedGt, int n)
    {
        if (gtLabels.Length != gtBoxes.Length)
        {
            ThrowHelper.ThrowArgument(nameof(gtLabels), $"has length {gtLabels.Length}; expected one label per box ({gtBoxes.Length}).");
        }

        // At least N, like the assigners' destinations: one buffer sized for the largest image serves every image.
        ThrowHelper.ThrowIfTooShort(assignedGt.Length, n, nameof(assignedGt));
        Validation.ValidateBoxes(gtBoxes, nameof(gtBoxes));
        Validation.ValidateLabels(gtLabels, nameof(gtLabels));
        for (int p = 0; p < n; p++)
        {
            int g = assignedGt[p];
            if (g >= gtBoxes.Length || (g < 0 && g != AssignmentResult.Negative && g != AssignmentResult.Ignored))
            {
                ThrowHelper.ThrowArgument(nameof(assignedGt), string.Create(CultureInfo.InvariantCulture,
                    $"has {g} at prior {p}; expected a box index in [0, {gtBoxes.Length}), {AssignmentResult.Negative} (negative) or {AssignmentResult.Ignored} (ignored)."));
            }

            if (g >= 0)
            {
                // Before anything is written: a pair the coder cannot encode finitely fails the whole call.
                Coder.ValidatePair(priors.Boxes[p], gtBoxes[g], p);
            }
        }

        if (Coder.UsesStrides && priors.SingleStrideProblem() is string problem)
        {
            ThrowHelper.ThrowArgument(nameof(priors), $"{problem} (the coder normalises all four distances by one stride per level).");
        }
    }
}
