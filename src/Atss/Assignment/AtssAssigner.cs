namespace Atss;

/// <summary>
/// Adaptive Training Sample Selection (Zhang et al., CVPR 2020). For each ground-truth box: on every level take the
/// <c>min(k, n_l)</c> priors whose centres are nearest the box centre; threshold = mean + std of their IoUs with the
/// box; a candidate is positive if its IoU reaches the threshold and its centre lies inside the box by more than the
/// margin. A prior positive for several boxes goes to the one with the highest IoU. Everything else is negative.
/// </summary>
/// <remarks>
/// <para>Rules: distance = <c>sqrtf(dx*dx + dy*dy)</c> between float32 centres <c>(x1 + x2) / 2</c>; equal
/// distances: lower prior index first. Mean and standard deviation (unbiased, n - 1, unless
/// <see cref="AtssOptions.StdEstimator"/> says otherwise) in float64 over all <c>C = sum_l min(k, n_l)</c> candidates;
/// the float32 IoU, widened, is compared with the float64 threshold.
/// Equal IoUs between boxes: lower box index wins. No boxes: every prior negative (ignore regions are then not
/// applied, as in MMDetection). No priors: empty result.</para>
/// <para>Cost per image: O(N) to write the dense outputs, plus per box O(L x w) on priors from the library's generators
/// (a window of w priors around the box centre per level, grown only when it cannot prove it holds the k nearest) or
/// O(N) SIMD distance work on caller-supplied priors, and O(C) IoUs; memory O(N + C), never a priors x boxes matrix.
/// The instance is immutable and thread-safe.</para>
/// </remarks>
public sealed class AtssAssigner : PriorAssigner
{
    /// <summary>Creates an assigner with MMDetection's defaults (<see cref="AtssOptions.MmDetection"/>).</summary>
    public AtssAssigner()
        : this(AtssOptions.MmDetection)
    {
    }

    /// <summary>Creates an assigner.</summary>
    /// <param name="options">Settings; start from a preset such as <see cref="AtssOptions.OriginalPaper"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (for example <c>TopK &lt; 1</c>, a non-finite margin, an ignore threshold outside [0, 1]).</exception>
    public AtssAssigner(AtssOptions options)
    {
        options.Validate(nameof(options));
        Options = options;
    }

    /// <summary>The settings.</summary>
    public AtssOptions Options { get; }

