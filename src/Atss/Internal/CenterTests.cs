using System.Runtime.CompilerServices;

namespace Atss;

/// <summary>Point-in-box tests shared by the strategies, in the references' float32 operation order.</summary>
internal static class CenterTests
{
    /// <summary>
    /// <c>min(cx - x1, x2 - cx, cy - y1, y2 - cy)</c> in float32: how far the point lies inside the box (negative outside).
    /// Grouped as <c>min(min(l, r), min(t, b))</c>, one horizontal and one vertical term, which the separable block
    /// kernels reproduce from per-column and per-row values (even the sign of a zero).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Depth(float cx, float cy, in Box box)
    {
        float l = cx - box.X1;
        float r = box.X2 - cx;
        float t = cy - box.Y1;
        float b = box.Y2 - cy;
        // Plain comparisons (single instructions): inputs are validated, so there is no NaN, and the sign of a zero
        // minimum cannot change a comparison with the margin.
        float horizontal = l < r ? l : r;
        float vertical = t < b ? t : b;
        return horizontal < vertical ? horizontal : vertical;
    }

    /// <summary>Whether the point lies inside the box by more than <paramref name="margin"/> on every side (strict).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Inside(float cx, float cy, in Box box, float margin) => Depth(cx, cy, box) > margin;
}
