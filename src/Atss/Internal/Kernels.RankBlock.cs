using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Atss;

internal static partial class Kernels
{
    /// <summary>
    /// The window search's 4 x 4 block of single-anchor locations on CPUs without AVX-512: distances
    /// <c>sqrtf(dx*dx + dy*dy)</c> from the loaded centres (the scan's formula, bit for bit), then every lane ranked by
    /// (distance, prior index) in two 256-bit halves against each lane in turn, no branch. Writes the prior indices of
    /// the <c>destination.Length</c> (1 to 16) nearest in ascending index order and returns the k-th distance. Lane
    /// <c>4r + c</c> is prior <c>firstIndex + r * rowStride + c</c>.
    /// </summary>
    /// <remarks>Needs hardware-accelerated <see cref="Vector256"/>; <see cref="SelectBlock4x4Scalar"/> is the reference.</remarks>
    public static float RankBlock4x4V256(ReadOnlySpan<float> centerX, ReadOnlySpan<float> centerY, int firstIndex, int rowStride, float gx, float gy, Span<int> destination)
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
        Vector256<int> low = Vector256.Create(bits[..8]);
        Vector256<int> high = Vector256.Create(bits[8..]);
        Vector256<int> laneLow = Vector256<int>.Indices;
        Vector256<int> laneHigh = laneLow + Vector256.Create(8);
        Vector256<int> rankLow = Vector256<int>.Zero;
        Vector256<int> rankHigh = Vector256<int>.Zero;
        for (int j = 0; j < 16; j++)
        {
            Vector256<int> key = Vector256.Create(bits[j]);
            Vector256<int> jVector = Vector256.Create(j);
            rankLow -= Vector256.LessThan(key + Vector256.GreaterThan(laneLow, jVector), low);
            rankHigh -= Vector256.LessThan(key + Vector256.GreaterThan(laneHigh, jVector), high);
        }

        Vector256<int> kVector = Vector256.Create(k);
        uint selected = Vector256.LessThan(rankLow, kVector).ExtractMostSignificantBits() | (Vector256.LessThan(rankHigh, kVector).ExtractMostSignificantBits() << 8);
        Vector256<int> last = Vector256.Create(k - 1);
        uint kthLane = Vector256.Equals(rankLow, last).ExtractMostSignificantBits() | (Vector256.Equals(rankHigh, last).ExtractMostSignificantBits() << 8);
        int written = 0;
        for (; selected != 0; selected &= selected - 1)
        {
            int lane = BitOperations.TrailingZeroCount(selected);
            destination[written++] = firstIndex + ((lane >> 2) * rowStride) + (lane & 3);
        }

        return distance[BitOperations.TrailingZeroCount(kthLane)];
    }
}
