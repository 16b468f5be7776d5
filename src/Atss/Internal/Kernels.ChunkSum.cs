using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Atss;

internal static partial class Kernels
{
    /// <summary>Values per chunk of the ATSS statistics (one block kernel's output).</summary>
    public const int ChunkLength = 16;

    /// <summary>
    /// The float64 sum of the candidates' IoUs (<paramref name="squares"/> false) or of <c>(iou - center)^2</c>, in an
    /// order every instruction set reproduces exactly. Level l's <c>levelK[l]</c> values sit in 16-slot chunks from
    /// <c>levelOffset[l]</c>; slot j of every chunk (0 when the chunk has fewer values) is added, chunk after chunk and
    /// level after level, into accumulator <c>A[j]</c>; the result is the pairwise tree <c>t8[j] = A[j] + A[j + 8]</c>,
    /// <c>t4[j] = t8[j] + t8[j + 4]</c>, <c>t2[j] = t4[j] + t4[j + 2]</c>, <c>t2[0] + t2[1]</c>. O(chunks), no allocation.
    /// </summary>
    public static double ChunkedSum(ReadOnlySpan<float> values, ReadOnlySpan<int> levelK, ReadOnlySpan<int> levelOffset, double center, bool squares)
    {
        if (Avx512F.IsSupported)
        {
            return ChunkedSumV512(values, levelK, levelOffset, center, squares);
        }

        if (Avx2.IsSupported)
        {
            return ChunkedSumV256(values, levelK, levelOffset, center, squares);
        }

        return Vector128.IsHardwareAccelerated ? ChunkedSumV128(values, levelK, levelOffset, center, squares) : ChunkedSumScalar(values, levelK, levelOffset, center, squares);
    }

    public static double ChunkedSumScalar(ReadOnlySpan<float> values, ReadOnlySpan<int> levelK, ReadOnlySpan<int> levelOffset, double center, bool squares)
    {
        Span<double> a = stackalloc double[ChunkLength];
        a.Clear();
        for (int l = 0; l < levelK.Length; l++)
        {
            for (int first = levelOffset[l], remaining = levelK[l]; remaining > 0; first += ChunkLength, remaining -= ChunkLength)
            {
                for (int j = 0; j < ChunkLength; j++)
                {
                    a[j] += j < remaining ? ChunkTerm(values[first + j], center, squares) : 0;
                }
            }
        }

        for (int width = ChunkLength / 2; width >= 1; width /= 2)
        {
            for (int j = 0; j < width; j++)
            {
                a[j] += a[j + width];
            }
        }

        return a[0];
    }

    // Portable 128-bit form (SSE, Arm AdvSimd): accumulator vector i holds slots 2i and 2i + 1.
    public static double ChunkedSumV128(ReadOnlySpan<float> values, ReadOnlySpan<int> levelK, ReadOnlySpan<int> levelOffset, double center, bool squares)
    {
        Span<Vector128<double>> a = stackalloc Vector128<double>[ChunkLength / 2];
        a.Clear();
        Vector128<long> pair = Vector128.Create(0L, 1);
        Vector128<double> c = Vector128.Create(center);
        for (int l = 0; l < levelK.Length; l++)
        {
            for (int first = levelOffset[l], remaining = levelK[l]; remaining > 0; first += ChunkLength, remaining -= ChunkLength)
            {
                ReadOnlySpan<float> chunk = values.Slice(first, ChunkLength);
                Vector128<long> limit = Vector128.Create((long)remaining);
                for (int q = 0; q < 4; q++)
                {
                    (Vector128<double> lower, Vector128<double> upper) = Vector128.Widen(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(chunk), (nuint)(4 * q)));
                    if (squares)
                    {
                        lower = (lower - c) * (lower - c);
                        upper = (upper - c) * (upper - c);
                    }

                    Vector128<long> slot = pair + Vector128.Create((long)(4 * q));
                    a[2 * q] += Vector128.ConditionalSelect(Vector128.LessThan(slot, limit).AsDouble(), lower, Vector128<double>.Zero);
                    a[(2 * q) + 1] += Vector128.ConditionalSelect(Vector128.LessThan(slot + Vector128.Create(2L), limit).AsDouble(), upper, Vector128<double>.Zero);
                }
            }
        }

