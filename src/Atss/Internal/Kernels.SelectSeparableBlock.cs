using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Atss;

internal static partial class Kernels
{
    /// <summary>
    /// <see cref="SelectBlock4x4V512"/> for a separable level (<see cref="BlockLevel.Edges"/>): every prior of column x
    /// has the same <c>x1</c> and <c>x2</c>, and every prior of row y the same <c>y1</c> and <c>y2</c>, bit for bit.
    /// The per-column and per-row parts of the distance, IoU and depth are computed on four lanes and spread to the
    /// sixteen; each lane still runs the scalar formulas' float32 operations on the same operands, in the same grouping,
    /// so every output is identical, bit for bit, to <see cref="SelectBlock4x4Scalar"/> on the materialised boxes. The
    /// block is columns <paramref name="x0"/>..x0+3 and rows <paramref name="y0"/>..y0+3; lane <c>4r + c</c> is prior
    /// <c>firstIndex + r * width + c</c>, where <paramref name="firstIndex"/> is the block's top-left prior.
    /// </summary>
    /// <remarks>Requires <see cref="Avx512F"/>. Fewer wide operations than the general kernel, and no loads of whole boxes.</remarks>
    public static float SelectSeparableBlock4x4V512(ReadOnlySpan<float> edges, int width, int height, int x0, int y0, int firstIndex, in Box gt, bool legacy, int k, Span<int> indices, Span<float> ious, Span<float> depths)
    {
        CheckSeparableBlock(edges.Length, width, height, x0, y0, k, indices.Length, ious.Length, depths.Length);
        return SelectSeparableBlock4x4V512(ref MemoryMarshal.GetReference(edges), width, height, x0, y0, firstIndex, new SeparableBoxTerms(gt, legacy), k, ref MemoryMarshal.GetReference(indices), ref MemoryMarshal.GetReference(ious), ref MemoryMarshal.GetReference(depths));
    }

    /// <summary>
    /// The unchecked core of <see cref="SelectSeparableBlock4x4V512(ReadOnlySpan{float}, int, int, int, int, int, in Box, bool, int, Span{int}, Span{float}, Span{float})"/>
    /// for the block path, which proves its arguments once per level set: the block lies inside the level, k is 1..16,
    /// and the three destinations hold 16 slots. The box's terms come precomputed, once for all levels. The column
    /// terms sit in lanes 0..3 and the row terms in lanes 4..7 of one 256-bit vector, so each step is one instruction
    /// for both axes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float SelectSeparableBlock4x4V512(ref float edges, int width, int height, int x0, int y0, int firstIndex, in SeparableBoxTerms box, int k, ref int indices, ref float ious, ref float depths)
    {
        // Lanes 0..3: columns x0..x0+3 (x1, then x2); lanes 4..7: rows y0..y0+3 (y1, then y2).
        Vector256<float> near = Vector256.Create(Vector128.LoadUnsafe(ref edges, (nuint)x0), Vector128.LoadUnsafe(ref edges, (nuint)((2 * width) + y0)));
        Vector256<float> far = Vector256.Create(Vector128.LoadUnsafe(ref edges, (nuint)(width + x0)), Vector128.LoadUnsafe(ref edges, (nuint)((2 * width) + height + y0)));

        // Per axis: squared centre offset, overlap side, own side, centre depth (the scalar formulas' operands and order).
        Vector256<float> center = (near + far) * Vector256.Create(0.5f);
        Vector256<float> offset = center - box.Center;
        Vector256<float> side = Avx.Min(far, box.High) - Avx.Max(near, box.Low);
        Vector256<float> own = far - near;
        if (box.Legacy)
        {
            side += Vector256<float>.One;
            own += Vector256<float>.One;
        }

        Vector256<float> overlapSide = Avx.Max(side, Vector256<float>.Zero);
        // CenterTests.Depth's grouping, min(min(l, r), min(t, b)): an axis term per lane (minps is its "a < b ? a : b").
        Vector256<float> depthSide = Avx.Min(center - box.Low, box.High - center);

        // Spread: lane 4r + c takes column c (lane c) and row r (lane 4 + r).
        Vector512<int> column = Vector512<int>.Indices & Vector512.Create(3);
        Vector512<int> blockRow = Vector512<int>.Indices >> 2;
        Vector512<int> row = blockRow + Vector512.Create(4);
        Vector256<float> squared = offset * offset;
        Vector512<float> distance = Vector512.Sqrt(Spread(squared, column) + Spread(squared, row));
        Vector512<float> overlap = Spread(overlapSide, column) * Spread(overlapSide, row);
        Vector512<float> sum = (Spread(own, column) * Spread(own, row)) + box.Area;
        Vector512<float> union = box.Legacy ? sum - overlap : Avx512F.Max(sum - overlap, Vector512.Create(Overlaps.ContinuousEpsilon));
        Vector512<float> iou = overlap / union;
        Vector512<float> depth = Avx512F.Min(Spread(depthSide, column), Spread(depthSide, row));

        Vector512<int> prior = Vector512.Create(firstIndex) + (blockRow * Vector512.Create(width)) + column;
        return WriteNearest(distance, prior, iou, depth, k, ref indices, ref ious, ref depths);
    }

