using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Atss;

internal static partial class Kernels
{
    /// <summary>
    /// The 4 x 4 block of single-anchor locations on CPUs without AVX-512: distances <c>sqrtf(dx*dx + dy*dy)</c> from the
    /// loaded centres (the scan's formula, bit for bit), then every lane ranked by (distance, prior index) against each
    /// lane in turn, no branch: in two 256-bit halves where <see cref="Vector256"/> is accelerated (AVX2), else in four
    /// 128-bit quarters (SSE, Arm AdvSimd). Writes the prior indices of the <c>destination.Length</c> (1 to 16) nearest
    /// in ascending index order and returns the k-th distance. Lane <c>4r + c</c> is prior
    /// <c>firstIndex + r * rowStride + c</c>.
    /// </summary>
    /// <remarks>Needs hardware-accelerated <see cref="Vector128"/>; <see cref="SelectBlock4x4Scalar"/> is the reference.</remarks>
    public static float RankBlock4x4(ReadOnlySpan<float> centerX, ReadOnlySpan<float> centerY, int firstIndex, int rowStride, float gx, float gy, Span<int> destination)
        => RankBlock4x4(centerX, centerY, firstIndex, rowStride, gx, gy, destination, Vector256.IsHardwareAccelerated);

    /// <summary><see cref="RankBlock4x4(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, float, float, Span{int})"/> with the ranking width chosen (tests run both).</summary>
    internal static float RankBlock4x4(ReadOnlySpan<float> centerX, ReadOnlySpan<float> centerY, int firstIndex, int rowStride, float gx, float gy, Span<int> destination, bool wide)
    {
        int k = destination.Length;
        if ((uint)(k - 1) >= 16 || rowStride < 4 || firstIndex < 0 || (long)firstIndex + (3L * rowStride) + 4 > Math.Min(centerX.Length, centerY.Length))
        {
            ThrowHelper.ThrowArgument(nameof(destination), $"must hold 1 to 16 entries (has {destination.Length}) for a 4 x 4 block at {firstIndex} (row stride {rowStride}) inside the centres.");
        }

        Span<float> distance = stackalloc float[16];
        ref float x = ref MemoryMarshal.GetReference(centerX);
        ref float y = ref MemoryMarshal.GetReference(centerY);
        Vector128<float> vgx = Vector128.Create(gx);
        Vector128<float> vgy = Vector128.Create(gy);
        for (int r = 0; r < 4; r++)
        {
            nuint row = (nuint)(firstIndex + (r * rowStride));
            Vector128<float> dx = Vector128.LoadUnsafe(ref x, row) - vgx;
            Vector128<float> dy = Vector128.LoadUnsafe(ref y, row) - vgy;
            Vector128.Sqrt((dx * dx) + (dy * dy)).StoreUnsafe(ref MemoryMarshal.GetReference(distance), (nuint)(4 * r));
        }

        // Rank of lane i = lanes j with a smaller (distance, lane) key: bits_j < bits_i, or bits_j - 1 < bits_i when j
        // is an earlier lane (distances are finite and >= 0, so their bits order as integers).
        ReadOnlySpan<int> bits = MemoryMarshal.Cast<float, int>(distance);
        (uint selected, uint kthLane) = wide ? SelectByRankV256(bits, k) : SelectByRankV128(bits, k);
        int written = 0;
        for (; selected != 0; selected &= selected - 1)
        {
            int lane = BitOperations.TrailingZeroCount(selected);
            destination[written++] = firstIndex + ((lane >> 2) * rowStride) + (lane & 3);
        }

        return distance[BitOperations.TrailingZeroCount(kthLane)];
    }

    // The ranking in two 256-bit halves: bit i of Selected is set when lane i ranks below k, of KthLane when it ranks k - 1.
    private static (uint Selected, uint KthLane) SelectByRankV256(ReadOnlySpan<int> bits, int k)
        => SelectByRankV256(Vector256.Create(bits[..8]), Vector256.Create(bits[8..]), k);

