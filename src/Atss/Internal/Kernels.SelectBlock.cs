using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Atss;

internal static partial class Kernels
{
    /// <summary>
    /// One level's candidates from a 4 x 4 block of single-anchor locations, in one pass of sixteen lanes: centres
    /// <c>(x1 + x2) / 2</c>, distances <c>sqrtf(dx*dx + dy*dy)</c> and IoUs with <paramref name="gt"/> (the scalar formulas
    /// of <see cref="Overlaps"/> and <see cref="CenterDistance"/>, bit for bit), then a branch-free rank of every lane by
    /// (distance, prior index). The k lowest-ranked lanes are written in ascending prior index (lane order) to
    /// <paramref name="indices"/>, <paramref name="ious"/> and <paramref name="depths"/> (<see cref="CenterTests.Depth"/>);
    /// all must hold 16 entries, and the entries after the k-th are set to 0. Returns the k-th smallest distance, for the caller's proof that no prior outside the block is nearer.
    /// Lane <c>4r + c</c> is prior <c>firstIndex + r * rowStride + c</c>.
    /// </summary>
    /// <remarks>Requires <see cref="Avx512F"/>; <see cref="SelectBlock4x4Scalar"/> is the reference.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SelectBlock4x4V512(ReadOnlySpan<Box> boxes, int firstIndex, int rowStride, in Box gt, bool legacy, int k, Span<int> indices, Span<float> ious, Span<float> depths)
    {
        CheckBlock(boxes.Length, firstIndex, rowStride, k, indices.Length, ious.Length, depths.Length);

        LoadBoxRows(boxes, firstIndex, rowStride, out Vector512<float> x1, out Vector512<float> y1, out Vector512<float> x2, out Vector512<float> y2);

        // Distances; * 0.5 and the reference's / 2 round the same exact half, so they give the same float.
        Vector512<float> half = Vector512.Create(0.5f);
        Vector512<float> cx = (x1 + x2) * half;
        Vector512<float> cy = (y1 + y2) * half;
        Vector512<float> dx = cx - Vector512.Create(gt.CenterX);
        Vector512<float> dy = cy - Vector512.Create(gt.CenterY);
        Vector512<float> distance = Vector512.Sqrt((dx * dx) + (dy * dy));

        Vector512<int> lane = Vector512<int>.Indices;
        Vector512<int> prior = Vector512.Create(firstIndex) + ((lane >> 2) * Vector512.Create(rowStride)) + (lane & Vector512.Create(3));
        Vector512<float> iou = legacy ? IouLegacy(x1, y1, x2, y2, gt) : IouContinuous(x1, y1, x2, y2, gt);

        return WriteNearest(distance, prior, iou, Depth(cx, cy, gt), k, indices, ious, depths);
    }

    /// <summary>
    /// Four rows of four consecutive boxes <c>[x1 y1 x2 y2]</c>, from <paramref name="firstIndex"/> and
    /// <paramref name="rowStride"/> apart, transposed to one vector per coordinate: lane <c>4r + c</c> is box
    /// <c>firstIndex + r * rowStride + c</c>. The caller has checked that the rows lie inside <paramref name="boxes"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadBoxRows(ReadOnlySpan<Box> boxes, int firstIndex, int rowStride, out Vector512<float> x1, out Vector512<float> y1, out Vector512<float> x2, out Vector512<float> y2)
    {
        ref float b = ref Unsafe.As<Box, float>(ref MemoryMarshal.GetReference(boxes));
        Vector512<float> r0 = Vector512.LoadUnsafe(ref b, (nuint)firstIndex * 4);
        Vector512<float> r1 = Vector512.LoadUnsafe(ref b, (nuint)(firstIndex + rowStride) * 4);
        Vector512<float> r2 = Vector512.LoadUnsafe(ref b, (nuint)(firstIndex + (2 * rowStride)) * 4);
        Vector512<float> r3 = Vector512.LoadUnsafe(ref b, (nuint)(firstIndex + (3 * rowStride)) * 4);
        Vector512<int> firstHalf = Vector512.Create(0, 4, 8, 12, 16, 20, 24, 28, 1, 5, 9, 13, 17, 21, 25, 29);
        Vector512<int> secondHalf = Vector512.Create(2, 6, 10, 14, 18, 22, 26, 30, 3, 7, 11, 15, 19, 23, 27, 31);
        Vector512<float> xy1Rows01 = Avx512F.PermuteVar16x32x2(r0, firstHalf, r1);
        Vector512<float> xy2Rows01 = Avx512F.PermuteVar16x32x2(r0, secondHalf, r1);
        Vector512<float> xy1Rows23 = Avx512F.PermuteVar16x32x2(r2, firstHalf, r3);
        Vector512<float> xy2Rows23 = Avx512F.PermuteVar16x32x2(r2, secondHalf, r3);
        x1 = Avx512F.Shuffle4x128(xy1Rows01, xy1Rows23, 0b01_00_01_00);
        y1 = Avx512F.Shuffle4x128(xy1Rows01, xy1Rows23, 0b11_10_11_10);
        x2 = Avx512F.Shuffle4x128(xy2Rows01, xy2Rows23, 0b01_00_01_00);
        y2 = Avx512F.Shuffle4x128(xy2Rows01, xy2Rows23, 0b11_10_11_10);
    }