    /// <summary>
    /// <see cref="SelectSeparableBlock4x4V512(ReadOnlySpan{float}, int, int, int, int, int, in Box, bool, int, Span{int}, Span{float}, Span{float})"/> for CPUs without AVX-512 (portable 128-bit vectors: SSE, Arm AdvSimd):
    /// the sixteen distances, IoUs and depths row by row (four columns per vector, the row's terms broadcast), ranked by
    /// the 256- or 128-bit ranking; the k nearest are written in lane order. Same outputs as the scalar reference,
    /// except that only the IoU slots after the k-th are cleared (indices and depths there are left as they were).
    /// </summary>
    /// <remarks>Needs hardware-accelerated <see cref="Vector128"/>.</remarks>
    public static float SelectSeparableBlock4x4V128(ReadOnlySpan<float> edges, int width, int height, int x0, int y0, int firstIndex, in Box gt, bool legacy, int k, Span<int> indices, Span<float> ious, Span<float> depths)
        => SelectSeparableBlock4x4V128(edges, width, height, x0, y0, firstIndex, gt, legacy, k, indices, ious, depths, Vector256.IsHardwareAccelerated);

    /// <summary><see cref="SelectSeparableBlock4x4V128(ReadOnlySpan{float}, int, int, int, int, int, in Box, bool, int, Span{int}, Span{float}, Span{float})"/> with the ranking width chosen (tests run both).</summary>
    internal static float SelectSeparableBlock4x4V128(ReadOnlySpan<float> edges, int width, int height, int x0, int y0, int firstIndex, in Box gt, bool legacy, int k, Span<int> indices, Span<float> ious, Span<float> depths, bool wideRanking)
    {
        CheckSeparableBlock(edges.Length, width, height, x0, y0, k, indices.Length, ious.Length, depths.Length);

        (Vector128<float> dx2, Vector128<float> overlapX, Vector128<float> ownX, Vector128<float> horizontal) = ColumnTerms(edges, width, x0, gt, legacy);
        Vector128<float> areaG = Vector128.Create(legacy ? ((gt.X2 - gt.X1) + 1f) * ((gt.Y2 - gt.Y1) + 1f) : (gt.X2 - gt.X1) * (gt.Y2 - gt.Y1));
        Vector128<float> epsilon = Vector128.Create(legacy ? 0f : Overlaps.ContinuousEpsilon);

        // Adding +0 to a legacy side or own size leaves it unchanged, and a legacy union is positive, so the max with
        // epsilon 0 changes nothing: one body serves both conventions.
        Span<float> distance = stackalloc float[16];
        Span<float> iou = stackalloc float[16];
        Span<float> depth = stackalloc float[16];
        float one = legacy ? 1f : 0f;
        for (int r = 0; r < 4; r++)
        {
            (float dy, float overlapY, float ownY, float vertical) = RowTerms(edges, width, height, y0 + r, gt, one);
            Vector128<float> overlap = overlapX * Vector128.Create(overlapY);
            Vector128<float> union = Vector128.MaxNative(((ownX * Vector128.Create(ownY)) + areaG) - overlap, epsilon);
            Vector128.Sqrt(dx2 + Vector128.Create(dy * dy)).StoreUnsafe(ref MemoryMarshal.GetReference(distance), (nuint)(4 * r));
            (overlap / union).StoreUnsafe(ref MemoryMarshal.GetReference(iou), (nuint)(4 * r));
            Smaller(horizontal, Vector128.Create(vertical)).StoreUnsafe(ref MemoryMarshal.GetReference(depth), (nuint)(4 * r));
        }

        ReadOnlySpan<int> bits = MemoryMarshal.Cast<float, int>(distance);
        (uint selected, uint kthLane) = wideRanking ? SelectByRankV256(bits, k) : SelectByRankV128(bits, k);
        int written = 0;
        for (; selected != 0; selected &= selected - 1)
        {
            int lane = BitOperations.TrailingZeroCount(selected);
            indices[written] = firstIndex + ((lane >> 2) * width) + (lane & 3);
            ious[written] = iou[lane];
            depths[written++] = depth[lane];
        }

        ious[k..ChunkLength].Clear();
        return distance[BitOperations.TrailingZeroCount(kthLane)];
    }