    // The same from registers: lanes 0..7 in low, 8..15 in high. Key j (from low for j < 8) is lowered by one for the
    // lanes after it, all of high's when j < 8 and none of low's when j >= 8.
    private static (uint Selected, uint KthLane) SelectByRankV256(Vector256<int> low, Vector256<int> high, int k)
    {
        Vector256<int> lane = Vector256<int>.Indices;
        Vector256<int> one = Vector256<int>.One;
        Vector256<int> rankLow = Vector256<int>.Zero;
        Vector256<int> rankHigh = Vector256<int>.Zero;
        for (int j = 0; j < 8; j++)
        {
            Vector256<int> key = Broadcast(low, j);
            rankLow -= Vector256.LessThan(key + Vector256.GreaterThan(lane, Vector256.Create(j)), low);
            rankHigh -= Vector256.LessThan(key - one, high);
        }

        for (int j = 0; j < 8; j++)
        {
            Vector256<int> key = Broadcast(high, j);
            rankLow -= Vector256.LessThan(key, low);
            rankHigh -= Vector256.LessThan(key + Vector256.GreaterThan(lane, Vector256.Create(j)), high);
        }

        Vector256<int> kVector = Vector256.Create(k);
        Vector256<int> last = Vector256.Create(k - 1);
        uint selected = Vector256.LessThan(rankLow, kVector).ExtractMostSignificantBits() | (Vector256.LessThan(rankHigh, kVector).ExtractMostSignificantBits() << 8);
        uint kthLane = Vector256.Equals(rankLow, last).ExtractMostSignificantBits() | (Vector256.Equals(rankHigh, last).ExtractMostSignificantBits() << 8);
        return (selected, kthLane);
    }

    // Lane j of v in every lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Broadcast(Vector256<int> v, int j) => Avx2.IsSupported ? Avx2.PermuteVar8x32(v, Vector256.Create(j)) : Vector256.Create(v.GetElement(j));

    // The same ranking in four 128-bit quarters (one block row each).
    private static (uint Selected, uint KthLane) SelectByRankV128(ReadOnlySpan<int> bits, int k)
    {
        Vector128<int> row0 = Vector128.Create(bits[..4]);
        Vector128<int> row1 = Vector128.Create(bits[4..8]);
        Vector128<int> row2 = Vector128.Create(bits[8..12]);
        Vector128<int> row3 = Vector128.Create(bits[12..]);
        Vector128<int> lane0 = Vector128<int>.Indices;
        Vector128<int> lane1 = lane0 + Vector128.Create(4);
        Vector128<int> lane2 = lane0 + Vector128.Create(8);
        Vector128<int> lane3 = lane0 + Vector128.Create(12);
        Vector128<int> rank0 = Vector128<int>.Zero;
        Vector128<int> rank1 = Vector128<int>.Zero;
        Vector128<int> rank2 = Vector128<int>.Zero;
        Vector128<int> rank3 = Vector128<int>.Zero;
        for (int j = 0; j < 16; j++)
        {
            Vector128<int> key = Vector128.Create(bits[j]);
            Vector128<int> jVector = Vector128.Create(j);
            rank0 -= Vector128.LessThan(key + Vector128.GreaterThan(lane0, jVector), row0);
            rank1 -= Vector128.LessThan(key + Vector128.GreaterThan(lane1, jVector), row1);
            rank2 -= Vector128.LessThan(key + Vector128.GreaterThan(lane2, jVector), row2);
            rank3 -= Vector128.LessThan(key + Vector128.GreaterThan(lane3, jVector), row3);
        }

        Vector128<int> kVector = Vector128.Create(k);
        Vector128<int> last = Vector128.Create(k - 1);
        uint selected = Vector128.LessThan(rank0, kVector).ExtractMostSignificantBits()
            | (Vector128.LessThan(rank1, kVector).ExtractMostSignificantBits() << 4)
            | (Vector128.LessThan(rank2, kVector).ExtractMostSignificantBits() << 8)
            | (Vector128.LessThan(rank3, kVector).ExtractMostSignificantBits() << 12);
        uint kthLane = Vector128.Equals(rank0, last).ExtractMostSignificantBits()
            | (Vector128.Equals(rank1, last).ExtractMostSignificantBits() << 4)
            | (Vector128.Equals(rank2, last).ExtractMostSignificantBits() << 8)
            | (Vector128.Equals(rank3, last).ExtractMostSignificantBits() << 12);
        return (selected, kthLane);
    }
}