    /// <summary>
    /// The common end of the 4 x 4 kernels: ranks the sixteen lanes by (distance, lane), compresses the k nearest lanes'
    /// prior indices, IoUs and depths, in lane order, into the 16-slot destinations (zeros after the k-th) and returns
    /// the k-th distance.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float WriteNearest(Vector512<float> distance, Vector512<int> prior, Vector512<float> iou, Vector512<float> depth, int k, Span<int> indices, Span<float> ious, Span<float> depths)
        => WriteNearest(distance, prior, iou, depth, k, ref MemoryMarshal.GetReference(indices), ref MemoryMarshal.GetReference(ious), ref MemoryMarshal.GetReference(depths));

    /// <summary><see cref="WriteNearest(Vector512{float}, Vector512{int}, Vector512{float}, Vector512{float}, int, Span{int}, Span{float}, Span{float})"/> into 16 slots from each reference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float WriteNearest(Vector512<float> distance, Vector512<int> prior, Vector512<float> iou, Vector512<float> depth, int k, ref int indices, ref float ious, ref float depths)
    {
        Vector512<int> rank = RankByDistanceThenLane(distance.AsInt32());
        Vector512<int> selected = Vector512.LessThan(rank, Vector512.Create(k));
        Avx512F.Compress(Vector512<int>.Zero, selected, prior).StoreUnsafe(ref indices);
        Avx512F.Compress(Vector512<float>.Zero, selected.AsSingle(), iou).StoreUnsafe(ref ious);
        Avx512F.Compress(Vector512<float>.Zero, selected.AsSingle(), depth).StoreUnsafe(ref depths);
        return Avx512F.Compress(Vector512<float>.Zero, Vector512.Equals(rank, Vector512.Create(k - 1)).AsSingle(), distance).ToScalar();
    }