    private protected override int Assign(ref AssignmentRequest request)
    {
        PriorSet priors = request.Priors;
        AssignmentWorkspace ws = request.Workspace;
        ReadOnlySpan<Box> gts = request.GtBoxes;
        int gtCount = gts.Length;
        if (gtCount == 0 || priors.Count == 0)
        {
            // With boxes but no priors: no candidates, hence no threshold.
            return AssignmentFinisher.FinishEmpty(ref request, double.PositiveInfinity);
        }

        Span<int> assignedGt = request.AssignedGt;
        Span<float> ious = request.Ious;
        assignedGt.Fill(AssignmentResult.Negative);
        ious.Clear();

        ReadOnlySpan<int> ignored = MarkIgnored(ref request);
        long k = (long)Options.TopK * (Options.ScaleTopKByAnchorsPerLocation ? priors.AnchorsPerLocation : 1);
        int perBox = CandidateSearch.CandidatesPerBox(priors, k, out int maxK);
        ws.EnsureCandidateCapacity(maxK, perBox, gtCount);
        Span<int> candidates = ws.Candidates.AsSpan(0, perBox);
        Span<float> candidateIous = ws.CandidateIous.AsSpan(0, perBox);
        Span<int> positives = ws.PositivesBuffer;
        Span<int> shared = ws.Shared;
        int positiveCount = 0;
        int sharedCount = 0;
        ReadOnlySpan<Box> boxes = priors.Boxes;
        BoxConvention convention = Options.BoxConvention;
        bool strict = Options.ThresholdComparison == ThresholdComparison.Greater;
        bool resolveOverAll = Options.SharedPriorResolution == SharedPriorResolution.HighestIouAmongAllBoxes;
        // Labels double as claim counters (extra claims per prior) until they are written at the end.
        Span<int> claims = request.Labels;
        if (resolveOverAll)
        {
            claims.Clear();
        }

        float margin = Options.CenterMargin;
        for (int g = 0; g < gtCount; g++)
        {
            Box gt = gts[g];
            CandidateSearch.Find(priors, gt.CenterX, gt.CenterY, k, ignored, ws, candidates);
            for (int c = 0; c < perBox; c++)
            {
                candidateIous[c] = Overlaps.Iou(boxes[candidates[c]], gt, convention);
            }

            (double mean, double std, double threshold) = Statistics(candidateIous, Options.StdEstimator);
            if (!request.GtStatistics.IsEmpty)
            {
                request.GtStatistics[g] = new GtStatistics(perBox, mean, std, threshold, 0);
            }

            for (int c = 0; c < perBox; c++)
            {
                float iou = candidateIous[c];
                bool passes = strict ? iou > threshold : iou >= threshold;
                if (!passes)
                {
                    continue;
                }

                int p = candidates[c];
                if (!CenterTests.Inside(priors.CenterX[p], priors.CenterY[p], gt, margin))
                {
                    continue;
                }

                int owner = assignedGt[p];
                if (owner < 0)
                {
                    assignedGt[p] = g;
                    ious[p] = iou;
                    positives[positiveCount++] = p;
                }
                else
                {
                    if (resolveOverAll && ++claims[p] == 1)
                    {
                        shared[sharedCount++] = p;
                    }

                    if (iou > ious[p])
                    {
                        assignedGt[p] = g;
                        ious[p] = iou;
                    }
                }
            }
        }

        if (resolveOverAll)
        {
            ResolveOverAllBoxes(shared[..sharedCount], boxes, gts, convention, assignedGt, ious);
        }

        return AssignmentFinisher.FinishSparse(ref request, positiveCount);
    }

    // Mean and std in float64, summed in candidate order (deterministic on every instruction set).
    private static (double Mean, double Std, double Threshold) Statistics(ReadOnlySpan<float> values, StdEstimator estimator)
    {
        int n = values.Length;
        double sum = 0;
        foreach (float v in values)
        {
            sum += v;
        }

        double mean = sum / n;
        int divisor = estimator == StdEstimator.Unbiased ? n - 1 : n;
        if (divisor < 1)
        {
            return (mean, 0, double.PositiveInfinity);
        }

        double squares = 0;
        foreach (float v in values)
        {
            double d = v - mean;
            squares += d * d;
        }

        double std = Math.Sqrt(squares / divisor);
        return (mean, std, mean + std);
    }

    private ReadOnlySpan<int> MarkIgnored(ref AssignmentRequest request)
    {
        if (Options.IgnoreIofThreshold is not float threshold || request.IgnoreBoxes.IsEmpty)
        {
            return default;
        }

        Span<int> ignored = request.Workspace.Ignored;
        int count = IgnoreRegions.Mark(request.Priors.Boxes, request.IgnoreBoxes, threshold, request.AssignedGt, ignored);
        return ignored[..count];
    }

    private static void ResolveOverAllBoxes(Span<int> shared, ReadOnlySpan<Box> boxes, ReadOnlySpan<Box> gts, BoxConvention convention, Span<int> assignedGt, Span<float> ious)
    {
        foreach (int p in shared)
        {
            int best = 0;
            float bestIou = Overlaps.Iou(boxes[p], gts[0], convention);
            for (int g = 1; g < gts.Length; g++)
            {
                float iou = Overlaps.Iou(boxes[p], gts[g], convention);
                if (iou > bestIou)
                {
                    best = g;
                    bestIou = iou;
                }
            }

            assignedGt[p] = best;
            ious[p] = bestIou;
        }
    }
}
