using System.Numerics;
using System.Runtime.CompilerServices;

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
/// <see cref="AtssOptions.StdEstimator"/> says otherwise) in float64 over all <c>C = sum_l min(k, n_l)</c> candidates,
/// summed in a fixed order (each level's candidates in ascending prior index fill 16-slot chunks; slot j of every chunk
/// goes to accumulator j, level by level; the 16 accumulators are combined by a fixed pairwise tree), so results are
/// identical on every machine; the float32 IoU, widened, is compared with the float64 threshold.
/// Equal IoUs between boxes: lower box index wins. No boxes: every prior negative (ignore regions are then not
/// applied, as in MMDetection). No priors: empty result.</para>
/// <para>Cost per image: O(N) to write the dense outputs, plus per box: on priors with grids (the library's generators,
/// <see cref="PriorSet.FromGrid"/>), one kernel per single-anchor level (a 4 x 4 block of locations around the box
/// centre, kept only when it provably holds the k nearest; k &lt;= 16, no ignored priors; all in AVX-512, or a 256- or
/// 128-bit ranking without it, with IoUs eight (AVX2) or four lanes at a time on separable levels, the generators'
/// kind, else by the O(C) IoU pass below), the nearest location's anchors on multi-anchor levels with k &lt;= A, the
/// k / A nearest locations of a 4 x 4 block ranked like single anchors when k is a multiple of A and the block's
/// anchors share their location's centre (the paper's k x A candidates), or else a window of w priors per level, grown
/// until it provably holds them (O(L x w): sorted insertion for k &lt;= 32, beyond it a heap or, when k is at least
/// w / 8, a quickselect on (distance, index) keys, on whole locations when their anchors' distances allow); on priors
/// from <see cref="PriorSet.FromBoxes"/> an O(N) SIMD distance scan; and O(C) IoUs (runs of consecutive priors sixteen
/// at a time with AVX-512, eight with AVX2). Memory O(N + C), never a priors x boxes matrix (the candidate buffers hold
/// two boxes' regions: box g - 1 claims its positives after box g's search).
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

    private protected override void ValidatePriors(PriorSet priors)
    {
        // Two candidate regions (one box searches while the previous one claims).
        long slots = 2 * CandidateSearch.RegionLength(priors, CandidatesPerLevel(priors));
        if (slots > Array.MaxLength)
        {
            ThrowHelper.ThrowArgument(nameof(priors), $"has {priors.Count} priors in {priors.LevelCount} levels; their candidate slots (two regions, {slots}) exceed the largest array ({Array.MaxLength}).");
        }
    }

    // k per level: TopK, times the anchors per location in the paper's convention.
    private long CandidatesPerLevel(PriorSet priors) => (long)Options.TopK * (Options.ScaleTopKByAnchorsPerLocation ? priors.AnchorsPerLocation : 1);

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
        int perBox = ws.PrepareCandidates(priors, CandidatesPerLevel(priors), gtCount);
        ReadOnlySpan<int> levelK = ws.LevelK.AsSpan(0, priors.LevelCount);
        ReadOnlySpan<int> levelOffset = ws.LevelOffset;
        Span<ulong> positiveBits = ws.PositiveBits.AsSpan(0, (priors.Count + 63) / 64);
        positiveBits.Clear();
        BoxConvention convention = Options.BoxConvention;
        bool strict = Options.ThresholdComparison == ThresholdComparison.Greater;
        bool resolveOverAll = Options.SharedPriorResolution == SharedPriorResolution.HighestIouAmongAllBoxes;
        // Labels double as claim counters (extra claims per prior) until they are written at the end.
        Span<int> extraClaims = request.Labels;
        if (resolveOverAll)
        {
            extraClaims.Clear();
        }

        Span<int> shared = ws.Shared;
        int sharedCount = 0;
        int region = ws.CandidateRegionLength;
        Span<int> candidateRegions = ws.Candidates;
        Span<float> iouRegions = ws.CandidateIous;
        Span<float> depthRegions = ws.CandidateDepths;
        float margin = Options.CenterMargin;
        float previousLowest = 0;
        for (int g = 0; g < gtCount; g++)
        {
            Box gt = gts[g]; // a local copy: measured faster than passing gts[g] by reference
            int at = (g & 1) * region;
            Span<float> candidateIous = iouRegions.Slice(at, region);
            CandidateSearch.Find(priors, gt, ignored, convention, ws, candidateRegions.Slice(at, region), candidateIous, depthRegions.Slice(at, region));
            (double mean, double std, double threshold) = Statistics(candidateIous, levelK, levelOffset, perBox, Options.StdEstimator);
            if (!request.GtStatistics.IsEmpty)
            {
                request.GtStatistics[g] = new GtStatistics(perBox, mean, std, threshold, 0);
            }

            // Box g - 1 claims its positives only now, after box g's search (the candidates alternate between two
            // regions): the search overlaps the long float64 chain of g - 1's threshold instead of waiting for it at
            // the claims' branches. Claims still run in box order, so results are unchanged.
            if (g > 0)
            {
                int before = region - at;
                Claim(g - 1, previousLowest, margin, candidateRegions.Slice(before, region), iouRegions.Slice(before, region), depthRegions.Slice(before, region), levelK, levelOffset, resolveOverAll, assignedGt, ious, positiveBits, extraClaims, shared, ref sharedCount);
            }

            previousLowest = Kernels.LowestPassingFloat(threshold, strict);
        }

        int lastAt = ((gtCount - 1) & 1) * region;
        Claim(gtCount - 1, previousLowest, margin, candidateRegions.Slice(lastAt, region), iouRegions.Slice(lastAt, region), depthRegions.Slice(lastAt, region), levelK, levelOffset, resolveOverAll, assignedGt, ious, positiveBits, extraClaims, shared, ref sharedCount);

        if (resolveOverAll)
        {
            ResolveOverAllBoxes(shared[..sharedCount], priors.Boxes, gts, convention, assignedGt, ious);
        }

        return AssignmentFinisher.FinishMarked(ref request);
    }

    /// <summary>
    /// Box <paramref name="g"/>'s candidates whose IoU reaches <paramref name="lowest"/> and whose centre lies inside by
    /// more than <paramref name="margin"/> claim their priors. Only those are visited (bit masks per 16-slot chunk, no
    /// unpredictable branch per candidate). A prior claimed again keeps the higher IoU (the earlier box on a tie); when
    /// all boxes must be compared, it is also listed in <paramref name="shared"/> on its second claim.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Claim(int g, float lowest, float margin, ReadOnlySpan<int> candidates, ReadOnlySpan<float> candidateIous, ReadOnlySpan<float> candidateDepths, ReadOnlySpan<int> levelK, ReadOnlySpan<int> levelOffset, bool resolveOverAll, Span<int> assignedGt, Span<float> ious, Span<ulong> positiveBits, Span<int> extraClaims, Span<int> shared, ref int sharedCount)
    {
        for (int l = 0; l < levelK.Length; l++)
        {
            for (int chunk = 0, remaining = levelK[l]; remaining > 0; chunk++, remaining -= Kernels.ChunkLength)
            {
                int first = levelOffset[l] + (chunk * Kernels.ChunkLength);
                uint mask = Kernels.PassMask(candidateIous.Slice(first, Kernels.ChunkLength), candidateDepths.Slice(first, Kernels.ChunkLength), Math.Min(remaining, Kernels.ChunkLength), lowest, margin);
                for (; mask != 0; mask &= mask - 1)
                {
                    int c = first + BitOperations.TrailingZeroCount(mask);
                    int p = candidates[c];
                    float iou = candidateIous[c];
                    if (assignedGt[p] < 0)
                    {
                        assignedGt[p] = g;
                        ious[p] = iou;
                        positiveBits[p >> 6] |= 1UL << p;
                    }
                    else
                    {
                        if (resolveOverAll && ++extraClaims[p] == 1)
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
        }
    }

    /// <summary>
    /// Mean and standard deviation in float64 in a fixed order, identical on every instruction set: see
    /// <see cref="Kernels.ChunkedSum"/> (16 slot-wise accumulators over the levels' 16-slot chunks, then a pairwise tree).
    /// </summary>
    private static (double Mean, double Std, double Threshold) Statistics(ReadOnlySpan<float> candidateIous, ReadOnlySpan<int> levelK, ReadOnlySpan<int> levelOffset, int count, StdEstimator estimator)
    {
        double mean = Kernels.ChunkedSum(candidateIous, levelK, levelOffset, 0, squares: false) / count;
        int divisor = estimator == StdEstimator.Unbiased ? count - 1 : count;
        if (divisor < 1)
        {
            return (mean, 0, double.PositiveInfinity);
        }

        double std = Math.Sqrt(Kernels.ChunkedSum(candidateIous, levelK, levelOffset, mean, squares: true) / divisor);
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
            float bestIou = Overlaps.IouOfValidated(boxes[p], gts[0], convention);
            for (int g = 1; g < gts.Length; g++)
            {
                float iou = Overlaps.IouOfValidated(boxes[p], gts[g], convention);
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
