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

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadRun(int boxCount, int centerXCount, int centerYCount, int first)
    {
        if (centerXCount < boxCount || centerYCount < boxCount)
        {
            ThrowHelper.ThrowArgument("centers", $"hold {centerXCount} and {centerYCount} entries for {boxCount} boxes.");
        }

        ThrowHelper.ThrowArgument(nameof(first), $"is {first}; sixteen priors from it must lie inside the {boxCount} boxes.");
    }
}
