using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Atss;

/// <summary>
/// Finds each box's candidates: per level, the <c>k_l = min(k, n_l)</c> priors whose centres are nearest the box
/// centre, ranked by (float32 distance, prior index), and their IoUs with the box. Ignored priors rank with distance
/// <see cref="IgnoredDistance"/>. Every path gives identical output: a block kernel or a window search on generated
/// grids, and a SIMD scan for any priors.
/// </summary>
internal static class CandidateSearch
{
    /// <summary>The distance MMDetection gives ignored priors (its <c>INF</c>): they rank after every prior nearer than 1e8 px.</summary>
    public const float IgnoredDistance = 1e8f;

    // Computed float32 distances may undershoot the exact distance by a few ulps; the window bound keeps this margin.
    private const double DistanceRoundingSlack = 1e-6;

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
    /// the CPU has AVX-512, k &lt;= 16, there are at most 32 levels and the image has no ignored priors; a level whose
    /// block cannot be proven, and every other grid level: an O(window) search; caller-supplied priors or levels with
    /// ignored priors: an O(n_l) SIMD scan.
    /// </summary>
    public static void Find(PriorSet priors, in Box gt, ReadOnlySpan<int> ignoredSorted, BoxConvention convention, AssignmentWorkspace ws, Span<int> candidates, Span<float> candidateIous, Span<float> candidateDepths)
    {
        LevelGeometry?[]? geometry = priors.Geometry;
        ReadOnlySpan<Box> boxes = priors.Boxes;
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
        if (blockLevels is not null && ignoredSorted.IsEmpty && ws.MaxLevelK <= Kernels.ChunkLength && levelCounts.Length <= 32 && Avx512F.IsSupported)
        {
            unproven = FindInBlocks(blockLevels, boxes, gt, convention == BoxConvention.LegacyPlusOne, levelK, levelOffset, ws.LevelBlockOrigins, candidates, candidateIous, candidateDepths);
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

                levelCandidates.Sort();
            }

            Span<float> levelIous = candidateIous.Slice(offset, ChunksOf(kl) * Kernels.ChunkLength);
            Span<float> levelDepths = candidateDepths.Slice(offset, kl);
            for (int c = 0; c < kl; c++)
            {
                int p = levelCandidates[c];
                levelIous[c] = Overlaps.Iou(boxes[p], gt, convention);
                levelDepths[c] = CenterTests.Depth(priors.CenterX[p], priors.CenterY[p], gt);
            }

            levelIous[kl..].Clear();
            ignoredCursor += ignoredInLevel;
        }
    }

    /// <summary>
    /// The block path for the single-anchor grid levels of a set: per level, the 4 x 4 block of locations around
    /// the cell holding the centre (moved inside the grid at its edges) goes through one kernel that writes the level's
    /// chunk; then the block is kept only if no prior outside it can be as near as its k-th candidate. Block origins are
    /// computed first and the kernels run back to back, so the core overlaps their latencies.
    /// </summary>
    /// <returns>A bit per level whose block was not proven (those levels must be searched another way).</returns>
    internal static uint FindInBlocks(BlockLevel[] levels, ReadOnlySpan<Box> boxes, in Box gt, bool legacy, ReadOnlySpan<int> levelK, ReadOnlySpan<int> levelOffset, Span<int> origins, Span<int> candidates, Span<float> candidateIous, Span<float> candidateDepths)
    {
        float gx = gt.CenterX;
        float gy = gt.CenterY;
        for (int l = 0; l < levels.Length; l++)
        {
            ref readonly BlockLevel level = ref levels[l];
            if (!level.Fits)
            {
                continue;
            }

            // Float to int saturates, so a centre far outside the grid lands on an edge block (whose proof then fails).
            int x0 = Math.Clamp((int)(((gx - level.CellOriginX) * level.InverseStrideX) - 1f), 0, level.LastOriginX);
            int y0 = Math.Clamp((int)(((gy - level.CellOriginY) * level.InverseStrideY) - 1f), 0, level.LastOriginY);
            origins[2 * l] = x0;
            origins[(2 * l) + 1] = y0;
        }

        uint unproven = 0;
        for (int l = 0; l < levels.Length; l++)
        {
            ref readonly BlockLevel level = ref levels[l];
            if (!level.Fits)
            {
                unproven |= 1u << l;
                continue;
            }

            int x0 = origins[2 * l];
            int y0 = origins[(2 * l) + 1];
            int offset = levelOffset[l];
            float kth = Kernels.SelectBlock4x4V512(boxes, level.Start + (y0 * level.Width) + x0, level.Width, gt, legacy, levelK[l], candidates.Slice(offset, Kernels.ChunkLength), candidateIous.Slice(offset, Kernels.ChunkLength), candidateDepths.Slice(offset, Kernels.ChunkLength));
            if (!BlockProven(level, x0, y0, kth, gx, gy))
            {
                unproven |= 1u << l;
            }
        }

        return unproven;
    }

    // Whether no prior outside the block can be as near as the k-th candidate: first a quick bound (the nearest outside
    // column or row, each side alone), then the exact one (which also counts how far outside the level the centre lies).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool BlockProven(in BlockLevel level, int x0, int y0, float kth, double gx, double gy)
    {
        double reach = kth * (1 + DistanceRoundingSlack);
        double left = x0 > 0 ? gx - ((x0 * level.StrideX) + level.BeforeBlockX) : double.PositiveInfinity;
        double right = x0 < level.LastOriginX ? ((x0 * level.StrideX) + level.AfterBlockX) - gx : double.PositiveInfinity;
        double top = y0 > 0 ? gy - ((y0 * level.StrideY) + level.BeforeBlockY) : double.PositiveInfinity;
        double bottom = y0 < level.LastOriginY ? ((y0 * level.StrideY) + level.AfterBlockY) - gy : double.PositiveInfinity;
        if (reach < left && reach < right && reach < top && reach < bottom)
        {
            return true;
        }

        return reach * reach < OutsideLowerBoundSquared(level.Geometry!, x0, x0 + 3, y0, y0 + 3, gx, gy);
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
    /// Grid path: rank the priors of a window of locations around the box centre, and accept the result only if every
    /// prior outside the window is provably farther than the k-th candidate (strictly, so ties cannot cross the
    /// window edge); otherwise try a larger window. Gives up (returns false) once the window nears the level size.
    /// </summary>
    private static bool TryWindow(PriorSet priors, LevelGeometry geo, int start, float gx, float gy, AssignmentWorkspace ws, Span<int> levelCandidates, bool skipEvenBlock)
    {
        PriorLevelGrid grid = geo.Grid;
        int a = grid.AnchorsPerLocation;
        int kl = levelCandidates.Length;
        double midOffsetX = (geo.MinOffsetX + geo.MaxOffsetX) / 2;
        double midOffsetY = (geo.MinOffsetY + geo.MaxOffsetY) / 2;
        int locations = (kl + a - 1) / a;

        // First the even block of locations around the cell that contains the centre: the smallest even side whose
        // square holds the k nearest locations (4 x 4 for k = 9, A = 1; 2 x 2 for A = 9). The bound check decides
        // whether it provably holds them; for the default k it usually does, with fewer priors than a centred window.
        int side = 2;
        while (side * side < locations)
        {
            side += 2;
        }

        WindowOutcome outcome;
        if (!skipEvenBlock)
        {
            int cellCol = ContainingCell(gx, midOffsetX, grid.StrideX, grid.Width);
            int cellRow = ContainingCell(gy, midOffsetY, grid.StrideY, grid.Height);
            int half = side / 2;
            outcome = TryRankWindow(priors, geo, start, cellCol - half + 1, cellCol + half, cellRow - half + 1, cellRow + half, gx, gy, ws, levelCandidates);
            if (outcome != WindowOutcome.NotProven)
            {
                return outcome == WindowOutcome.Found;
            }
        }

        // Then square windows centred on the nearest location, one ring larger than needed, doubling until proven.
        int centerCol = NearestCell(gx, midOffsetX, grid.StrideX, grid.Width);
        int centerRow = NearestCell(gy, midOffsetY, grid.StrideY, grid.Height);
        int radius = 1;
        while (((2 * radius) - 1) * ((2 * radius) - 1) < locations)
        {
            radius++;
        }

        while (true)
        {
            outcome = TryRankWindow(priors, geo, start, centerCol - radius, centerCol + radius, centerRow - radius, centerRow + radius, gx, gy, ws, levelCandidates);
            if (outcome != WindowOutcome.NotProven)
            {
                return outcome == WindowOutcome.Found;
            }

            radius *= 2;
        }
    }

    private enum WindowOutcome
    {
        Found,
        NotProven,
        TooLarge,
    }

    /// <summary>
    /// Ranks the priors of locations x0..x1, y0..y1 (clipped to the grid) and accepts the k nearest only when every prior
    /// outside is provably farther (strictly, so ties cannot cross the window edge). Windows near the level's size are
    /// left to the scan.
    /// </summary>
    private static WindowOutcome TryRankWindow(PriorSet priors, LevelGeometry geo, int start, int x0, int x1, int y0, int y1, float gx, float gy, AssignmentWorkspace ws, Span<int> levelCandidates)
    {
        PriorLevelGrid grid = geo.Grid;
        int a = grid.AnchorsPerLocation;
        int kl = levelCandidates.Length;
        x0 = Math.Max(x0, 0);
        x1 = Math.Min(x1, grid.Width - 1);
        y0 = Math.Max(y0, 0);
        y1 = Math.Min(y1, grid.Height - 1);
        int segment = (x1 - x0 + 1) * a;
        int count = segment * (y1 - y0 + 1);
        if (count * 2L > grid.Count)
        {
            return WindowOutcome.TooLarge;
        }

        if (count < kl)
        {
            return WindowOutcome.NotProven;
        }

        bool small = kl <= SmallK;
        float kth = small
            ? RankWindowSmallK(priors, geo, grid, start, x0, y0, y1, segment, gx, gy, ws, levelCandidates)
            : RankWindow(priors, grid, start, x0, y0, y1, segment, count, gx, gy, ws, levelCandidates);
        double reach = kth * (1 + DistanceRoundingSlack);
        if (!(reach * reach < OutsideLowerBoundSquared(geo, x0, x1, y0, y1, gx, gy)))
        {
            return WindowOutcome.NotProven;
        }

        if (!small)
        {
            for (int i = 0; i < kl; i++)
            {
                int pos = levelCandidates[i];
                int row = pos / segment;
                levelCandidates[i] = start + ((((y0 + row) * grid.Width) + x0) * a) + (pos - (row * segment));
            }
        }

        return WindowOutcome.Found;
    }

    // Up to this k a window is ranked by insertion into a sorted array; beyond it, by the SIMD distance kernel and a heap.
    private const int SmallK = 32;

    /// <summary>
    /// Ranks the window's priors for k up to <see cref="SmallK"/>, writing prior indices in (distance, index) order;
    /// returns the k-th distance. Priors are scanned in index order with fused scalar distances and sorted insertion.
    /// </summary>
    private static float RankWindowSmallK(PriorSet priors, LevelGeometry geo, PriorLevelGrid grid, int start, int x0, int y0, int y1, int segment, float gx, float gy, AssignmentWorkspace ws, Span<int> levelCandidates)
    {
        var nearest = new SortedNearest(ws.HeapDistances.AsSpan(0, levelCandidates.Length), levelCandidates);
        if (geo.Deviation == 0)
        {
            // Every centre is exactly x * stride + offset[a] (measured when the set was built), so compute it with the
            // same double formula instead of loading it: the value is bit-identical and the window costs no cache misses.
            int a = grid.AnchorsPerLocation;
            double[] offX = geo.OffsetX;
            double[] offY = geo.OffsetY;
            for (int y = y0; y <= y1; y++)
            {
                double sy = (double)y * grid.StrideY;
                int index = start + (((y * grid.Width) + x0) * a);
                for (int x = x0; x < x0 + (segment / a); x++)
                {
                    double sx = (double)x * grid.StrideX;
                    for (int i = 0; i < a; i++, index++)
                    {
                        float dx = (float)(sx + offX[i]) - gx;
                        float dy = (float)(sy + offY[i]) - gy;
                        nearest.Offer(MathF.Sqrt((dx * dx) + (dy * dy)), index);
                    }
                }
            }

            return nearest.Worst;
        }

        float[] cx = priors.CenterX;
        float[] cy = priors.CenterY;
        for (int y = y0; y <= y1; y++)
        {
            int first = start + (((y * grid.Width) + x0) * grid.AnchorsPerLocation);
            ReadOnlySpan<float> rowX = cx.AsSpan(first, segment);
            ReadOnlySpan<float> rowY = cy.AsSpan(first, segment);
            for (int i = 0; i < rowX.Length; i++)
            {
                float dx = rowX[i] - gx;
                float dy = rowY[i] - gy;
                nearest.Offer(MathF.Sqrt((dx * dx) + (dy * dy)), first + i);
            }
        }

        return nearest.Worst;
    }

    /// <summary>Ranks the window's priors with the SIMD distance kernel and the heap selection; returns the k-th distance.</summary>
    private static float RankWindow(PriorSet priors, PriorLevelGrid grid, int start, int x0, int y0, int y1, int segment, int count, float gx, float gy, AssignmentWorkspace ws, Span<int> levelCandidates)
    {
        Span<float> dist = ws.LevelDistances.AsSpan(0, count);
        for (int y = y0, offset = 0; y <= y1; y++, offset += segment)
        {
            int first = start + (((y * grid.Width) + x0) * grid.AnchorsPerLocation);
            Kernels.CenterDistance(priors.CenterX.AsSpan(first, segment), priors.CenterY.AsSpan(first, segment), gx, gy, dist.Slice(offset, segment));
        }

        // Window positions increase with prior index, so (distance, position) order is (distance, index) order.
        Kernels.SelectNearest(dist, ws.HeapDistances, ws.HeapIndices, levelCandidates);
        return dist[levelCandidates[^1]];
    }

    // The grid column (or row) nearest the centre, or the one whose cell contains it, clamped to the grid.
    private static int NearestCell(float center, double offset, int stride, int size)
        => (int)Math.Clamp(Math.Round((center - offset) / stride), 0, size - 1);

    private static int ContainingCell(float center, double offset, int stride, int size)
        => (int)Math.Clamp(Math.Floor((center - offset) / stride), 0, size - 1);

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
