using System.Runtime.Intrinsics.X86;

namespace Atss.Tests.Internal;

/// <summary>
/// <c>Kernels.SelectBlock4x4V512</c> and the separable kernels (the grid path's per-level kernels) against the scalar
/// reference, and the reference against a plain sort by (distance, prior index): same candidates, IoUs, depths, zero
/// padding and k-th distance.
/// </summary>
public class KernelsSelectBlockTests
{
    private const int RowStride = 37;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SelectBlock4x4_VectorScalarAndSort_Agree(bool legacy)
    {
        var rng = new Random(legacy ? 17 : 11);
        for (int trial = 0; trial < 3000; trial++)
        {
            (Box[] boxes, int first, Box gt, int k, Output expected, float expectedKth) = ScalarCase(rng, trial, legacy);

            int[] sorted = [.. Enumerable.Range(0, 16)
                .Select(lane => first + ((lane >> 2) * RowStride) + (lane & 3))
                .Select(p => (D: Distance(boxes[p], gt), Index: p))
                .OrderBy(t => t.D).ThenBy(t => t.Index).Take(k).Select(t => t.Index).Order()];
            Assert.Equal(sorted, expected.Indices[..k]);
            Assert.All(expected.Ious[k..], v => Assert.Equal(0f, v));
            Assert.Equal(Enumerable.Range(0, 16).Select(lane => first + ((lane >> 2) * RowStride) + (lane & 3)).Select(p => Distance(boxes[p], gt)).Order().ElementAt(k - 1), expectedKth);

            if (Avx512F.IsSupported)
            {
                var actual = new Output();
                float kth = Kernels.SelectBlock4x4V512(boxes, first, RowStride, gt, legacy, k, actual.Indices, actual.Ious, actual.Depths);
                Assert.Equal(Bits(expectedKth), Bits(kth));
                Assert.Equal(expected.Indices[..k], actual.Indices[..k]);
                Assert.Equal(Bits(expected.Ious[..k]), Bits(actual.Ious[..k]));
                Assert.Equal(Bits(expected.Depths[..k]), Bits(actual.Depths[..k]));
                Assert.All(actual.Ious[k..], v => Assert.Equal(0f, v));
                Assert.All(actual.Depths[k..], v => Assert.Equal(0f, v));
                Assert.All(actual.Indices[k..], v => Assert.Equal(0, v));
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SelectSeparableBlock4x4_EqualsTheScalarReferenceOnTheMaterialisedBoxes(bool legacy)
    {
        // The 128-bit kernel runs on every tier (emulated where vectors are not accelerated), with both rankings; the
        // AVX2 and AVX-512 ones where the CPU has them.
        var rng = new Random(legacy ? 41 : 43);
        for (int trial = 0; trial < 3000; trial++)
        {
            bool tieHeavy = trial % 2 == 0;
            int width = 4 + rng.Next(4);
            int height = 4 + rng.Next(4);
            float[] edges = [.. SeparableEdges(rng, width, height, tieHeavy).Select(v => SometimesNegativeZero(v, rng))];
            var boxes = new Box[width * height];
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    boxes[(y * width) + x] = new Box(edges[x], edges[(2 * width) + y], edges[width + x], edges[(2 * width) + height + y]);
                }
            }

            int x0 = rng.Next(width - 3);
            int y0 = rng.Next(height - 3);
            int first = (y0 * width) + x0;
            Box g = GroundTruth(rng, tieHeavy: trial % 3 != 0);
            var gt = new Box(SometimesNegativeZero(g.X1, rng), SometimesNegativeZero(g.Y1, rng), SometimesNegativeZero(g.X2, rng), SometimesNegativeZero(g.Y2, rng));
            int k = 1 + rng.Next(16);
            var expected = new Output();
            float expectedKth = Kernels.SelectBlock4x4Scalar(boxes, first, width, gt, legacy, k, expected.Indices, expected.Ious, expected.Depths);

            foreach (bool wide in (bool[])[false, true])
            {
                Output narrow = Prefilled();
                float narrowKth = Kernels.SelectSeparableBlock4x4V128(edges, width, height, x0, y0, first, gt, legacy, k, narrow.Indices, narrow.Ious, narrow.Depths, wide);
                Assert.Equal(Bits(expectedKth), Bits(narrowKth));
                Assert.Equal(expected.Indices[..k], narrow.Indices[..k]);
                Assert.Equal(Bits(expected.Ious), Bits(narrow.Ious));
                Assert.Equal(Bits(expected.Depths[..k]), Bits(narrow.Depths[..k]));
            }

            if (Avx2.IsSupported)
            {
                // Twice the slots, the kernel given the first 16: its unchecked vector stores must stay inside them.
                int[] wideIndices = [.. Enumerable.Repeat(-7, 32)];
                float[] wideIous = [.. Enumerable.Repeat(float.NaN, 32)];
                float[] wideDepths = [.. Enumerable.Repeat(float.NaN, 32)];
                float wideKth = Kernels.SelectSeparableBlock4x4V256(edges, width, height, x0, y0, first, gt, legacy, k, wideIndices.AsSpan(0, 16), wideIous.AsSpan(0, 16), wideDepths.AsSpan(0, 16));
                Assert.Equal(Bits(expectedKth), Bits(wideKth));
                Assert.Equal(expected.Indices[..k], wideIndices[..k]);
                Assert.Equal(Bits(expected.Ious), Bits(wideIous[..16]));
                Assert.Equal(Bits(expected.Depths[..k]), Bits(wideDepths[..k]));
                Assert.All(wideIndices[16..], v => Assert.Equal(-7, v));
                Assert.All(wideIous[16..], v => Assert.True(float.IsNaN(v)));
                Assert.All(wideDepths[16..], v => Assert.True(float.IsNaN(v)));
            }

            if (Avx512F.IsSupported)
            {
                Output actual = Prefilled();
                float kth = Kernels.SelectSeparableBlock4x4V512(edges, width, height, x0, y0, first, gt, legacy, k, actual.Indices, actual.Ious, actual.Depths);
                Assert.Equal(Bits(expectedKth), Bits(kth));
                Assert.Equal(expected.Indices, actual.Indices);
                Assert.Equal(Bits(expected.Ious), Bits(actual.Ious));
                Assert.Equal(Bits(expected.Depths), Bits(actual.Depths));
            }
        }

        // Destinations filled with values no kernel writes, so that a slot left unwritten shows.
        static Output Prefilled()
        {
            var output = new Output();
            Array.Fill(output.Ious, float.NaN);
            Array.Fill(output.Depths, float.NaN);
            Array.Fill(output.Indices, -7);
            return output;
        }
    }

    [Fact]
    public void SelectSeparableBlock4x4_RejectsBadBlocksEdgesKAndDestinations()
    {
        float[] edges = new float[(2 * 6) + (2 * 5)];
        Assert.Throws<ArgumentException>(() => Kernels.SelectSeparableBlock4x4V128(edges, 6, 5, 3, 0, 3, default, false, 9, new int[16], new float[16], new float[16]));
        Assert.Throws<ArgumentException>(() => Kernels.SelectSeparableBlock4x4V128(edges.AsSpan(1), 6, 5, 0, 0, 0, default, false, 9, new int[16], new float[16], new float[16]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.SelectSeparableBlock4x4V128(edges, 6, 5, 0, 0, 0, default, false, 17, new int[16], new float[16], new float[16]));
        if (Avx2.IsSupported)
        {
            Assert.Throws<ArgumentException>(() => Kernels.SelectSeparableBlock4x4V256(edges, 6, 5, 3, 0, 3, default, false, 9, new int[16], new float[16], new float[16]));
            Assert.Throws<ArgumentException>(() => Kernels.SelectSeparableBlock4x4V256(edges.AsSpan(1), 6, 5, 0, 0, 0, default, false, 9, new int[16], new float[16], new float[16]));
            Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.SelectSeparableBlock4x4V256(edges, 6, 5, 0, 0, 0, default, false, 0, new int[16], new float[16], new float[16]));
            Assert.Throws<ArgumentException>(() => Kernels.SelectSeparableBlock4x4V256(edges, 6, 5, 0, 0, 0, default, false, 9, new int[16], new float[16], new float[15]));
        }

        if (!Avx512F.IsSupported)
        {
            return;
        }

        Assert.Throws<ArgumentException>(() => Kernels.SelectSeparableBlock4x4V512(edges, 6, 5, 3, 0, 3, default, false, 9, new int[16], new float[16], new float[16]));
        Assert.Throws<ArgumentException>(() => Kernels.SelectSeparableBlock4x4V512(edges, 6, 5, 0, 2, 12, default, false, 9, new int[16], new float[16], new float[16]));
        Assert.Throws<ArgumentException>(() => Kernels.SelectSeparableBlock4x4V512(edges.AsSpan(1), 6, 5, 0, 0, 0, default, false, 9, new int[16], new float[16], new float[16]));
        Assert.Throws<ArgumentException>(() => Kernels.SelectSeparableBlock4x4V512(edges, 3, 5, 0, 0, 0, default, false, 9, new int[16], new float[16], new float[16]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.SelectSeparableBlock4x4V512(edges, 6, 5, 0, 0, 0, default, false, 0, new int[16], new float[16], new float[16]));
        Assert.Throws<ArgumentException>(() => Kernels.SelectSeparableBlock4x4V512(edges, 6, 5, 0, 0, 0, default, false, 9, new int[16], new float[15], new float[16]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RankBlock4x4_EqualsTheScalarReference(bool wide)
    {
        // The CI runs this on every instruction-set tier; a width the machine does not accelerate is emulated by the
        // runtime, which computes the same lanes.
        var rng = new Random(wide ? 23 : 29);
        for (int trial = 0; trial < 3000; trial++)
        {
            (Box[] boxes, int first, Box gt, int k, Output expected, float expectedKth) = ScalarCase(rng, trial, legacy: false);
            float[] cx = [.. boxes.Select(b => b.CenterX)];
            float[] cy = [.. boxes.Select(b => b.CenterY)];
            var actual = new int[k];
            float kth = Kernels.RankBlock4x4(cx, cy, first, RowStride, gt.CenterX, gt.CenterY, actual, wide);
            Assert.Equal(expected.Indices[..k], actual);
            Assert.Equal(expectedKth, kth);
        }

        Assert.Throws<ArgumentException>(() => Kernels.RankBlock4x4(new float[20], new float[20], 0, 4, 0, 0, new int[17], wide));
        Assert.Throws<ArgumentException>(() => Kernels.RankBlock4x4(new float[20], new float[20], 5, 4, 0, 0, new int[9], wide));
    }

    [Fact]
    public void SelectBlock4x4_RejectsShortDestinationsAndBlocksOutsideTheBoxes()
    {
        Box[] boxes = new Box[(4 * RowStride) + 4];
        Assert.Throws<ArgumentException>(() => Kernels.SelectBlock4x4Scalar(boxes, 0, 3, default, false, 9, new int[16], new float[16], new float[16]));
        if (!Avx512F.IsSupported)
        {
            return;
        }

        Assert.Throws<ArgumentException>(() => Kernels.SelectBlock4x4V512(boxes, 0, RowStride, default, false, 9, new int[15], new float[16], new float[16]));
        Assert.Throws<ArgumentException>(() => Kernels.SelectBlock4x4V512(boxes, 1 + RowStride, RowStride, default, false, 9, new int[16], new float[16], new float[16]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.SelectBlock4x4V512(boxes, 0, RowStride, default, false, 17, new int[16], new float[16], new float[16]));
        Assert.Throws<ArgumentException>(() => Kernels.SelectBlock4x4V512(boxes, 0, 3, default, false, 9, new int[16], new float[16], new float[16]));
        Assert.Throws<ArgumentException>(() => Kernels.SelectBlock4x4V512(boxes, 3 * RowStride, -RowStride, default, false, 9, new int[16], new float[16], new float[16]));
    }

    // A random block (tie-heavy on alternate trials), box and k, with the scalar reference's outputs.
    private static (Box[] Boxes, int First, Box Gt, int K, Output Expected, float ExpectedKth) ScalarCase(Random rng, int trial, bool legacy)
    {
        (Box[] boxes, int first) = Block(rng, tieHeavy: trial % 2 == 0);
        Box gt = GroundTruth(rng, tieHeavy: trial % 3 != 0);
        int k = 1 + rng.Next(16);
        var expected = new Output();
        float kth = Kernels.SelectBlock4x4Scalar(boxes, first, RowStride, gt, legacy, k, expected.Indices, expected.Ious, expected.Depths);
        return (boxes, first, gt, k, expected, kth);
    }

    // Floats compared by their bits (Assert.Equal on floats treats -0 and +0 as equal).
    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);

    private static int[] Bits(float[] values) => [.. values.Select(Bits)];

    // A zero becomes -0 half of the time: the kernels must give the reference's zeros, signs included.
    private static float SometimesNegativeZero(float value, Random rng) => value == 0 && rng.Next(2) == 0 ? -0f : value;

    private sealed class Output
    {
        public int[] Indices { get; } = new int[16];

        public float[] Ious { get; } = new float[16];

        public float[] Depths { get; } = new float[16];
    }

    private static float Distance(Box prior, Box gt)
    {
        float dx = prior.CenterX - gt.CenterX;
        float dy = prior.CenterY - gt.CenterY;
        return MathF.Sqrt((dx * dx) + (dy * dy));
    }

    // Sixteen priors on four rows of a wider grid. Tie-heavy blocks sit on an integer lattice (many equal distances);
    // the others have arbitrary float centres and sizes.
    private static (Box[] Boxes, int First) Block(Random rng, bool tieHeavy)
    {
        int first = rng.Next(0, 5);
        var boxes = new Box[first + (3 * RowStride) + 4 + rng.Next(3)];
        float stride = tieHeavy ? 8 : (float)(1 + (rng.NextDouble() * 20));
        float size = tieHeavy ? 8 * (1 + rng.Next(4)) : (float)(rng.NextDouble() * 60);
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                float cx = (c * stride) + (tieHeavy ? 4 : (float)rng.NextDouble());
                float cy = (r * stride) + (tieHeavy ? 4 : (float)rng.NextDouble());
                boxes[first + (r * RowStride) + c] = Box.FromCenter(cx, cy, size, size);
            }
        }

        return (boxes, first);
    }

    // Columns' x1, columns' x2, rows' y1, rows' y2 of a separable level: on a lattice with shared sizes (tie-heavy; the
    // lattice may start at 0, so zero-size rows and columns at 0 occur), or arbitrary increasing centres with a size per
    // column and per row (including zero-size points).
    private static float[] SeparableEdges(Random rng, int width, int height, bool tieHeavy)
    {
        var edges = new float[(2 * width) + (2 * height)];
        float stride = tieHeavy ? 8 : (float)(1 + (rng.NextDouble() * 20));
        float size = tieHeavy ? 8 * rng.Next(0, 4) : 0;
        float offset = tieHeavy ? 4 * rng.Next(0, 2) : 0;
        for (int x = 0; x < width; x++)
        {
            float c = (x * stride) + (tieHeavy ? offset : (float)rng.NextDouble());
            float w = tieHeavy ? size : (rng.Next(4) == 0 ? 0 : (float)(rng.NextDouble() * 60));
            edges[x] = c - (w / 2);
            edges[width + x] = c + (w / 2);
        }

        for (int y = 0; y < height; y++)
        {
            float c = (y * stride) + (tieHeavy ? offset : (float)rng.NextDouble());
            float h = tieHeavy ? size : (rng.Next(4) == 0 ? 0 : (float)(rng.NextDouble() * 60));
            edges[(2 * width) + y] = c - (h / 2);
            edges[(2 * width) + height + y] = c + (h / 2);
        }

        return edges;
    }

    private static Box GroundTruth(Random rng, bool tieHeavy)
    {
        float cx = tieHeavy ? 4 * rng.Next(-2, 10) : (float)((rng.NextDouble() * 60) - 15);
        float cy = tieHeavy ? 4 * rng.Next(-2, 10) : (float)((rng.NextDouble() * 60) - 15);
        float w = tieHeavy ? 8 * rng.Next(0, 5) : (float)(rng.NextDouble() * 50);
        float h = tieHeavy ? 8 * rng.Next(0, 5) : (float)(rng.NextDouble() * 50);
        return Box.FromCenter(cx, cy, w, h);
    }
}
