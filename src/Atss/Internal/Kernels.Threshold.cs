using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Atss;

internal static partial class Kernels
{
    /// <summary>
    /// The smallest float32 <c>f</c> such that, for every finite float32 <c>x</c>, <c>x &gt;= f</c> exactly when
    /// <c>(double)x &gt;= threshold</c> (or <c>&gt; threshold</c> when <paramref name="strict"/>), for any non-NaN
    /// threshold (beyond float32's range it is +Infinity, which no finite x reaches): lets float32 IoUs be compared with
    /// a float64 threshold in float32 lanes without changing any outcome.
    /// </summary>
    public static float LowestPassingFloat(double threshold, bool strict)
    {
        float f = (float)threshold;
        bool passes = strict ? f > threshold : f >= threshold;
        return passes || float.IsPositiveInfinity(f) ? f : MathF.BitIncrement(f);
    }

    /// <summary>
    /// Bit j set when slot j of the 16-slot chunks is below <paramref name="valid"/>, <c>ious[j] &gt;= threshold</c> and
    /// <c>depths[j] &gt; margin</c>: the candidates of a chunk that become positive.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint PassMask(ReadOnlySpan<float> ious, ReadOnlySpan<float> depths, int valid, float threshold, float margin)
    {
        if (ious.Length < ChunkLength || depths.Length < ChunkLength || (uint)valid > ChunkLength)
        {
            ThrowHelper.ThrowArgument(nameof(ious), $"must hold {ChunkLength} slots with at most {ChunkLength} valid; got {ious.Length}, {depths.Length} and {valid}.");
        }

        uint validBits = (1u << valid) - 1;
        if (Avx512F.IsSupported)
        {
            Vector512<float> reaches = Vector512.GreaterThanOrEqual(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(ious)), Vector512.Create(threshold));
            Vector512<float> inside = Vector512.GreaterThan(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(depths)), Vector512.Create(margin));
            return (uint)(reaches & inside).ExtractMostSignificantBits() & validBits;
        }

        if (Vector128.IsHardwareAccelerated)
        {
            uint bits = 0;
            for (int q = 0; q < ChunkLength; q += 4)
            {
                Vector128<float> reaches = Vector128.GreaterThanOrEqual(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(ious), (nuint)q), Vector128.Create(threshold));
                Vector128<float> inside = Vector128.GreaterThan(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(depths), (nuint)q), Vector128.Create(margin));
                bits |= (reaches & inside).ExtractMostSignificantBits() << q;
            }

            return bits & validBits;
        }

        uint mask = 0;
        for (int j = 0; j < valid; j++)
        {
            if (ious[j] >= threshold && depths[j] > margin)
            {
                mask |= 1u << j;
            }
        }

        return mask;
    }
}
