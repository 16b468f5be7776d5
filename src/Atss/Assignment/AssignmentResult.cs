namespace Atss;

/// <summary>
/// The assignment of one image: for every prior the assigned ground-truth index (or <see cref="Negative"/> /
/// <see cref="Ignored"/>), its class label and its IoU, plus the sorted positive priors and per-box diagnostics.
/// All strategies return this type.
/// </summary>
public sealed class AssignmentResult
{
    /// <summary>Value in <see cref="AssignedGt"/> of a negative (background) prior.</summary>
    public const int Negative = -1;

    /// <summary>Value in <see cref="AssignedGt"/> of an ignored prior (excluded from the classification loss).</summary>
    public const int Ignored = -2;

    /// <summary>Value in <see cref="Labels"/> of every prior that is not positive.</summary>
    public const int NoLabel = -1;

    /// <summary>Creates a result; used by assigners.</summary>
    /// <param name="assignedGt">Per prior: ground-truth index, <see cref="Negative"/> or <see cref="Ignored"/>.</param>
    /// <param name="labels">Per prior: the assigned box's label, or <see cref="NoLabel"/>.</param>
    /// <param name="ious">Per prior: IoU with the assigned box at positives, 0 elsewhere.</param>
    /// <param name="positiveIndices">Positive prior indices, ascending.</param>
    /// <param name="gtStatistics">Per ground-truth box diagnostics.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The per-prior arrays have different lengths.</exception>
    public AssignmentResult(int[] assignedGt, int[] labels, float[] ious, int[] positiveIndices, GtStatistics[] gtStatistics)
    {
        ThrowHelper.ThrowIfNull(assignedGt, nameof(assignedGt));
        ThrowHelper.ThrowIfNull(labels, nameof(labels));
        ThrowHelper.ThrowIfNull(ious, nameof(ious));
        ThrowHelper.ThrowIfNull(positiveIndices, nameof(positiveIndices));
        ThrowHelper.ThrowIfNull(gtStatistics, nameof(gtStatistics));
        if (labels.Length != assignedGt.Length)
        {
            ThrowHelper.ThrowArgument(nameof(labels), $"has length {labels.Length}; expected {assignedGt.Length} like assignedGt.");
        }

        if (ious.Length != assignedGt.Length)
        {
            ThrowHelper.ThrowArgument(nameof(ious), $"has length {ious.Length}; expected {assignedGt.Length} like assignedGt.");
        }

        AssignedGt = assignedGt;
        Labels = labels;
        Ious = ious;
        PositiveIndices = positiveIndices;
        GtStatistics = gtStatistics;
    }

    /// <summary>Per prior: the 0-based ground-truth index, <see cref="Negative"/> (-1) or <see cref="Ignored"/> (-2).</summary>
    public int[] AssignedGt { get; }

    /// <summary>Per prior: the assigned box's class label at positives, <see cref="NoLabel"/> (-1) elsewhere.</summary>
    public int[] Labels { get; }

    /// <summary>Per prior: IoU with the assigned box at positives, 0 elsewhere.</summary>
    public float[] Ious { get; }

    /// <summary>The positive priors, ascending.</summary>
    public int[] PositiveIndices { get; }

    /// <summary>Per ground-truth box: candidates, IoU statistics, threshold and final positive count.</summary>
    public GtStatistics[] GtStatistics { get; }

    /// <summary>Number of priors.</summary>
    public int PriorCount => AssignedGt.Length;

    /// <summary>Number of positive priors.</summary>
    public int PositiveCount => PositiveIndices.Length;

    /// <summary>Number of ignored priors.</summary>
    public int IgnoredCount
    {
        get
        {
            int n = 0;
            foreach (int g in AssignedGt)
            {
                if (g == Ignored)
                {
                    n++;
                }
            }

            return n;
        }
    }
}
