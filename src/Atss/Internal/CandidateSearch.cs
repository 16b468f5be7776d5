using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Atss;

/// <summary>
/// Finds each box's candidates: per level, the <c>k_l = min(k, n_l)</c> priors whose centres are nearest the box
/// centre, ranked by (float32 distance, prior index), and their IoUs with the box. Ignored priors rank with distance
/// <see cref="IgnoredDistance"/>. Every path gives identical output: a block kernel or a window search on generated
/// grids, and a SIMD scan for any priors.
/// </summary>
internal static partial class CandidateSearch
{
    /// <summary>The distance MMDetection gives ignored priors (its <c>INF</c>): they rank after every prior nearer than 1e8 px.</summary>
    public const float IgnoredDistance = 1e8f;

    // Computed float32 distances may undershoot the exact distance by a few ulps, and by up to about 1e-19 px absolute
    // when dx * dx underflows (a centre within 1e-19 of the box centre computes as distance 0); proofs compare the
    // exact lower bound with the k-th distance widened by both.
    private const double DistanceRoundingSlack = 1e-6;
    private const double DistanceUnderflowSlack = 1e-18;

    /// <summary>The k-th float32 distance widened so that any prior whose exact distance exceeds it computes strictly farther.</summary>
    private static double Reach(float kth) => (kth * (1 + DistanceRoundingSlack)) + DistanceUnderflowSlack;

    /// <summary>
    /// Where each level's candidates go. Level l has <c>k_l = min(k, n_l)</c> candidates, written from
    /// <c>levelOffset[l]</c> (a multiple of 16) into a region of whole 16-slot chunks whose unused slots hold IoU 0:
    /// the block kernel fills one chunk per level and the statistics sum chunk by chunk.
    /// </summary>
    /// <returns>The total region length (what the candidate buffers must hold).</returns>
    public static int Layout(PriorSet priors, long k, Span<int> levelK, Span<int> levelOffset, out int candidateCount, out int maxK)
    {
        ReadOnlySpan<int> counts = priors.LevelCounts;
        int offset = 0;
        int total = 0;
        maxK = 0;
        for (int l = 0; l < counts.Length; l++)
        {
            int kl = (int)Math.Min(k, counts[l]);
            levelK[l] = kl;
            levelOffset[l] = offset;
            offset += ChunksOf(kl) * Kernels.ChunkLength;
            total += kl;
            maxK = Math.Max(maxK, kl);
        }

        candidateCount = total;
        return offset;
    }

    /// <summary>
    /// The region length <see cref="Layout"/> would return, computed without overflow: the assigner checks it against
    /// the largest array before writing anything (it exceeds N only by under 16 slots per level).
    /// </summary>
    public static long RegionLength(PriorSet priors, long k)
    {
        long length = 0;
        foreach (int n in priors.LevelCounts)
        {
            length += ChunksOf((int)Math.Min(k, n)) * (long)Kernels.ChunkLength;
        }

        return length;
    }

    /// <summary>Number of 16-slot chunks that hold <paramref name="count"/> candidates.</summary>
    public static int ChunksOf(int count) => (count + Kernels.ChunkLength - 1) / Kernels.ChunkLength;