    /// <summary>
    /// <see cref="SelectSeparableBlock4x4V128(ReadOnlySpan{float}, int, int, int, int, int, in Box, bool, int, Span{int}, Span{float}, Span{float})"/> for AVX2 CPUs: two block rows per 256-bit vector (the column terms in
    /// both halves, each half's row terms broadcast), the same float32 operations on the same operands, so the same
    /// bits; the 256-bit ranking in registers, and the k nearest compressed in lane order by a permutation table. The
    /// IoU slots after the k-th are cleared; the index and depth slots there are left undefined.
    /// </summary>
    /// <remarks>Requires <see cref="Avx2"/>.</remarks>
    public static float SelectSeparableBlock4x4V256(ReadOnlySpan<float> edges, int width, int height, int x0, int y0, int firstIndex, in Box gt, bool legacy, int k, Span<int> indices, Span<float> ious, Span<float> depths)
    {
        CheckSeparableBlock(edges.Length, width, height, x0, y0, k, indices.Length, ious.Length, depths.Length);

        (Vector128<float> columnDx2, Vector128<float> columnOverlapX, Vector128<float> columnOwnX, Vector128<float> columnHorizontal) = ColumnTerms(edges, width, x0, gt, legacy);
        Vector256<float> dx2 = Both(columnDx2);
        Vector256<float> overlapX = Both(columnOverlapX);
        Vector256<float> ownX = Both(columnOwnX);
        Vector256<float> horizontal = Both(columnHorizontal);
        Vector256<float> areaG = Vector256.Create(legacy ? ((gt.X2 - gt.X1) + 1f) * ((gt.Y2 - gt.Y1) + 1f) : (gt.X2 - gt.X1) * (gt.Y2 - gt.Y1));
        Vector256<float> epsilon = Vector256.Create(legacy ? 0f : Overlaps.ContinuousEpsilon);
        float one = legacy ? 1f : 0f;

        // Rows 0 and 1 (lanes 0..7), then rows 2 and 3 (lanes 8..15); the row terms as in the 128-bit kernel.
        (Vector256<float> distanceLow, Vector256<float> iouLow, Vector256<float> depthLow) = TwoRows(edges, width, height, y0, gt, one, dx2, overlapX, ownX, horizontal, areaG, epsilon);
        (Vector256<float> distanceHigh, Vector256<float> iouHigh, Vector256<float> depthHigh) = TwoRows(edges, width, height, y0 + 2, gt, one, dx2, overlapX, ownX, horizontal, areaG, epsilon);

        (uint selected, uint kthLane) = SelectByRankV256(distanceLow.AsInt32(), distanceHigh.AsInt32(), k);
        int lane = BitOperations.TrailingZeroCount(kthLane);
        float kth = Avx2.PermuteVar8x32(lane < 8 ? distanceLow : distanceHigh, Vector256.Create(lane & 7)).ToScalar();

        // Each half's selected lanes moved to its front (table row = the half's mask), the high half stored right
        // after the low half's count: 8 + 8 slots at most, inside the 16.
        uint lowMask = selected & 0xFF;
        uint highMask = selected >> 8;
        int lowCount = BitOperations.PopCount(lowMask);
        ref int table = ref MemoryMarshal.GetArrayDataReference(CompressPermutations);
        Vector256<int> lowOrder = Vector256.LoadUnsafe(ref table, lowMask * 8);
        Vector256<int> highOrder = Vector256.LoadUnsafe(ref table, highMask * 8);
        Vector256<int> laneIndex = Vector256<int>.Indices;
        Vector256<int> priorLow = Vector256.Create(firstIndex) + ((laneIndex >> 2) * Vector256.Create(width)) + (laneIndex & Vector256.Create(3));
        Vector256<int> priorHigh = priorLow + Vector256.Create(2 * width);
        ref int indexSlots = ref MemoryMarshal.GetReference(indices);
        ref float iouSlots = ref MemoryMarshal.GetReference(ious);
        ref float depthSlots = ref MemoryMarshal.GetReference(depths);
        Avx2.PermuteVar8x32(priorLow, lowOrder).StoreUnsafe(ref indexSlots);
        Avx2.PermuteVar8x32(priorHigh, highOrder).StoreUnsafe(ref indexSlots, (nuint)lowCount);
        Avx2.PermuteVar8x32(iouLow, lowOrder).StoreUnsafe(ref iouSlots);
        Avx2.PermuteVar8x32(iouHigh, highOrder).StoreUnsafe(ref iouSlots, (nuint)lowCount);
        Avx2.PermuteVar8x32(depthLow, lowOrder).StoreUnsafe(ref depthSlots);
        Avx2.PermuteVar8x32(depthHigh, highOrder).StoreUnsafe(ref depthSlots, (nuint)lowCount);
        ious[k..ChunkLength].Clear();
        return kth;
    }