        for (int width = ChunkLength / 4; width >= 1; width /= 2)
        {
            for (int i = 0; i < width; i++)
            {
                a[i] += a[i + width];
            }
        }

        return a[0].ToScalar() + a[0].GetElement(1);
    }

    public static double ChunkedSumV256(ReadOnlySpan<float> values, ReadOnlySpan<int> levelK, ReadOnlySpan<int> levelOffset, double center, bool squares)
    {
        Vector256<long> slot = Vector256.Create(0L, 1, 2, 3);
        Vector256<double> c = Vector256.Create(center);
        Vector256<double> a0 = Vector256<double>.Zero;
        Vector256<double> a1 = Vector256<double>.Zero;
        Vector256<double> a2 = Vector256<double>.Zero;
        Vector256<double> a3 = Vector256<double>.Zero;
        for (int l = 0; l < levelK.Length; l++)
        {
            for (int first = levelOffset[l], remaining = levelK[l]; remaining > 0; first += ChunkLength, remaining -= ChunkLength)
            {
                ReadOnlySpan<float> chunk = values.Slice(first, ChunkLength);
                ref float x = ref MemoryMarshal.GetReference(chunk);
                Vector256<long> limit = Vector256.Create((long)remaining);
                a0 += Quarter(ref x, 0, slot, limit, c, squares);
                a1 += Quarter(ref x, 4, slot, limit, c, squares);
                a2 += Quarter(ref x, 8, slot, limit, c, squares);
                a3 += Quarter(ref x, 12, slot, limit, c, squares);
            }
        }

        Vector256<double> t4 = (a0 + a2) + (a1 + a3);
        Vector128<double> t2 = t4.GetLower() + t4.GetUpper();
        return t2.ToScalar() + t2.GetElement(1);
    }

    public static double ChunkedSumV512(ReadOnlySpan<float> values, ReadOnlySpan<int> levelK, ReadOnlySpan<int> levelOffset, double center, bool squares)
    {
        Vector512<long> slot = Vector512<long>.Indices;
        Vector512<double> c = Vector512.Create(center);
        Vector512<double> lowSlots = Vector512<double>.Zero;
        Vector512<double> highSlots = Vector512<double>.Zero;
        for (int l = 0; l < levelK.Length; l++)
        {
            for (int first = levelOffset[l], remaining = levelK[l]; remaining > 0; first += ChunkLength, remaining -= ChunkLength)
            {
                Vector512<float> x = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(values.Slice(first, ChunkLength)));
                Vector512<long> limit = Vector512.Create((long)remaining);
                Vector512<double> lo = Avx512F.ConvertToVector512Double(x.GetLower());
                Vector512<double> hi = Avx512F.ConvertToVector512Double(x.GetUpper());
                if (squares)
                {
                    lo = (lo - c) * (lo - c);
                    hi = (hi - c) * (hi - c);
                }

                lowSlots += Vector512.ConditionalSelect(Vector512.LessThan(slot, limit).AsDouble(), lo, Vector512<double>.Zero);
                highSlots += Vector512.ConditionalSelect(Vector512.LessThan(slot + Vector512.Create(8L), limit).AsDouble(), hi, Vector512<double>.Zero);
            }
        }

        Vector512<double> t8 = lowSlots + highSlots;
        Vector256<double> t4 = t8.GetLower() + t8.GetUpper();
        Vector128<double> t2 = t4.GetLower() + t4.GetUpper();
        return t2.ToScalar() + t2.GetElement(1);
    }

    // Slots first..first+3 widened to float64, squared deviations if asked, invalid slots zeroed.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Quarter(ref float x, int first, Vector256<long> slot, Vector256<long> limit, Vector256<double> c, bool squares)
    {
        Vector256<double> q = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref x, (nuint)first));
        if (squares)
        {
            q = (q - c) * (q - c);
        }

        return Vector256.ConditionalSelect(Vector256.LessThan(slot + Vector256.Create((long)first), limit).AsDouble(), q, Vector256<double>.Zero);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ChunkTerm(float v, double center, bool squares)
    {
        if (!squares)
        {
            return v;
        }

        double d = v - center;
        return d * d;
    }
}