    /// <summary>
    /// Writes the candidates of <paramref name="gt"/>, their IoUs with it and how deep their centres lie inside it
    /// (<see cref="CenterTests.Depth"/>) into the regions of <see cref="Layout"/>
    /// (stored in the workspace), each level in ascending prior index (the order the statistics sum in), unused slots
    /// with IoU 0. Single-anchor grid levels of at least 4 x 4 locations: one 4 x 4 block kernel per level (O(1)), when
    /// the CPU has 128-bit SIMD (AVX-512: the whole kernel), k &lt;= 16, there are at most 32 levels and the image has
    /// no ignored priors; a level whose
    /// block cannot be proven, and every other grid level: an O(window) search; caller-supplied priors or levels with
    /// ignored priors: an O(n_l) SIMD scan.
    /// </summary>
    public static void Find(PriorSet priors, in Box gt, ReadOnlySpan<int> ignoredSorted, BoxConvention convention, AssignmentWorkspace ws, Span<int> candidates, Span<float> candidateIous, Span<float> candidateDepths)
    {
        LevelGeometry?[]? geometry = priors.Geometry;
        ReadOnlySpan<int> levelCounts = priors.LevelCounts;
        ReadOnlySpan<int> levelK = ws.LevelK;
        ReadOnlySpan<int> levelOffset = ws.LevelOffset;
        float gx = gt.CenterX;
        float gy = gt.CenterY;

        // Pass 1: one 4 x 4 block kernel per single-anchor grid level; pass 2 does the other levels and redoes those
        // whose block could not be proven. With ignored priors anywhere in the image every level takes pass 2 (the scan
        // ranks ignored priors last; the kernel knows nothing of them).
        uint unproven = uint.MaxValue;
        BlockLevel[]? blockLevels = priors.BlockLevels;
        if (blockLevels is not null && ignoredSorted.IsEmpty && ws.MaxLevelK <= Kernels.ChunkLength && levelCounts.Length <= 32 && (Avx512F.IsSupported || Vector128.IsHardwareAccelerated))
        {
            unproven = FindInBlocks(priors, gt, convention, levelK, levelOffset, ws.LevelBlockOrigins, candidates, candidateIous, candidateDepths);
            if (unproven == 0)
            {
                return; // every level's block is proven (the usual case)
            }
        }

        // Pass 2: keep the blocks that provably hold the k nearest; search or scan every other level.
        int ignoredCursor = 0;
        for (int l = 0; l < levelCounts.Length; l++)
        {
            int start = priors.StartOf(l);
            int n = levelCounts[l];
            int kl = levelK[l];
            int ignoredInLevel = 0;
            while (ignoredCursor + ignoredInLevel < ignoredSorted.Length && ignoredSorted[ignoredCursor + ignoredInLevel] < start + n)
            {
                ignoredInLevel++;
            }

            if ((unproven & (1u << l)) == 0)
            {
                continue;
            }

            int offset = levelOffset[l];
            Span<int> levelCandidates = candidates.Slice(offset, kl);
            LevelGeometry? geo = ignoredInLevel == 0 ? geometry?[l] : null;
            if (kl == n)
            {
                // k covers the whole level (small levels, huge k): every prior is a candidate, whatever the distances.
                for (int c = 0; c < kl; c++)
                {
                    levelCandidates[c] = start + c;
                }
            }
            else
            {
                // A level whose block was tried and not proven skips the window search's own first block (the same one).
                bool blockTried = unproven != uint.MaxValue && blockLevels![l].Fits;
                if (geo is null || !TryWindow(priors, geo, start, gx, gy, ws, levelCandidates, blockTried))
                {
                    Scan(priors, start, n, gx, gy, ignoredSorted.Slice(ignoredCursor, ignoredInLevel), ws, levelCandidates);
                }

                // Some searches already give index order (the 4 x 4 ranking, the quickselect); sorting is then skipped.
                if (!IsAscending(levelCandidates))
                {
                    levelCandidates.Sort();
                }
            }

            int slots = ChunksOf(kl) * Kernels.ChunkLength;
            Measure(priors, candidates.Slice(offset, slots), kl, gt, convention, candidateIous.Slice(offset, slots), candidateDepths.Slice(offset, slots));
            ignoredCursor += ignoredInLevel;
        }
    }

    /// <summary>
    /// The first <paramref name="count"/> candidates' IoUs with <paramref name="gt"/> and centre depths (the scalar
    /// formulas, bit for bit) into the same slots of <paramref name="ious"/> and <paramref name="depths"/>; the IoU slots
    /// after them are set to 0, the depth slots after them are left undefined. All three spans are one level's whole
    /// 16-slot chunks. Runs of at least <see cref="MinMeasuredRun"/> consecutive priors (a location's anchors) are
    /// measured sixteen at a time with AVX-512, eight with AVX2; other candidates one by one.
    /// </summary>
    private static void Measure(PriorSet priors, ReadOnlySpan<int> candidates, int count, in Box gt, BoxConvention convention, Span<float> ious, Span<float> depths)
        => Measure(priors, candidates, count, gt, convention, ious, depths, Avx512F.IsSupported ? 16 : Avx2.IsSupported ? 8 : 1);

