using System.Runtime.Intrinsics;

namespace Atss;

/// <summary>The window search: rank a window of grid locations around the centre, grow it until it provably holds the k nearest.</summary>
internal static partial class CandidateSearch
{
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
        if (a > 1 && kl <= a && TryNearestLocation(priors, geo, start, gx, gy, midOffsetX, midOffsetY, ws, levelCandidates))
        {
            return true;
        }

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
            // Near the level's edges the block moves inside rather than being clipped (the proof decides either way).
            int x0 = Math.Clamp(cellCol - (side / 2) + 1, 0, Math.Max(grid.Width - side, 0));
            int y0 = Math.Clamp(cellRow - (side / 2) + 1, 0, Math.Max(grid.Height - side, 0));
            outcome = TryRankWindow(priors, geo, start, x0, x0 + side - 1, y0, y0 + side - 1, gx, gy, ws, levelCandidates);
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

        if (a > 1 && kl % a == 0 && kl <= 16 * a && x1 - x0 == 3 && y1 - y0 == 3 && Vector128.IsHardwareAccelerated && geo.SharesCenters(x0, y0))
        {
            return RankSharedCenterBlock(geo, start, x0, y0, gx, gy, levelCandidates);
        }

        bool small = kl <= SmallK;
        bool ascending = false;
        float kth = small
            ? RankWindowSmallK(priors, geo, grid, start, x0, y0, y1, segment, gx, gy, ws, levelCandidates)
            : RankWindow(priors, grid, start, x0, y0, y1, segment, count, gx, gy, ws, levelCandidates, out ascending);
        double reach = Reach(kth);
        if (!(reach * reach < OutsideLowerBoundSquared(geo, x0, x1, y0, y1, gx, gy)))
        {
            return WindowOutcome.NotProven;
        }

        if (!small)
        {
            // Window positions to prior indices: position pos lies in window row pos / segment.
            int rowStep = grid.Width * a;
            int rowFirst = start + (((y0 * grid.Width) + x0) * a);
            if (ascending)
            {
                // Ascending positions: walk the rows instead of dividing.
                for (int i = 0, row = 0; i < kl; i++)
                {
                    int pos = levelCandidates[i];
                    while (pos - (row * segment) >= segment)
                    {
                        row++;
                    }

                    levelCandidates[i] = rowFirst + (row * rowStep) + (pos - (row * segment));
                }
            }
            else
            {
                for (int i = 0; i < kl; i++)
                {
                    int pos = levelCandidates[i];
                    int row = pos / segment;
                    levelCandidates[i] = rowFirst + (row * rowStep) + (pos - (row * segment));
                }
            }
        }

