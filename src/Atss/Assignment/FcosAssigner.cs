using System.Runtime.CompilerServices;

namespace Atss;

/// <summary>
/// FCOS-style assignment by a spatial and a scale constraint (MMDetection's <c>FCOSHead.get_targets</c>, and with
/// <see cref="FcosOptions.OriginalPaper"/> the ATSS paper's <c>POSITIVE_TYPE='SSC'</c> baseline). A prior may take a box
/// if its centre lies inside the box (or inside the box's centre-sampling region) by more than the margin and the
/// largest centre-to-edge distance <c>max(l, t, r, b)</c> lies in its level's size range; among such boxes the one with
/// the smallest area wins, the lowest box index on equal areas. Everything else is negative; nothing is ignored.
/// </summary>
/// <remarks>
/// <para>Rules: l = cx - x1, t = cy - y1, r = x2 - cx, b = y2 - cy in float32 with the prior centre
/// <c>(x1 + x2) / 2</c> (the point itself for point priors). Centre sampling shrinks the box to
/// <c>[gcx - s, gcy - s, gcx + s, gcy + s]</c> intersected with the box, s = <c>(float)(stride * radius)</c>. Areas:
/// <c>(x2 - x1) * (y2 - y1)</c>, or <c>(w + 1) * (h + 1)</c> in the legacy convention. Unlike the references, which mark
/// ineligible pairs with an area of 1e8, boxes of area 1e8 px² or more are not excluded. <see cref="AssignmentResult.Ious"/>
/// holds the IoU of the prior box with its box (0 for point priors, which have no area). No ignore regions.
/// <see cref="AssignmentResult.GtStatistics"/>: the candidates of a box are the priors it was eligible for (inside and
/// in range); there is no IoU threshold (reported as 0).</para>
/// <para>Cost per image: O(N x G) time in one streaming pass, O(N + G) memory, never a priors x boxes matrix.
/// The instance is immutable and thread-safe.</para>
/// </remarks>
public sealed class FcosAssigner : PriorAssigner
{
    /// <summary>Creates an assigner with MMDetection's FCOS settings (<see cref="FcosOptions.MmDetection"/>).</summary>
    public FcosAssigner()
        : this(FcosOptions.MmDetection)
    {
    }

    /// <summary>Creates an assigner.</summary>
    /// <param name="options">Settings; start from a preset such as <see cref="FcosOptions.OriginalPaper"/>.</param>
    /// <exception cref="ArgumentException"><see cref="FcosOptions.RegressRanges"/> is empty or has a range with Min &gt; Max or a NaN bound.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The margin is not finite, the radius is not a finite positive number, or the convention is undefined.</exception>
    public FcosAssigner(FcosOptions options)
    {
        options.Validate(nameof(options));
        Options = options;
    }

    /// <summary>The settings.</summary>
    public FcosOptions Options { get; }

    private protected override int Assign(ref AssignmentRequest request)
    {
        PriorSet priors = request.Priors;
        ReadOnlySpan<Box> gts = request.GtBoxes;
        int gtCount = gts.Length;
        if (gtCount == 0 || priors.Count == 0)
        {
            return AssignmentFinisher.FinishEmpty(ref request, 0);
        }

        AssignmentWorkspace ws = request.Workspace;
        ws.EnsureBoxCapacity(gtCount);
        Span<int> eligibleCounts = ws.BoxInts.AsSpan(0, gtCount);
        eligibleCounts.Clear();
        Span<int> assignedGt = request.AssignedGt;
        Span<float> ious = request.Ious;
        ReadOnlySpan<Box> boxes = priors.Boxes;
        float[] centerX = priors.CenterX;
        float[] centerY = priors.CenterY;
        BoxConvention convention = Options.BoxConvention;
        float margin = Options.CenterMargin;
        bool legacyArea = convention == BoxConvention.LegacyPlusOne;
        for (int level = 0; level < priors.LevelCount; level++)
        {
            SizeRange range = Options.RegressRanges[level];
            int start = priors.StartOf(level);
            int end = start + priors.LevelCounts[level];
            (float radiusX, float radiusY) = SamplingRadius(priors, level);
            for (int p = start; p < end; p++)
            {
                float x = centerX[p];
                float y = centerY[p];
                int best = AssignmentResult.Negative;
                float bestArea = float.PositiveInfinity;
                for (int g = 0; g < gtCount; g++)
                {
                    Box gt = gts[g];
                    if (!InsideRegion(x, y, gt, radiusX, radiusY, margin))
                    {
                        continue;
                    }

                    float l = x - gt.X1;
                    float t = y - gt.Y1;
                    float r = gt.X2 - x;
                    float b = gt.Y2 - y;
                    if (!range.Contains(MathF.Max(MathF.Max(l, t), MathF.Max(r, b))))
                    {
                        continue;
                    }

                    eligibleCounts[g]++;
                    float area = legacyArea ? ((gt.X2 - gt.X1) + 1f) * ((gt.Y2 - gt.Y1) + 1f) : (gt.X2 - gt.X1) * (gt.Y2 - gt.Y1);
                    if (area < bestArea)
                    {
                        bestArea = area;
                        best = g;
                    }
                }

                assignedGt[p] = best;
                ious[p] = best >= 0 ? Overlaps.IouOfValidated(boxes[p], gts[best], convention) : 0f;
            }
        }

        for (int g = 0; g < request.GtStatistics.Length; g++)
        {
            request.GtStatistics[g] = new GtStatistics(eligibleCounts[g], 0, 0, 0, 0);
        }

        return AssignmentFinisher.Finish(ref request);
    }

    private protected override void ValidatePriors(PriorSet priors)
    {
        if (priors.LevelCount != Options.RegressRanges.Length)
        {
            ThrowHelper.ThrowArgument(nameof(priors), $"has {priors.LevelCount} levels; the options have {Options.RegressRanges.Length} size ranges (one per level is required).");
        }

        if (Options.CenterSampling && !priors.HasGrids)
        {
            ThrowHelper.ThrowArgument(nameof(priors), "has no grids, so level strides are unknown; centre sampling needs priors made by a generator or PriorSet.FromGrid.");
        }
    }

    // Half-size of the centre-sampling square on this level; infinite (no shrinking) when sampling is off.
    private (float X, float Y) SamplingRadius(PriorSet priors, int level)
    {
        if (!Options.CenterSampling)
        {
            return (float.PositiveInfinity, float.PositiveInfinity);
        }

        PriorLevelGrid grid = priors.Grids![level];
        return ((float)(grid.StrideX * Options.CenterSampleRadius), (float)(grid.StrideY * Options.CenterSampleRadius));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool InsideRegion(float x, float y, in Box gt, float radiusX, float radiusY, float margin)
    {
        if (float.IsPositiveInfinity(radiusX))
        {
            return CenterTests.Inside(x, y, gt, margin);
        }

        // The sampling square around the box centre, clipped to the box, in the reference's float32 order.
        float cx = (gt.X1 + gt.X2) / 2f;
        float cy = (gt.Y1 + gt.Y2) / 2f;
        float xMin = cx - radiusX;
        float yMin = cy - radiusY;
        float xMax = cx + radiusX;
        float yMax = cy + radiusY;
        var region = new Box(
            xMin > gt.X1 ? xMin : gt.X1,
            yMin > gt.Y1 ? yMin : gt.Y1,
            xMax > gt.X2 ? gt.X2 : xMax,
            yMax > gt.Y2 ? gt.Y2 : yMax);
        return CenterTests.Inside(x, y, region, margin);
    }
}