    // The four columns' terms of the scalar formulas from x0: dx squared, overlap width, own width (legacy +1) and
    // horizontal depth.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<float> Dx2, Vector128<float> OverlapX, Vector128<float> OwnX, Vector128<float> Horizontal) ColumnTerms(ReadOnlySpan<float> edges, int width, int x0, in Box gt, bool legacy)
    {
        ref float e = ref MemoryMarshal.GetReference(edges);
        Vector128<float> x1 = Vector128.LoadUnsafe(ref e, (nuint)x0);
        Vector128<float> x2 = Vector128.LoadUnsafe(ref e, (nuint)(width + x0));
        Vector128<float> cx = (x1 + x2) * Vector128.Create(0.5f);
        Vector128<float> dx = cx - Vector128.Create(gt.CenterX);
        Vector128<float> gx1 = Vector128.Create(gt.X1);
        Vector128<float> gx2 = Vector128.Create(gt.X2);
        Vector128<float> plus = legacy ? Vector128<float>.One : Vector128<float>.Zero;
        Vector128<float> overlapX = Vector128.MaxNative((Vector128.MinNative(x2, gx2) - Vector128.MaxNative(x1, gx1)) + plus, Vector128<float>.Zero);
        return (dx * dx, overlapX, (x2 - x1) + plus, Smaller(cx - gx1, gx2 - cx));
    }

    // Two block rows from row y (the pair's terms in the low and high 128-bit halves).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Distance, Vector256<float> Iou, Vector256<float> Depth) TwoRows(ReadOnlySpan<float> edges, int width, int height, int y, in Box gt, float one, Vector256<float> dx2, Vector256<float> overlapX, Vector256<float> ownX, Vector256<float> horizontal, Vector256<float> areaG, Vector256<float> epsilon)
    {
        (float dyA, float overlapYA, float ownYA, float verticalA) = RowTerms(edges, width, height, y, gt, one);
        (float dyB, float overlapYB, float ownYB, float verticalB) = RowTerms(edges, width, height, y + 1, gt, one);
        Vector256<float> overlap = overlapX * Halves(overlapYA, overlapYB);
        Vector256<float> union = Vector256.MaxNative(((ownX * Halves(ownYA, ownYB)) + areaG) - overlap, epsilon);
        Vector256<float> distance = Vector256.Sqrt(dx2 + Halves(dyA * dyA, dyB * dyB));
        Vector256<float> depth = Vector256.ConditionalSelect(Vector256.LessThan(horizontal, Halves(verticalA, verticalB)), horizontal, Halves(verticalA, verticalB));
        return (distance, overlap / union, depth);
    }

