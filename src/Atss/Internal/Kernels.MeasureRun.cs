using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Atss;

internal static partial class Kernels
{
    /// <summary>
    /// IoUs with <paramref name="gt"/> and centre depths (<see cref="CenterTests.Depth"/>) of the sixteen consecutive
    /// priors from <paramref name="first"/>, bit for bit the scalar formulas of <see cref="Overlaps"/>: window searches
    /// on multi-anchor levels return whole locations, runs of consecutive priors that one load and transpose measure
    /// together. Lane i is prior <c>first + i</c>. O(1).
    /// </summary>
    /// <remarks>Requires <see cref="Avx512F"/>. Reads all sixteen priors, which must exist.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MeasureSixteenV512(ReadOnlySpan<Box> boxes, ReadOnlySpan<float> centerX, ReadOnlySpan<float> centerY, int first, in Box gt, bool legacy, out Vector512<float> ious, out Vector512<float> depths)
    {
        if (first < 0 || (long)first + 16 > boxes.Length || centerX.Length < boxes.Length || centerY.Length < boxes.Length)
        {
            ThrowBadRun(boxes.Length, centerX.Length, centerY.Length, first);
        }

        LoadBoxRows(boxes, first, 4, out Vector512<float> x1, out Vector512<float> y1, out Vector512<float> x2, out Vector512<float> y2);
        ious = legacy ? IouLegacy(x1, y1, x2, y2, gt) : IouContinuous(x1, y1, x2, y2, gt);
        Vector512<float> cx = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(centerX), (nuint)first);
        Vector512<float> cy = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(centerY), (nuint)first);
        depths = Depth(cx, cy, gt);
    }

    /// <summary>
    /// <see cref="MeasureSixteenV512"/> for CPUs with AVX but not AVX-512: eight consecutive priors from
    /// <paramref name="first"/>, lane i is prior <c>first + i</c>. O(1).
    /// </summary>
    /// <remarks>Requires <see cref="Avx"/>. Reads all eight priors, which must exist.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MeasureEightV256(ReadOnlySpan<Box> boxes, ReadOnlySpan<float> centerX, ReadOnlySpan<float> centerY, int first, in Box gt, bool legacy, out Vector256<float> ious, out Vector256<float> depths)
    {
        if (first < 0 || (long)first + 8 > boxes.Length || centerX.Length < boxes.Length || centerY.Length < boxes.Length)
        {
            ThrowBadRun(boxes.Length, centerX.Length, centerY.Length, first);
        }

        // Boxes i and i + 4 share a vector (one per 128-bit half), so the in-half 4 x 4 transpose gives lanes in prior order.
        ref float b = ref Unsafe.As<Box, float>(ref MemoryMarshal.GetReference(boxes));
        nuint at = (nuint)first * 4;
        Vector256<float> r0 = Vector256.Create(Vector128.LoadUnsafe(ref b, at), Vector128.LoadUnsafe(ref b, at + 16));
        Vector256<float> r1 = Vector256.Create(Vector128.LoadUnsafe(ref b, at + 4), Vector128.LoadUnsafe(ref b, at + 20));
        Vector256<float> r2 = Vector256.Create(Vector128.LoadUnsafe(ref b, at + 8), Vector128.LoadUnsafe(ref b, at + 24));
        Vector256<float> r3 = Vector256.Create(Vector128.LoadUnsafe(ref b, at + 12), Vector128.LoadUnsafe(ref b, at + 28));
        Vector256<float> xy1Rows01 = Avx.UnpackLow(r0, r1);
        Vector256<float> xy2Rows01 = Avx.UnpackHigh(r0, r1);
        Vector256<float> xy1Rows23 = Avx.UnpackLow(r2, r3);
        Vector256<float> xy2Rows23 = Avx.UnpackHigh(r2, r3);
        Vector256<float> x1 = Avx.Shuffle(xy1Rows01, xy1Rows23, 0b01_00_01_00);
        Vector256<float> y1 = Avx.Shuffle(xy1Rows01, xy1Rows23, 0b11_10_11_10);
        Vector256<float> x2 = Avx.Shuffle(xy2Rows01, xy2Rows23, 0b01_00_01_00);
        Vector256<float> y2 = Avx.Shuffle(xy2Rows01, xy2Rows23, 0b11_10_11_10);

        ious = legacy ? IouLegacy(x1, y1, x2, y2, gt) : IouContinuous(x1, y1, x2, y2, gt);
        Vector256<float> cx = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(centerX), (nuint)first);
        Vector256<float> cy = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(centerY), (nuint)first);
        depths = Avx.Min(
            Avx.Min(cx - Vector256.Create(gt.X1), Vector256.Create(gt.X2) - cx),
            Avx.Min(cy - Vector256.Create(gt.Y1), Vector256.Create(gt.Y2) - cy));
    }

    // Overlaps.IouContinuous lane by lane; Avx.Min/Max are "a < b ? a : b" and "a > b ? a : b", the scalar helpers.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> IouContinuous(Vector256<float> x1, Vector256<float> y1, Vector256<float> x2, Vector256<float> y2, in Box gt)
    {
        Vector256<float> areaP = (x2 - x1) * (y2 - y1);
        Vector256<float> areaG = Vector256.Create((gt.X2 - gt.X1) * (gt.Y2 - gt.Y1));
        Vector256<float> w = Avx.Max(Avx.Min(x2, Vector256.Create(gt.X2)) - Avx.Max(x1, Vector256.Create(gt.X1)), Vector256<float>.Zero);
        Vector256<float> h = Avx.Max(Avx.Min(y2, Vector256.Create(gt.Y2)) - Avx.Max(y1, Vector256.Create(gt.Y1)), Vector256<float>.Zero);
        Vector256<float> overlap = w * h;
        return overlap / Avx.Max((areaP + areaG) - overlap, Vector256.Create(Overlaps.ContinuousEpsilon));
    }

    // Overlaps.IouLegacy lane by lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> IouLegacy(Vector256<float> x1, Vector256<float> y1, Vector256<float> x2, Vector256<float> y2, in Box gt)
    {
        Vector256<float> one = Vector256<float>.One;
        Vector256<float> areaP = ((x2 - x1) + one) * ((y2 - y1) + one);
        Vector256<float> areaG = Vector256.Create(((gt.X2 - gt.X1) + 1f) * ((gt.Y2 - gt.Y1) + 1f));
        Vector256<float> w = Avx.Max((Avx.Min(x2, Vector256.Create(gt.X2)) - Avx.Max(x1, Vector256.Create(gt.X1))) + one, Vector256<float>.Zero);
        Vector256<float> h = Avx.Max((Avx.Min(y2, Vector256.Create(gt.Y2)) - Avx.Max(y1, Vector256.Create(gt.Y1))) + one, Vector256<float>.Zero);
        Vector256<float> overlap = w * h;
        return overlap / ((areaP + areaG) - overlap);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadRun(int boxCount, int centerXCount, int centerYCount, int first)
    {
        if (centerXCount < boxCount || centerYCount < boxCount)
        {
            ThrowHelper.ThrowArgument("centers", $"hold {centerXCount} and {centerYCount} entries for {boxCount} boxes.");
        }

        ThrowHelper.ThrowArgument(nameof(first), $"is {first}; the run of priors from it must lie inside the {boxCount} boxes.");
    }
}
