using System.Globalization;

namespace Atss;

/// <summary>
/// IoU-aware classification targets: the IoU between each positive prior's predicted box and its assigned ground-truth
/// box, used as a soft class score (MMYOLO / YOLOv6 <c>BatchATSSAssigner</c> with <c>pred_bboxes</c>).
/// </summary>
/// <remarks>
/// YOLOv6's IoU in float32: <c>overlap = max(min(x2, x2') - max(x1, x1'), 0) * (same for y)</c>,
/// <c>area = max(x2 - x1, 0) * max(y2 - y1, 0)</c> per box, <c>score = overlap / (((area_g + area_p) - overlap) + 1e-9)</c>.
/// Inverted or empty predictions score 0. Cost O(N), no allocation.
/// </remarks>
public static class QualityScores
{
    /// <summary>The YOLOv6 epsilon added to the union.</summary>
    public const float UnionEpsilon = 1e-9f;

    /// <summary>Writes, per prior, the IoU of its prediction with its assigned box at positives and 0 elsewhere.</summary>
    /// <param name="gtBoxes">The ground-truth boxes.</param>
    /// <param name="assignedGt">Per prior: box index, <see cref="AssignmentResult.Negative"/> or <see cref="AssignmentResult.Ignored"/>.</param>
    /// <param name="predictedBoxes">One predicted box per prior (may be inverted; must be finite).</param>
    /// <param name="destination">At least one value per prior.</param>
    /// <exception cref="ArgumentException">Lengths differ, a box is NaN or infinite, an assignment refers to a missing box, or <paramref name="destination"/> is too short.</exception>
    public static void FromPredictions(ReadOnlySpan<Box> gtBoxes, ReadOnlySpan<int> assignedGt, ReadOnlySpan<Box> predictedBoxes, Span<float> destination)
    {
        int n = assignedGt.Length;
        if (predictedBoxes.Length != n)
        {
            ThrowHelper.ThrowArgument(nameof(predictedBoxes), $"has length {predictedBoxes.Length}; expected one box per prior ({n}).");
        }

        ThrowHelper.ThrowIfTooShort(destination.Length, n, nameof(destination));
        Validation.ValidateBoxes(gtBoxes, nameof(gtBoxes));
        for (int p = 0; p < n; p++)
        {
            if (!predictedBoxes[p].IsFinite)
            {
                ThrowHelper.ThrowArgument(nameof(predictedBoxes), string.Create(CultureInfo.InvariantCulture, $"has a NaN or infinite coordinate at index {p}."));
            }

            if (assignedGt[p] >= gtBoxes.Length)
            {
                ThrowHelper.ThrowArgument(nameof(assignedGt), string.Create(CultureInfo.InvariantCulture, $"has {assignedGt[p]} at prior {p}; there are {gtBoxes.Length} boxes."));
            }
        }

        for (int p = 0; p < n; p++)
        {
            int g = assignedGt[p];
            destination[p] = g >= 0 ? Yolov6Iou(gtBoxes[g], predictedBoxes[p]) : 0f;
        }
    }

    internal static float Yolov6Iou(in Box gt, in Box pred)
    {
        float w = MathF.Max(MathF.Min(gt.X2, pred.X2) - MathF.Max(gt.X1, pred.X1), 0f);
        float h = MathF.Max(MathF.Min(gt.Y2, pred.Y2) - MathF.Max(gt.Y1, pred.Y1), 0f);
        float overlap = w * h;
        float areaG = MathF.Max(gt.X2 - gt.X1, 0f) * MathF.Max(gt.Y2 - gt.Y1, 0f);
        float areaP = MathF.Max(pred.X2 - pred.X1, 0f) * MathF.Max(pred.Y2 - pred.Y1, 0f);
        return overlap / (((areaG + areaP) - overlap) + UnionEpsilon);
    }
}