    /// <summary>
    /// <see cref="Measure(PriorSet, ReadOnlySpan{int}, int, in Box, BoxConvention, Span{float}, Span{float})"/> with the
    /// run width chosen: 16 (needs AVX-512), 8 (needs AVX2) or 1 (one by one); the tests run every width the CPU has.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // its own inlining budget: the scalar IoU's helpers must inline
    internal static void Measure(PriorSet priors, ReadOnlySpan<int> candidates, int count, in Box gt, BoxConvention convention, Span<float> ious, Span<float> depths, int width)
    {
        // The vector stores below write whole vectors past a run's end, into the caller's padding.
        if (candidates.Length % Kernels.ChunkLength != 0 || ious.Length < candidates.Length || depths.Length < candidates.Length || (uint)count > (uint)candidates.Length)
        {
            ThrowHelper.ThrowArgument(nameof(candidates), $"must be whole 16-slot chunks ({candidates.Length}) holding the {count} candidates, with as many IoU ({ious.Length}) and depth ({depths.Length}) slots.");
        }

        if (!(width == 1 || (width == 8 && Avx2.IsSupported) || (width == 16 && Avx512F.IsSupported)))
        {
            ThrowHelper.ThrowOutOfRange(nameof(width), width, "16 with AVX-512, 8 with AVX2, or 1");
        }

        ReadOnlySpan<Box> boxes = priors.Boxes;
        float[] centerX = priors.CenterX;
        float[] centerY = priors.CenterY;
        for (int c = 0; c < count;)
        {
            int p = candidates[c];
            int run = width > 1 && p <= boxes.Length - width && c + width <= candidates.Length ? RunLength(candidates, c, count, width) : 1;

            // Whole vectors (c plus the width fits, checked above): the slots past the run belong to candidates measured
            // next, to the IoU padding cleared below, or to the undefined depth padding.
            if (run >= MinMeasuredRun && width == 16)
            {
                Kernels.MeasureSixteenV512(boxes, centerX, centerY, p, gt, convention == BoxConvention.LegacyPlusOne, out Vector512<float> runIous, out Vector512<float> runDepths);
                runIous.StoreUnsafe(ref ious[c]);
                runDepths.StoreUnsafe(ref depths[c]);
                c += run;
            }
            else if (run >= MinMeasuredRun)
            {
                Kernels.MeasureEightV256(boxes, centerX, centerY, p, gt, convention == BoxConvention.LegacyPlusOne, out Vector256<float> runIous, out Vector256<float> runDepths);
                runIous.StoreUnsafe(ref ious[c]);
                runDepths.StoreUnsafe(ref depths[c]);
                c += run;
            }
            else
            {
                ious[c] = Overlaps.IouOfValidated(boxes[p], gt, convention);
                depths[c] = CenterTests.Depth(centerX[p], centerY[p], gt);
                c++;
            }
        }

        ious[count..].Clear();
    }

