using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Atss;

internal static partial class Kernels
{
    /// <summary>
    /// <c>dist[i] = sqrt((cx[i] - gx)^2 + (cy[i] - gy)^2)</c> in float32 with two roundings for the squares and one
    /// for the sum (no fused multiply-add), the references' formula, so every width gives bit-identical results.
    /// </summary>
    public static void CenterDistance(ReadOnlySpan<float> cx, ReadOnlySpan<float> cy, float gx, float gy, Span<float> dist)
    {
        if (Vector512.IsHardwareAccelerated && cx.Length >= Vector512<float>.Count)
        {
            CenterDistanceV512(cx, cy, gx, gy, dist);
        }
        else if (Vector256.IsHardwareAccelerated && cx.Length >= Vector256<float>.Count)
        {
            CenterDistanceV256(cx, cy, gx, gy, dist);
        }
        else if (Vector128.IsHardwareAccelerated && cx.Length >= Vector128<float>.Count)
        {
            CenterDistanceV128(cx, cy, gx, gy, dist);
        }
        else
        {
            CenterDistanceScalar(cx, cy, gx, gy, dist);
        }
    }

    public static void CenterDistanceScalar(ReadOnlySpan<float> cx, ReadOnlySpan<float> cy, float gx, float gy, Span<float> dist)
    {
        for (int i = 0; i < cx.Length; i++)
        {
            dist[i] = CenterDistanceOf(cx[i], cy[i], gx, gy);
        }
    }

    /// <summary>The same formula for one centre.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float CenterDistanceOf(float cx, float cy, float gx, float gy)
    {
        float dx = cx - gx;
        float dy = cy - gy;
        return MathF.Sqrt((dx * dx) + (dy * dy));
    }

    // Remainder: the last vector is shifted back to end at the last element; the op is idempotent, so the overlap
    // is simply written twice with the same values (the TensorPrimitives pattern). Callers guarantee Length >= width.
    public static void CenterDistanceV128(ReadOnlySpan<float> cx, ReadOnlySpan<float> cy, float gx, float gy, Span<float> dist)
    {
        ref float x = ref MemoryMarshal.GetReference(cx);
        ref float y = ref MemoryMarshal.GetReference(cy);
        ref float d = ref MemoryMarshal.GetReference(dist);
        Vector128<float> vgx = Vector128.Create(gx);
        Vector128<float> vgy = Vector128.Create(gy);
        int n = cx.Length;
        int last = n - Vector128<float>.Count;
        for (int i = 0; ; i += Vector128<float>.Count)
        {
            i = Math.Min(i, last);
            Vector128<float> dx = Vector128.LoadUnsafe(ref x, (nuint)i) - vgx;
            Vector128<float> dy = Vector128.LoadUnsafe(ref y, (nuint)i) - vgy;
            Vector128.Sqrt((dx * dx) + (dy * dy)).StoreUnsafe(ref d, (nuint)i);
            if (i == last)
            {
                break;
            }
        }
    }

    /// <inheritdoc cref="CenterDistanceV128"/>
    public static void CenterDistanceV256(ReadOnlySpan<float> cx, ReadOnlySpan<float> cy, float gx, float gy, Span<float> dist)
    {
        ref float x = ref MemoryMarshal.GetReference(cx);
        ref float y = ref MemoryMarshal.GetReference(cy);
        ref float d = ref MemoryMarshal.GetReference(dist);
        Vector256<float> vgx = Vector256.Create(gx);
        Vector256<float> vgy = Vector256.Create(gy);
        int last = cx.Length - Vector256<float>.Count;
        for (int i = 0; ; i += Vector256<float>.Count)
        {
            i = Math.Min(i, last);
            Vector256<float> dx = Vector256.LoadUnsafe(ref x, (nuint)i) - vgx;
            Vector256<float> dy = Vector256.LoadUnsafe(ref y, (nuint)i) - vgy;
            Vector256.Sqrt((dx * dx) + (dy * dy)).StoreUnsafe(ref d, (nuint)i);
            if (i == last)
            {
                break;
            }
        }
    }

    /// <inheritdoc cref="CenterDistanceV128"/>
    public static void CenterDistanceV512(ReadOnlySpan<float> cx, ReadOnlySpan<float> cy, float gx, float gy, Span<float> dist)
    {
        ref float x = ref MemoryMarshal.GetReference(cx);
        ref float y = ref MemoryMarshal.GetReference(cy);
        ref float d = ref MemoryMarshal.GetReference(dist);
        Vector512<float> vgx = Vector512.Create(gx);
        Vector512<float> vgy = Vector512.Create(gy);
        int last = cx.Length - Vector512<float>.Count;
        for (int i = 0; ; i += Vector512<float>.Count)
        {
            i = Math.Min(i, last);
            Vector512<float> dx = Vector512.LoadUnsafe(ref x, (nuint)i) - vgx;
            Vector512<float> dy = Vector512.LoadUnsafe(ref y, (nuint)i) - vgy;
            Vector512.Sqrt((dx * dx) + (dy * dy)).StoreUnsafe(ref d, (nuint)i);
            if (i == last)
            {
                break;
            }
        }
    }
}
