using System.Runtime.Intrinsics.X86;

namespace Atss.Tests.Internal;

/// <summary>
/// The ATSS statistics kernels: <c>ChunkedSum</c> gives the documented float64 order bit for bit on every width,
/// <c>PassMask</c> equals its scalar definition, and <c>LowestPassingFloat</c> turns a float64 threshold into a float32
/// one without changing any comparison.
/// </summary>
public class KernelsStatisticsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ChunkedSum_EveryWidth_EqualsTheDocumentedOrder(bool squares)
    {
        var rng = new Random(squares ? 5 : 3);
        for (int trial = 0; trial < 500; trial++)
        {
            int levels = rng.Next(0, 7);
            int[] levelK = [.. Enumerable.Range(0, levels).Select(_ => rng.Next(0, 4) == 0 ? rng.Next(0, 60) : rng.Next(0, 17))];
            var levelOffset = new int[levels];
            int length = 0;
            for (int l = 0; l < levels; l++)
            {
                levelOffset[l] = length;
                length += CandidateSearch.ChunksOf(levelK[l]) * Kernels.ChunkLength;
            }

            // Slots past a level's k hold garbage here: the sum must ignore them.
            float[] values = [.. Enumerable.Range(0, length).Select(_ => rng.Next(5) == 0 ? 0f : (float)Math.Pow(rng.NextDouble(), 1 + rng.Next(8)))];
            double center = squares ? rng.NextDouble() : 0;
            double expected = Definition(values, levelK, levelOffset, center, squares);

            Assert.Equal(expected, Kernels.ChunkedSumScalar(values, levelK, levelOffset, center, squares));
            Assert.Equal(expected, Kernels.ChunkedSum(values, levelK, levelOffset, center, squares));
            Assert.Equal(expected, Kernels.ChunkedSumV128(values, levelK, levelOffset, center, squares));
            if (Avx2.IsSupported)
            {
                Assert.Equal(expected, Kernels.ChunkedSumV256(values, levelK, levelOffset, center, squares));
            }

            if (Avx512F.IsSupported)
            {
                Assert.Equal(expected, Kernels.ChunkedSumV512(values, levelK, levelOffset, center, squares));
            }
        }
    }

    [Fact]
    public void PassMask_EqualsItsDefinition()
    {
        var rng = new Random(9);
        for (int trial = 0; trial < 2000; trial++)
        {
            float[] ious = [.. Enumerable.Range(0, 16).Select(_ => rng.Next(4) == 0 ? 0.25f : (float)rng.NextDouble())];
            float[] depths = [.. Enumerable.Range(0, 16).Select(_ => rng.Next(4) == 0 ? 0.01f : (float)((rng.NextDouble() * 2) - 1))];
            int valid = rng.Next(0, 17);
            float threshold = rng.Next(3) == 0 ? 0.25f : (float)rng.NextDouble();
            uint expected = 0;
            for (int j = 0; j < valid; j++)
            {
                if (ious[j] >= threshold && depths[j] > 0.01f)
                {
                    expected |= 1u << j;
                }
            }

            Assert.Equal(expected, Kernels.PassMask(ious, depths, valid, threshold, 0.01f));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LowestPassingFloat_KeepsEveryComparison(bool strict)
    {
        var rng = new Random(strict ? 2 : 1);
        for (int trial = 0; trial < 20000; trial++)
        {
            double threshold = trial % 3 == 0 ? (float)rng.NextDouble() : rng.NextDouble() * Math.Pow(10, rng.Next(-8, 3));
            float lowest = Kernels.LowestPassingFloat(threshold, strict);
            float near = (float)threshold;
            foreach (float x in new[] { near, MathF.BitDecrement(near), MathF.BitIncrement(near), lowest, MathF.BitDecrement(lowest), 0f, 1f })
            {
                bool passes = strict ? x > threshold : x >= threshold;
                Assert.Equal(passes, x >= lowest);
            }
        }

        // Edges: beyond float32's range, infinities, subnormals, negatives, zero and exactly representable thresholds.
        double[] edges =
        [
            double.PositiveInfinity, double.NegativeInfinity, 1e39, -1e39, float.MaxValue, (double)float.MaxValue * 1.0000001,
            float.Epsilon, float.Epsilon / 3.0, -float.Epsilon, 1e-310, 0.0, -0.0, -0.25, 0.25, 1.0, 1.0000000001, 0.9999999999,
        ];
        foreach (double threshold in edges)
        {
            float lowest = Kernels.LowestPassingFloat(threshold, strict);
            foreach (float x in new[] { 0f, -0f, float.Epsilon, -float.Epsilon, 0.25f, 1f, float.MaxValue, -float.MaxValue, (float)threshold, MathF.BitIncrement((float)threshold), MathF.BitDecrement((float)threshold) })
            {
                if (!float.IsFinite(x))
                {
                    continue;
                }

                bool passes = strict ? x > threshold : x >= threshold;
                Assert.True(passes == (x >= lowest), $"threshold {threshold:R}, x {x:R}, strict {strict}, lowest {lowest:R}");
            }
        }

        Assert.Equal(float.PositiveInfinity, Kernels.LowestPassingFloat(double.PositiveInfinity, strict));
        Assert.False(1f >= Kernels.LowestPassingFloat(1.0000000001, strict));
    }

    // The documented order, written out: slot j of every chunk into accumulator j, then a[j] += a[j + w], w = 8, 4, 2, 1.
    private static double Definition(float[] values, int[] levelK, int[] levelOffset, double center, bool squares)
    {
        var a = new double[16];
        for (int l = 0; l < levelK.Length; l++)
        {
            for (int c = 0; c < CandidateSearch.ChunksOf(levelK[l]) * 16; c++)
            {
                double term = 0;
                if (c < levelK[l])
                {
                    double v = values[levelOffset[l] + c];
                    term = squares ? (v - center) * (v - center) : v;
                }

                a[c % 16] += term;
            }
        }

        for (int w = 8; w >= 1; w /= 2)
        {
            for (int j = 0; j < w; j++)
            {
                a[j] += a[j + w];
            }
        }

        return a[0];
    }
}
