using System.Numerics.Tensors;

namespace Atss;

/// <summary>
/// The ATSS paper's <c>POSITIVE_TYPE='TOPK'</c> baseline: for each box, the k priors (over all levels together) with the
/// largest <c>IoU - d / dmax / 1000</c> are candidates, where d is the centre distance and dmax the largest centre
/// distance between any prior and any box of the image; candidates whose centre lies inside the box by more than the
/// margin are positive. A prior positive for several boxes takes the one with the highest IoU, the lowest box index on
/// equal IoU. Everything else is negative.
/// </summary>
/// <remarks>
/// <para>Rules, all float32: <c>d = sqrtf(dx*dx + dy*dy)</c> between centres <c>(x1 + x2) / 2</c>;
/// <c>score = iou - ((d / dmax) / 1000)</c>; equal scores keep the lower prior index (the reference's top-k order on exact
/// ties is unspecified); k is clamped to N. When dmax is 0 (every centre coincides with every box centre) the distance
/// term is 0. No boxes: every prior negative. No ignore regions. <see cref="AssignmentResult.GtStatistics"/>: k candidates
/// per box, no IoU threshold (reported as 0).</para>
/// <para>Cost per image: O(N x G) distances (twice: once for dmax) and IoUs, O(N x G log k) selection; memory
/// O(N + k + G), never a priors x boxes matrix. The instance is immutable and thread-safe.</para>
/// </remarks>
public sealed class TopKAssigner : PriorAssigner
{
    /// <summary>Creates an assigner with the paper's settings (<see cref="TopKOptions.OriginalPaper"/>): k = 9, legacy +1 IoU, centre margin 0.01.</summary>
    public TopKAssigner()
        : this(TopKOptions.OriginalPaper)
    {
    }

    /// <summary>Creates an assigner.</summary>
    /// <param name="options">Settings; start from <see cref="TopKOptions.OriginalPaper"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (<c>TopK &lt; 1</c>, an undefined box convention, a non-finite margin).</exception>
    public TopKAssigner(TopKOptions options)
    {
        options.Validate(nameof(options));
        Options = options;
    }

    /// <summary>The settings.</summary>
    public TopKOptions Options { get; }

    private protected override int Assign(ref AssignmentRequest request)
    {
        PriorSet priors = request.Priors;
        ReadOnlySpan<Box> gts = request.GtBoxes;
        int gtCount = gts.Length;
        int n = priors.Count;
        if (gtCount == 0 || n == 0)
        {
            return AssignmentFinisher.FinishEmpty(ref request, 0);
        }

        AssignmentWorkspace ws = request.Workspace;
        int k = Math.Min(Options.TopK, n);
        ws.EnsureCandidateCapacity(k, k, gtCount);
        ws.EnsureBoxCapacity(gtCount);
        Span<int> candidates = ws.Candidates.AsSpan(0, k);
        Span<float> heapKeys = ws.HeapDistances.AsSpan(0, k);
        Span<int> heapIndices = ws.HeapIndices.AsSpan(0, k);
        Span<float> levelDistances = ws.LevelDistances;
        Span<int> assignedGt = request.AssignedGt;
        Span<float> ious = request.Ious;
        assignedGt.Fill(AssignmentResult.Negative);
        ious.Clear();

        float maxDistance = LargestDistance(priors, gts, levelDistances);
        ReadOnlySpan<Box> boxes = priors.Boxes;
        for (int g = 0; g < gtCount; g++)
        {
            Box gt = gts[g];
            // k largest scores = k smallest negated scores; negation is exact, and equal keys keep the lower index.
            var heap = new NearestHeap(heapKeys, heapIndices);
            for (int level = 0; level < priors.LevelCount; level++)
            {
                int start = priors.StartOf(level);
                int count = priors.LevelCounts[level];
                Span<float> dist = levelDistances[..count];
                Kernels.CenterDistance(priors.CenterX.AsSpan(start, count), priors.CenterY.AsSpan(start, count), gt.CenterX, gt.CenterY, dist);
                for (int i = 0; i < count; i++)
                {
                    float term = maxDistance > 0f ? (dist[i] / maxDistance) / 1000f : 0f;
                    float score = Overlaps.IouOfValidated(boxes[start + i], gt, Options.BoxConvention) - term;
                    heap.Offer(-score, start + i);
                }
            }

            heap.DrainSorted(candidates);
            foreach (int p in candidates)
            {
                if (!CenterTests.Inside(priors.CenterX[p], priors.CenterY[p], gt, Options.CenterMargin))
                {
                    continue;
                }

                float iou = Overlaps.IouOfValidated(boxes[p], gt, Options.BoxConvention);
                // Boxes come in increasing index order, so strict > keeps the lower index on equal IoU.
                if (assignedGt[p] < 0 || iou > ious[p])
                {
                    assignedGt[p] = g;
                    ious[p] = iou;
                }
            }
        }

        for (int g = 0; g < request.GtStatistics.Length; g++)
        {
            request.GtStatistics[g] = new GtStatistics(k, 0, 0, 0, 0);
        }

        return AssignmentFinisher.Finish(ref request);
    }

    // The largest centre distance between any prior and any box: the normaliser of the distance term.
    private static float LargestDistance(PriorSet priors, ReadOnlySpan<Box> gts, Span<float> levelDistances)
    {
        float max = 0f;
        foreach (Box gt in gts)
        {
            for (int level = 0; level < priors.LevelCount; level++)
            {
                int start = priors.StartOf(level);
                int count = priors.LevelCounts[level];
                Span<float> dist = levelDistances[..count];
                Kernels.CenterDistance(priors.CenterX.AsSpan(start, count), priors.CenterY.AsSpan(start, count), gt.CenterX, gt.CenterY, dist);
                if (count > 0)
                {
                    max = MathF.Max(max, TensorPrimitives.Max<float>(dist));
                }
            }
        }

        return max;
    }
}