    /// <summary>
    /// How many candidates from <paramref name="c"/> (at most <paramref name="width"/>, 16 or 8, and not past
    /// <paramref name="count"/>) continue <c>candidates[c]</c>, +1, +2, ...: one vector compare, no branch per candidate.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RunLength(ReadOnlySpan<int> candidates, int c, int count, int width)
    {
        ref int first = ref MemoryMarshal.GetReference(candidates);
        uint continues = width == 16
            ? (uint)Vector512.Equals(Vector512.LoadUnsafe(ref first, (nuint)c), Vector512.Create(candidates[c]) + Vector512<int>.Indices).ExtractMostSignificantBits()
            : Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)c), Vector256.Create(candidates[c]) + Vector256<int>.Indices).ExtractMostSignificantBits();
        return Math.Min(BitOperations.TrailingZeroCount(~continues), count - c);
    }

    /// <summary>Shorter runs of consecutive candidates are measured one by one (the vector kernel costs about as much as four).</summary>
    private const int MinMeasuredRun = 4;

    /// <summary>Whether every value is at least the one before it.</summary>
    internal static bool IsAscending(ReadOnlySpan<int> values)
    {
        // Sixteen neighbour pairs at a time (the paper's k x A candidates are 81 per level), then pair by pair.
        int start = 1;
        if (Vector512.IsHardwareAccelerated)
        {
            ref int v = ref MemoryMarshal.GetReference(values);
            for (; start + Vector512<int>.Count <= values.Length; start += Vector512<int>.Count)
            {
                if (Vector512.LessThanAny(Vector512.LoadUnsafe(ref v, (nuint)start), Vector512.LoadUnsafe(ref v, (nuint)(start - 1))))
                {
                    return false;
                }
            }
        }

        for (int i = start; i < values.Length; i++)
        {
            if (values[i] < values[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>General path: distances of the whole level (SIMD), ignored priors pushed to the end, then selection.</summary>
    private static void Scan(PriorSet priors, int start, int n, float gx, float gy, ReadOnlySpan<int> ignoredInLevel, AssignmentWorkspace ws, Span<int> levelCandidates)
    {
        Span<float> dist = ws.LevelDistances.AsSpan(0, n);
        Kernels.CenterDistance(priors.CenterX.AsSpan(start, n), priors.CenterY.AsSpan(start, n), gx, gy, dist);
        foreach (int p in ignoredInLevel)
        {
            dist[p - start] = IgnoredDistance;
        }

        Kernels.SelectNearest(dist, ws.HeapDistances, ws.HeapIndices, levelCandidates);
        for (int i = 0; i < levelCandidates.Length; i++)
        {
            levelCandidates[i] += start;
        }
    }

    /// <summary>
    /// The square of a lower bound on the exact centre distance of any prior outside columns x0..x1, rows y0..y1. A
    /// prior in a row above the window is at least the row gap away vertically and, horizontally, at least as far as
    /// the box centre is from the level's span of columns (this matters for boxes centred outside the image).
    /// </summary>
    private static double OutsideLowerBoundSquared(LevelGeometry geo, int x0, int x1, int y0, int y1, double gx, double gy)
    {
        PriorLevelGrid grid = geo.Grid;
        double dev = geo.Deviation;
        double spanX = Gap(gx, geo.ExtentMinX, geo.ExtentMaxX);
        double spanY = Gap(gy, geo.ExtentMinY, geo.ExtentMaxY);
        double bound = double.PositiveInfinity;
        if (x0 > 0)
        {
            bound = Math.Min(bound, SquaredHypot(gx - (((x0 - 1) * (double)grid.StrideX) + geo.MaxOffsetX + dev), spanY));
        }

        if (x1 < grid.Width - 1)
        {
            bound = Math.Min(bound, SquaredHypot((((x1 + 1) * (double)grid.StrideX) + geo.MinOffsetX - dev) - gx, spanY));
        }

        if (y0 > 0)
        {
            bound = Math.Min(bound, SquaredHypot(gy - (((y0 - 1) * (double)grid.StrideY) + geo.MaxOffsetY + dev), spanX));
        }

        if (y1 < grid.Height - 1)
        {
            bound = Math.Min(bound, SquaredHypot((((y1 + 1) * (double)grid.StrideY) + geo.MinOffsetY - dev) - gy, spanX));
        }

        return bound;
    }

    // Distance from v to the interval [lo, hi] (0 inside).
    private static double Gap(double v, double lo, double hi) => v < lo ? lo - v : v > hi ? v - hi : 0;

    // A negative side gap means the side is not separated at all: only the orthogonal gap remains.
    private static double SquaredHypot(double sideGap, double orthogonalGap)
    {
        double s = Math.Max(sideGap, 0);
        return (s * s) + (orthogonalGap * orthogonalGap);
    }
}