    /// <summary>
    /// The rank of every lane by (distance, lane): how many lanes hold a smaller distance, or the same distance in an
    /// earlier lane. <paramref name="bits"/> are the distances' float32 bits; distances are finite and &gt;= 0, so their bits
    /// order as integers, and "d_j &lt;= d_i" (an earlier lane j wins the tie) is "bits_j - 1 &lt; bits_i". Rotation s pairs
    /// lane i with lane i + s; lanes that wrap past 15 meet an earlier lane, so they read from bits - 1 (valignd shifts
    /// the pair [bits, bits - 1] by s lanes). The fifteen rotations are independent, so their work overlaps.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> RankByDistanceThenLane(Vector512<int> bits)
    {
        // Four counters (counter a takes rotations a, a + 4, a + 8 and a + 12 up to 15), summed at the end: chains of at
        // most four masked adds instead of fifteen in a row.
        Vector512<int> bitsMinusOne = bits - Vector512<int>.One;
        Vector512<int> one = Vector512<int>.One;
        Vector512<int> r1 = Vector512.ConditionalSelect(Vector512.LessThan(Avx512F.AlignRight32(bitsMinusOne, bits, 1), bits), one, Vector512<int>.Zero);
        Vector512<int> r2 = Vector512.ConditionalSelect(Vector512.LessThan(Avx512F.AlignRight32(bitsMinusOne, bits, 2), bits), one, Vector512<int>.Zero);
        Vector512<int> r3 = Vector512.ConditionalSelect(Vector512.LessThan(Avx512F.AlignRight32(bitsMinusOne, bits, 3), bits), one, Vector512<int>.Zero);
        Vector512<int> r4 = Vector512.ConditionalSelect(Vector512.LessThan(Avx512F.AlignRight32(bitsMinusOne, bits, 4), bits), one, Vector512<int>.Zero);
        r1 = Vector512.ConditionalSelect(Vector512.LessThan(Avx512F.AlignRight32(bitsMinusOne, bits, 5), bits), r1 + one, r1);
        r2 = Vector512.ConditionalSelect(Vector512.LessThan(Avx512F.AlignRight32(bitsMinusOne, bits, 6), bits), r2 + one, r2);
        r3 = Vector512.ConditionalSelect(Vector512.LessThan(Avx512F.AlignRight32(bitsMinusOne, bits, 7), bits), r3 + one, r3);
        r4 = Vector512.ConditionalSelect(Vector512.LessThan(Avx512F.AlignRight32(bitsMinusOne, bits, 8), bits), r4 + one, r4);
        r1 = Vector512.ConditionalSelect(Vector512.LessThan(Avx512F.AlignRight32(bitsMinusOne, bits, 9), bits), r1 + one, r1);
        r2 = Vector512.ConditionalSelect(Vector512.LessThan(Avx512F.AlignRight32(bitsMinusOne, bits, 10), bits), r2 + one, r2);
        r3 = Vector512.ConditionalSelect(Vector512.LessThan(Avx512F.AlignRight32(bitsMinusOne, bits, 11), bits), r3 + one, r3);
        r4 = Vector512.ConditionalSelect(Vector512.LessThan(Avx512F.AlignRight32(bitsMinusOne, bits, 12), bits), r4 + one, r4);
        r1 = Vector512.ConditionalSelect(Vector512.LessThan(Avx512F.AlignRight32(bitsMinusOne, bits, 13), bits), r1 + one, r1);
        r2 = Vector512.ConditionalSelect(Vector512.LessThan(Avx512F.AlignRight32(bitsMinusOne, bits, 14), bits), r2 + one, r2);
        r3 = Vector512.ConditionalSelect(Vector512.LessThan(Avx512F.AlignRight32(bitsMinusOne, bits, 15), bits), r3 + one, r3);
        return (r1 + r2) + (r3 + r4);
    }

    // CenterTests.Depth lane by lane (how far inside the box each centre lies), for the centre-inside test.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Depth(Vector512<float> cx, Vector512<float> cy, in Box gt)
        => Avx512F.Min(
            Avx512F.Min(cx - Vector512.Create(gt.X1), Vector512.Create(gt.X2) - cx),
            Avx512F.Min(cy - Vector512.Create(gt.Y1), Vector512.Create(gt.Y2) - cy));

    // Overlaps.IouContinuous lane by lane; Avx512F.Min/Max are "a < b ? a : b" and "a > b ? a : b", the scalar helpers
    // of Overlaps and CenterTests, so even the sign of a zero matches.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> IouContinuous(Vector512<float> x1, Vector512<float> y1, Vector512<float> x2, Vector512<float> y2, in Box gt)
    {
        Vector512<float> areaP = (x2 - x1) * (y2 - y1);
        Vector512<float> areaG = Vector512.Create((gt.X2 - gt.X1) * (gt.Y2 - gt.Y1));
        Vector512<float> w = Avx512F.Max(Avx512F.Min(x2, Vector512.Create(gt.X2)) - Avx512F.Max(x1, Vector512.Create(gt.X1)), Vector512<float>.Zero);
        Vector512<float> h = Avx512F.Max(Avx512F.Min(y2, Vector512.Create(gt.Y2)) - Avx512F.Max(y1, Vector512.Create(gt.Y1)), Vector512<float>.Zero);
        Vector512<float> overlap = w * h;
        Vector512<float> union = Avx512F.Max((areaP + areaG) - overlap, Vector512.Create(Overlaps.ContinuousEpsilon));
        return overlap / union;
    }