    // One row's terms of the scalar formulas: dy, overlap height, own height (legacy +1 in one) and vertical depth.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (float Dy, float OverlapY, float OwnY, float Vertical) RowTerms(ReadOnlySpan<float> edges, int width, int height, int y, in Box gt, float one)
    {
        float y1 = edges[(2 * width) + y];
        float y2 = edges[(2 * width) + height + y];
        float cy = (y1 + y2) * 0.5f;
        float t = cy - gt.Y1;
        float b = gt.Y2 - cy;
        return (cy - gt.CenterY, MathF.Max((MathF.Min(y2, gt.Y2) - MathF.Max(y1, gt.Y1)) + one, 0f), (y2 - y1) + one, t < b ? t : b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Both(Vector128<float> v) => Vector256.Create(v, v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Halves(float low, float high) => Vector256.Create(Vector128.Create(low), Vector128.Create(high));

    /// <summary>Row m (8 entries): the positions of m's set bits in ascending order, then zeros; moves a half's selected lanes to its front.</summary>
    private static readonly int[] CompressPermutations = BuildCompressPermutations();

    private static int[] BuildCompressPermutations()
    {
        var table = new int[256 * 8];
        for (int mask = 0; mask < 256; mask++)
        {
            for (int bit = 0, written = 0; bit < 8; bit++)
            {
                if ((mask & (1 << bit)) != 0)
                {
                    table[(mask * 8) + written++] = bit;
                }
            }
        }

        return table;
    }

    // CenterTests.Depth's "a < b ? a : b" lane by lane (the same zero, whatever its sign, on every platform).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Smaller(Vector128<float> a, Vector128<float> b) => Vector128.ConditionalSelect(Vector128.LessThan(a, b), a, b);

    // Lane i of the result is lane index[i] (0..7) of v.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Spread(Vector256<float> v, Vector512<int> index) => Avx512F.PermuteVar16x32(v.ToVector512Unsafe(), index);

    // The block must lie inside the level (columns x0..x0+3 of width, rows y0..y0+3 of height), edges must hold the
    // level's 2 * width + 2 * height values, k in 1..16, destinations 16 long. The messages are built out of line.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckSeparableBlock(int edgesLength, int width, int height, int x0, int y0, int k, int indicesLength, int iousLength, int depthsLength)
    {
        if (width < 4 || height < 4 || (long)edgesLength < (2L * width) + (2L * height) || (uint)x0 > (uint)(width - 4) || (uint)y0 > (uint)(height - 4)
            || (uint)(k - 1) >= 16 || indicesLength < 16 || iousLength < 16 || depthsLength < 16)
        {
            ThrowBadSeparableBlock(edgesLength, width, height, x0, y0, k, indicesLength, iousLength, depthsLength);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadSeparableBlock(int edgesLength, int width, int height, int x0, int y0, int k, int indicesLength, int iousLength, int depthsLength)
    {
        if (width < 4 || height < 4 || (long)edgesLength < (2L * width) + (2L * height))
        {
            ThrowHelper.ThrowArgument(nameof(edgesLength), $"{edgesLength} does not hold the edges of a {width} x {height} level (at least 4 x 4).");
        }

        if ((uint)x0 > (uint)(width - 4) || (uint)y0 > (uint)(height - 4))
        {
            ThrowHelper.ThrowArgument(nameof(x0), $"and y0 place a 4 x 4 block at ({x0}, {y0}), outside the {width} x {height} level.");
        }

        if ((uint)(k - 1) >= 16)
        {
            ThrowHelper.ThrowOutOfRange(nameof(k), k, "1 to 16");
        }

        ThrowHelper.ThrowArgument("destinations", $"hold {indicesLength}, {iousLength} and {depthsLength} entries; the block kernel writes 16 to each.");
    }
}
