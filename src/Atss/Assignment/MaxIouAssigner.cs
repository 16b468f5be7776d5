namespace Atss;

/// <summary>
/// The fixed-threshold IoU rule of RetinaNet and Faster R-CNN (MMDetection's <c>MaxIoUAssigner</c>, and with
/// <see cref="MaxIouOptions.OriginalPaper"/> the ATSS paper's <c>POSITIVE_TYPE='IoU'</c> baseline). Each prior takes
/// its highest-IoU box (lowest box index on equal IoU) and is positive if that IoU reaches the positive threshold,
/// negative below the negative threshold, ignored in between; then low-quality matching rescues boxes no prior
/// reached (see <see cref="LowQualityMatching"/>).
/// </summary>
/// <remarks>
/// <para>Rules: IoUs in float32 (<see cref="Overlaps.Iou"/>), thresholds compared in float32; ignore-region priors get
/// IoU -1 with every box (as in MMDetection), so they are never negative, never positive and never rescued. No boxes:
/// every prior negative (ignore regions are then not applied). <see cref="AssignmentResult.Ious"/> holds, at a positive,
/// the IoU with its assigned box; after low-quality matching this can be lower than the prior's largest IoU over all
/// boxes, which is what MMDetection reports as <c>max_overlaps</c>. <see cref="AssignmentResult.GtStatistics"/>:
/// every prior is a candidate (N), the threshold is the positive IoU threshold, mean and deviation are 0.</para>
/// <para>Cost per image: O(N x G) IoUs in two streaming passes (the second only over priors that can match a box's best
/// IoU); memory O(N + G), never a priors x boxes matrix. The instance is immutable and thread-safe.</para>
/// </remarks>
public sealed class MaxIouAssigner : PriorAssigner
{
    /// <summary>Creates an assigner with MMDetection's RetinaNet settings (<see cref="MaxIouOptions.MmDetection"/>).</summary>
    public MaxIouAssigner()
        : this(MaxIouOptions.MmDetection)
    {
    }

    /// <summary>Creates an assigner.</summary>
    /// <param name="options">Settings; start from a preset such as <see cref="MaxIouOptions.OriginalPaper"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is outside [0, 1] or out of order (negative &gt; positive), a margin is not finite, or an enum value is undefined.</exception>
    public MaxIouAssigner(MaxIouOptions options)
    {
        options.Validate(nameof(options));
        Options = options;
    }

    /// <summary>The settings.</summary>
    public MaxIouOptions Options { get; }

    private protected override int Assign(ref AssignmentRequest request)
    {
        PriorSet priors = request.Priors;
        ReadOnlySpan<Box> gts = request.GtBoxes;
        int gtCount = gts.Length;
        if (gtCount == 0 || priors.Count == 0)
        {
            return AssignmentFinisher.FinishEmpty(ref request, Options.PositiveIouThreshold);
        }

        AssignmentWorkspace ws = request.Workspace;
        ws.EnsureBoxCapacity(gtCount);
        Span<int> assignedGt = request.AssignedGt;
        Span<float> maxIou = request.Ious;
        // Labels hold each prior's highest-IoU box until the finisher writes the real labels.
        Span<int> bestBox = request.Labels;
        Span<float> boxBest = ws.BoxBestIou.AsSpan(0, gtCount);
        Span<int> boxFirstPrior = ws.BoxInts.AsSpan(0, gtCount);
        assignedGt.Fill(AssignmentResult.Negative);
        boxBest.Fill(float.NegativeInfinity);
        boxFirstPrior.Clear();

        int ignoredCount = MarkIgnored(ref request);
        ReadOnlySpan<Box> boxes = priors.Boxes;
        BoxConvention convention = Options.BoxConvention;
        float pos = Options.PositiveIouThreshold;
        float neg = Options.NegativeIouThreshold;
        float negLow = Options.NegativeIouLowerBound;
        for (int p = 0; p < boxes.Length; p++)
        {
            if (assignedGt[p] == AssignmentResult.Ignored)
            {
                maxIou[p] = -1f;
                bestBox[p] = 0;
                continue;
            }

            Box prior = boxes[p];
            float best = float.NegativeInfinity;
            int arg = 0;
            for (int g = 0; g < gtCount; g++)
            {
                float iou = Overlaps.IouOfValidated(prior, gts[g], convention);
                if (iou > best)
                {
                    best = iou;
                    arg = g;
                }

                if (iou > boxBest[g])
                {
                    boxBest[g] = iou;
                    boxFirstPrior[g] = p;
                }
            }

            maxIou[p] = best;
            bestBox[p] = arg;
            assignedGt[p] = best >= pos ? arg
                : best >= negLow && best < neg ? AssignmentResult.Negative
                : AssignmentResult.Ignored;
        }

        if (ignoredCount > 0)
        {
            // Ignored priors carry IoU -1 with every box, as in MMDetection.
            foreach (ref float b in boxBest)
            {
                b = MathF.Max(b, -1f);
            }
        }

        MatchLowQuality(boxes, gts, maxIou, bestBox, boxBest, boxFirstPrior, assignedGt);
        FinishPositives(ref request);
        for (int g = 0; g < request.GtStatistics.Length; g++)
        {
            request.GtStatistics[g] = new GtStatistics(priors.Count, 0, 0, pos, 0);
        }

        return AssignmentFinisher.Finish(ref request);
    }