        return WindowOutcome.Found;
    }

    /// <summary>
    /// A 4 x 4 block of locations whose anchors share their centre, with k a multiple of A (the paper's k x A
    /// candidates): in (distance, index) order a location's anchors are consecutive, so the k nearest priors are the
    /// anchors of the k / A nearest locations, ranked like single-anchor priors by the 4 x 4 kernel on the shared centres.
    /// </summary>
    private static WindowOutcome RankSharedCenterBlock(LevelGeometry geo, int start, int x0, int y0, float gx, float gy, Span<int> levelCandidates)
    {
        int a = geo.Grid.AnchorsPerLocation;
        int width = geo.Grid.Width;
        int locations = levelCandidates.Length / a;
        float kth = Kernels.RankBlock4x4(geo.SharedCenterX, geo.SharedCenterY, (y0 * width) + x0, width, gx, gy, levelCandidates[..locations]);
        double reach = Reach(kth);
        if (!(reach * reach < OutsideLowerBoundSquared(geo, x0, x0 + 3, y0, y0 + 3, gx, gy)))
        {
            return WindowOutcome.NotProven;
        }

        // Locations (ascending) to their anchors, in place from the last: location j's anchors go to j * A onwards,
        // never over a location not yet expanded.
        for (int j = locations - 1; j >= 0; j--)
        {
            int first = start + (levelCandidates[j] * a);
            for (int i = a - 1; i >= 0; i--)
            {
                levelCandidates[(j * a) + i] = first + i;
            }
        }

        return WindowOutcome.Found;
    }

    /// <summary>Up to this k a window is ranked by insertion into a sorted array; beyond it, by the SIMD distance kernel and a heap or a quickselect.</summary>
    internal const int SmallK = 32;

    /// <summary>
    /// Ranks the window's priors for k up to <see cref="SmallK"/>, writing the k nearest prior indices (in (distance,
    /// index) order, or in index order from the 4 x 4 kernel; the caller sorts them) and returning the k-th distance.
    /// Priors are scanned in index order with fused scalar distances and sorted insertion.
    /// </summary>
    private static float RankWindowSmallK(PriorSet priors, LevelGeometry geo, PriorLevelGrid grid, int start, int x0, int y0, int y1, int segment, float gx, float gy, AssignmentWorkspace ws, Span<int> levelCandidates)
    {
        if (grid.AnchorsPerLocation == 1 && segment == 4 && y1 - y0 == 3 && levelCandidates.Length <= 16 && Vector128.IsHardwareAccelerated)
        {
            // The usual window without AVX-512 (with it the block kernel has run first): one branch-free ranking.
            return Kernels.RankBlock4x4(priors.CenterX, priors.CenterY, start + (y0 * grid.Width) + x0, grid.Width, gx, gy, levelCandidates);
        }

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
                        nearest.Offer(Kernels.CenterDistanceOf((float)(sx + offX[i]), (float)(sy + offY[i]), gx, gy), index);
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
                nearest.Offer(Kernels.CenterDistanceOf(rowX[i], rowY[i], gx, gy), first + i);
            }
        }

        return nearest.Worst;
    }

    /// <summary>
    /// Ranks the window's priors with the SIMD distance kernel and a selection; returns the k-th distance and whether the
    /// window positions were written in ascending order (the key selections) or in (distance, index) order (the heap).
    /// </summary>
    private static float RankWindow(PriorSet priors, PriorLevelGrid grid, int start, int x0, int y0, int y1, int segment, int count, float gx, float gy, AssignmentWorkspace ws, Span<int> levelCandidates, out bool ascending)
    {
        Span<float> dist = ws.LevelDistances.AsSpan(0, count);
        for (int y = y0, offset = 0; y <= y1; y++, offset += segment)
        {
            int first = start + (((y * grid.Width) + x0) * grid.AnchorsPerLocation);
            Kernels.CenterDistance(priors.CenterX.AsSpan(first, segment), priors.CenterY.AsSpan(first, segment), gx, gy, dist.Slice(offset, segment));
        }

        // Window positions increase with prior index, so (distance, position) order is (distance, index) order. When k
        // is a large share of the window (k x A candidates on RetinaNet anchors: 81 of 144) a quickselect beats the heap.
        // With several anchors per location, rank whole locations when their anchors' distances agree or the chosen
        // locations are strictly nearer than the others (TrySelectNearestGroups), else the priors.
        ascending = levelCandidates.Length * 8L >= count;
        if (ascending)
        {
            Span<ulong> keys = ws.SelectionKeys(count);
            int a = grid.AnchorsPerLocation;
            return a > 1 && Kernels.TrySelectNearestGroups(dist, a, keys, levelCandidates, out float kth)
                ? kth
                : Kernels.SelectNearestByKey(dist, keys, levelCandidates);
        }

        Kernels.SelectNearest(dist, ws.HeapDistances, ws.HeapIndices, levelCandidates);
        return dist[levelCandidates[^1]];
    }

    // The grid column (or row) nearest the centre, or the one whose cell contains it, clamped to the grid.
    private static int NearestCell(float center, double offset, int stride, int size)
        => (int)Math.Clamp(Math.Round((center - offset) / stride), 0, size - 1);

    private static int ContainingCell(float center, double offset, int stride, int size)
        => (int)Math.Clamp(Math.Floor((center - offset) / stride), 0, size - 1);

    private static float LargestDistance(ReadOnlySpan<float> cx, ReadOnlySpan<float> cy, float gx, float gy)
    {
        float largest = 0f;
        for (int i = 0; i < cx.Length; i++)
        {
            largest = MathF.Max(largest, Kernels.CenterDistanceOf(cx[i], cy[i], gx, gy));
        }

        return largest;
    }

    /// <summary>
    /// Multi-anchor levels with k &lt;= A (RetinaNet's nine anchors and MMDetection's k = 9): the candidates are the k
    /// nearest anchors of the nearest location whenever every other location is provably farther than the k-th of
    /// them, which holds unless the centre is (nearly) equidistant from two locations. O(A) instead of ranking a window.
    /// </summary>
    private static bool TryNearestLocation(PriorSet priors, LevelGeometry geo, int start, float gx, float gy, double midOffsetX, double midOffsetY, AssignmentWorkspace ws, Span<int> levelCandidates)
    {
        PriorLevelGrid grid = geo.Grid;
        int a = grid.AnchorsPerLocation;
        int kl = levelCandidates.Length;
        int column = NearestCell(gx, midOffsetX, grid.StrideX, grid.Width);
        int row = NearestCell(gy, midOffsetY, grid.StrideY, grid.Height);
        int location = (row * grid.Width) + column;
        int first = start + (location * a);
        float kth;
        if (kl == a)
        {
            // All the location's anchors; the k-th distance is their largest, one distance when they share a centre.
            for (int i = 0; i < a; i++)
            {
                levelCandidates[i] = first + i;
            }

            kth = geo.SharedCenterX is float[] sharedX && geo.SharedCenterY is float[] sharedY && !float.IsNaN(sharedX[location])
                ? Kernels.CenterDistanceOf(sharedX[location], sharedY[location], gx, gy)
                : LargestDistance(priors.CenterX.AsSpan(first, a), priors.CenterY.AsSpan(first, a), gx, gy);
        }
        else
        {
            Span<float> distance = ws.LevelDistances.AsSpan(0, a);
            Kernels.CenterDistanceScalar(priors.CenterX.AsSpan(first, a), priors.CenterY.AsSpan(first, a), gx, gy, distance);

            // Offered in index order, so equal distances keep the lower index (the caller sorts by index afterwards).
            var nearest = new SortedNearest(ws.HeapDistances.AsSpan(0, kl), levelCandidates);
            for (int i = 0; i < a; i++)
            {
                nearest.Offer(distance[i], first + i);
            }

            kth = nearest.Worst;
        }

        double reach = Reach(kth);
        return reach * reach < OutsideLowerBoundSquared(geo, column, column, row, row, gx, gy);
    }
}