    // Overlaps.IouLegacy lane by lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> IouLegacy(Vector512<float> x1, Vector512<float> y1, Vector512<float> x2, Vector512<float> y2, in Box gt)
    {
        Vector512<float> one = Vector512<float>.One;
        Vector512<float> areaP = ((x2 - x1) + one) * ((y2 - y1) + one);
        Vector512<float> areaG = Vector512.Create(((gt.X2 - gt.X1) + 1f) * ((gt.Y2 - gt.Y1) + 1f));
        Vector512<float> w = Avx512F.Max((Avx512F.Min(x2, Vector512.Create(gt.X2)) - Avx512F.Max(x1, Vector512.Create(gt.X1))) + one, Vector512<float>.Zero);
        Vector512<float> h = Avx512F.Max((Avx512F.Min(y2, Vector512.Create(gt.Y2)) - Avx512F.Max(y1, Vector512.Create(gt.Y1))) + one, Vector512<float>.Zero);
        Vector512<float> overlap = w * h;
        return overlap / ((areaP + areaG) - overlap);
    }

    /// <summary>Scalar reference of <see cref="SelectBlock4x4V512"/>: same lanes, keys, outputs and return value.</summary>
    public static float SelectBlock4x4Scalar(ReadOnlySpan<Box> boxes, int firstIndex, int rowStride, in Box gt, bool legacy, int k, Span<int> indices, Span<float> ious, Span<float> depths)
    {
        CheckBlock(boxes.Length, firstIndex, rowStride, k, indices.Length, ious.Length, depths.Length);
        indices[..16].Clear();
        ious[..16].Clear();
        depths[..16].Clear();
        Span<float> distance = stackalloc float[16];
        for (int lane = 0; lane < 16; lane++)
        {
            Box p = boxes[firstIndex + ((lane >> 2) * rowStride) + (lane & 3)];
            float dx = p.CenterX - gt.CenterX;
            float dy = p.CenterY - gt.CenterY;
            distance[lane] = MathF.Sqrt((dx * dx) + (dy * dy));
        }

        int written = 0;
        float kth = 0f;
        for (int lane = 0; lane < 16; lane++)
        {
            int rank = 0;
            for (int other = 0; other < 16; other++)
            {
                if (distance[other] < distance[lane] || (distance[other] == distance[lane] && other < lane))
                {
                    rank++;
                }
            }

            if (rank < k)
            {
                int index = firstIndex + ((lane >> 2) * rowStride) + (lane & 3);
                indices[written] = index;
                depths[written] = CenterTests.Depth(boxes[index].CenterX, boxes[index].CenterY, gt);
                ious[written++] = Overlaps.Iou(boxes[index], gt, legacy ? BoxConvention.LegacyPlusOne : BoxConvention.Continuous);
            }

            if (rank == k - 1)
            {
                kth = distance[lane];
            }
        }

        return kth;
    }

    // The block must lie inside the boxes (rows of 4 priors, rowStride >= 4 apart), k in 1..16, destinations 16 long.
    // The messages are built out of line, so the inlined check stays small.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckBlock(int boxCount, int firstIndex, int rowStride, int k, int indicesLength, int iousLength, int depthsLength)
    {
        if (rowStride < 4 || firstIndex < 0 || (long)firstIndex + (3L * rowStride) + 4 > boxCount || (uint)(k - 1) >= 16 || indicesLength < 16 || iousLength < 16 || depthsLength < 16)
        {
            ThrowBadBlock(boxCount, firstIndex, rowStride, k, indicesLength, iousLength, depthsLength);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadBlock(int boxCount, int firstIndex, int rowStride, int k, int indicesLength, int iousLength, int depthsLength)
    {
        if (rowStride < 4 || firstIndex < 0 || (long)firstIndex + (3L * rowStride) + 4 > boxCount)
        {
            ThrowHelper.ThrowArgument(nameof(firstIndex), $"and row stride {rowStride} place a 4 x 4 block at {firstIndex}, outside {boxCount} priors (or rows overlap).");
        }

        if ((uint)(k - 1) >= 16)
        {
            ThrowHelper.ThrowOutOfRange(nameof(k), k, "1 to 16");
        }

        ThrowHelper.ThrowArgument("destinations", $"hold {indicesLength}, {iousLength} and {depthsLength} entries; the block kernel writes 16 to each.");
    }
}