    private int MarkIgnored(ref AssignmentRequest request)
    {
        if (Options.IgnoreIofThreshold is not float threshold || request.IgnoreBoxes.IsEmpty)
        {
            return 0;
        }

        return IgnoreRegions.Mark(request.Priors.Boxes, request.IgnoreBoxes, threshold, request.AssignedGt, request.Workspace.Ignored, relativeToRegion: !Options.IgnoreIofRelativeToPrior);
    }

    private void MatchLowQuality(ReadOnlySpan<Box> boxes, ReadOnlySpan<Box> gts, ReadOnlySpan<float> maxIou, ReadOnlySpan<int> bestBox, ReadOnlySpan<float> boxBest, ReadOnlySpan<int> boxFirstPrior, Span<int> assignedGt)
    {
        LowQualityMatching mode = Options.LowQualityMatching;
        if (mode == LowQualityMatching.None)
        {
            return;
        }

        float minPos = Options.MinPositiveIou;
        if (mode == LowQualityMatching.FirstPriorAtBoxBest)
        {
            for (int g = 0; g < boxBest.Length; g++)
            {
                if (boxBest[g] >= minPos)
                {
                    assignedGt[boxFirstPrior[g]] = g;
                }
            }

            return;
        }

        // A prior can equal box g's best IoU only if its own largest IoU is at least that best, so priors below the
        // smallest eligible best are skipped without recomputing their IoUs.
        float lowestBest = float.PositiveInfinity;
        foreach (float b in boxBest)
        {
            if (b >= minPos)
            {
                lowestBest = MathF.Min(lowestBest, b);
            }
        }

        if (float.IsPositiveInfinity(lowestBest))
        {
            return;
        }

        BoxConvention convention = Options.BoxConvention;
        bool restoreOwnBest = mode == LowQualityMatching.RestoreBestBoxOfPrior;
        for (int p = 0; p < boxes.Length; p++)
        {
            if (!(maxIou[p] >= lowestBest))
            {
                continue;
            }

            Box prior = boxes[p];
            // Later boxes overwrite earlier ones, so the highest matching index decides: scan downwards, stop at the first hit.
            for (int g = boxBest.Length - 1; g >= 0; g--)
            {
                float b = boxBest[g];
                if (b >= minPos && Overlaps.IouOfValidated(prior, gts[g], convention) == b)
                {
                    assignedGt[p] = restoreOwnBest ? bestBox[p] : g;
                    break;
                }
            }
        }
    }

    // Writes each positive's IoU with its assigned box and applies the optional centre test.
    private void FinishPositives(ref AssignmentRequest request)
    {
        PriorSet priors = request.Priors;
        ReadOnlySpan<Box> boxes = priors.Boxes;
        ReadOnlySpan<Box> gts = request.GtBoxes;
        Span<int> assignedGt = request.AssignedGt;
        Span<float> ious = request.Ious;
        BoxConvention convention = Options.BoxConvention;
        float? margin = Options.PositiveCenterMargin;
        for (int p = 0; p < assignedGt.Length; p++)
        {
            int g = assignedGt[p];
            if (g < 0)
            {
                continue;
            }

            if (margin is float m && !CenterTests.Inside(priors.CenterX[p], priors.CenterY[p], gts[g], m))
            {
                assignedGt[p] = AssignmentResult.Ignored;
                continue;
            }

            ious[p] = Overlaps.IouOfValidated(boxes[p], gts[g], convention);
        }
    }
}
