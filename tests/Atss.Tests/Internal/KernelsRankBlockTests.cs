using System.Runtime.Intrinsics;

namespace Atss.Tests.Internal;

public class KernelsRankBlockTests
{
    [Fact]
    public void RankBlock4x4_VectorAndScalar_AgreeIncludingTies()
    {
        var rng = new Random(11);
        for (int trial = 0; trial < 2000; trial++)
        {
            // Integer offsets from a grid give many exactly equal squares, hence distance ties.
            float[] dx2 = [.. Enumerable.Range(0, 4).Select(_ => Square(trial % 2 == 0 ? rng.Next(-3, 4) * 4f : (float)((rng.NextDouble() * 40) - 20)))];
            float[] dy2 = [.. Enumerable.Range(0, 4).Select(_ => Square(trial % 2 == 0 ? rng.Next(-3, 4) * 4f : (float)((rng.NextDouble() * 40) - 20)))];
            int k = 1 + rng.Next(16);
            var expected = new int[k];
            float expectedKth = Kernels.RankBlock4x4Scalar(dx2, dy2, 1000, 37, expected);

            // The scalar reference itself must equal a plain sort by (distance, index).
            int[] sorted = [.. Enumerable.Range(0, 16)
                .Select(lane => (D: MathF.Sqrt(dx2[lane & 3] + dy2[lane >> 2]), Index: 1000 + ((lane >> 2) * 37) + (lane & 3)))
                .OrderBy(t => t.D).ThenBy(t => t.Index).Take(k).Select(t => t.Index)];
            Assert.Equal(sorted, expected);

            if (Vector512.IsHardwareAccelerated)
            {
                var actual = new int[k];
                float kth = Kernels.RankBlock4x4V512(dx2, dy2, 1000, 37, actual);
                Assert.Equal(expected, actual);
                Assert.Equal(expectedKth, kth);
            }
        }
    }

    private static float Square(float v) => v * v;
}
