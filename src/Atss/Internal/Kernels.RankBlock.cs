using System.Numerics;
using System.Runtime.Intrinsics;

namespace Atss;

internal static partial class Kernels
{
    /// <summary>
    /// Ranks a 4 x 4 block of single-anchor locations on an exact grid: <c>d[4r + c] = sqrtf(dx2[c] + dy2[r])</c>, the
    /// distance kernel's float32 formula from precomputed squares. Writes the prior indices of the
    /// <c>destination.Length</c> (at most 16) smallest keys (distance, lane) in order (lane order is prior-index order:
    /// <c>firstIndex + r * rowStride + c</c>) and returns the largest kept distance. Each lane's rank is the number of
    /// lanes with a smaller key, so there is no data-dependent branch.
    /// </summary>
    public static float RankBlock4x4V512(ReadOnlySpan<float> dx2, ReadOnlySpan<float> dy2, int firstIndex, int rowStride, Span<int> destination)
    {
        Vector128<float> columns = Vector128.Create(dx2[0], dx2[1], dx2[2], dx2[3]);
        Vector512<float> vx = Vector512.Create(Vector256.Create(columns, columns), Vector256.Create(columns, columns));
        Vector512<float> vy = Vector512.Create(
            Vector256.Create(Vector128.Create(dy2[0]), Vector128.Create(dy2[1])),
            Vector256.Create(Vector128.Create(dy2[2]), Vector128.Create(dy2[3])));
        Vector512<float> d = Vector512.Sqrt(vx + vy);
        int k = destination.Length;
        float kth = 0f;
        for (int lane = 0; lane < 16; lane++)
        {
            float di = d.GetElement(lane);
            Vector512<float> key = Vector512.Create(di);
            ulong smaller = Vector512.LessThan(d, key).ExtractMostSignificantBits();
            ulong equalBefore = Vector512.Equals(d, key).ExtractMostSignificantBits() & ((1UL << lane) - 1);
            int rank = BitOperations.PopCount(smaller) + BitOperations.PopCount(equalBefore);
            if (rank < k)
            {
                destination[rank] = firstIndex + ((lane >> 2) * rowStride) + (lane & 3);
                if (rank == k - 1)
                {
                    kth = di;
                }
            }
        }

        return kth;
    }

    /// <summary>Scalar reference of <see cref="RankBlock4x4V512"/> (same keys, same ranks), for the tests.</summary>
    public static float RankBlock4x4Scalar(ReadOnlySpan<float> dx2, ReadOnlySpan<float> dy2, int firstIndex, int rowStride, Span<int> destination)
    {
        Span<float> d = stackalloc float[16];
        for (int lane = 0; lane < 16; lane++)
        {
            d[lane] = MathF.Sqrt(dx2[lane & 3] + dy2[lane >> 2]);
        }

        int k = destination.Length;
        float kth = 0f;
        for (int lane = 0; lane < 16; lane++)
        {
            int rank = 0;
            for (int other = 0; other < 16; other++)
            {
                if (d[other] < d[lane] || (d[other] == d[lane] && other < lane))
                {
                    rank++;
                }
            }

            if (rank < k)
            {
                destination[rank] = firstIndex + ((lane >> 2) * rowStride) + (lane & 3);
                if (rank == k - 1)
                {
                    kth = d[lane];
                }
            }
        }

        return kth;
    }
}
