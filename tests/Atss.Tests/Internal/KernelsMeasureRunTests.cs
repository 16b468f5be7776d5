using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Atss.Tests.Internal;

/// <summary>
/// <c>Kernels.MeasureSixteenV512</c> and <c>MeasureEightV256</c> (IoUs and centre depths of consecutive priors, for
/// runs of a location's anchors) against the scalar formulas, compared by their bits.
/// </summary>
public class KernelsMeasureRunTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MeasureRuns_EqualTheScalarFormulasBitForBit(bool legacy)
    {
        // A kernel runs where its instructions exist (only there does the library use it); CI's tiers cover both.
        if (!Avx.IsSupported)
        {
            return;
        }

        var rng = new Random(legacy ? 71 : 73);
        BoxConvention convention = legacy ? BoxConvention.LegacyPlusOne : BoxConvention.Continuous;
        for (int trial = 0; trial < 3000; trial++)
        {
            bool lattice = trial % 2 == 0;
            int count = 16 + rng.Next(8);
            var boxes = new Box[count];
            var cx = new float[count];
            var cy = new float[count];
            for (int i = 0; i < count; i++)
            {
                // Lattice boxes (integer edges, zero sizes, edges at 0) tie with the box's edges; the others are arbitrary.
                float x = lattice ? 4 * rng.Next(0, 6) : (float)(rng.NextDouble() * 60);
                float y = lattice ? 4 * rng.Next(0, 6) : (float)(rng.NextDouble() * 60);
                float w = lattice ? 8 * rng.Next(0, 3) : (rng.Next(5) == 0 ? 0 : (float)(rng.NextDouble() * 40));
                float h = lattice ? 8 * rng.Next(0, 3) : (rng.Next(5) == 0 ? 0 : (float)(rng.NextDouble() * 40));
                boxes[i] = new Box(NegativeZeroSometimes(x, rng), NegativeZeroSometimes(y, rng), x + w, y + h);

                // Centres need not be the box's midpoint (point priors, rounding): sometimes it, sometimes anywhere near.
                cx[i] = rng.Next(2) == 0 ? boxes[i].CenterX : NegativeZeroSometimes(lattice ? 4 * rng.Next(0, 8) : (float)(rng.NextDouble() * 70), rng);
                cy[i] = rng.Next(2) == 0 ? boxes[i].CenterY : NegativeZeroSometimes(lattice ? 4 * rng.Next(0, 8) : (float)(rng.NextDouble() * 70), rng);
            }

            float gx = lattice ? 4 * rng.Next(0, 6) : (float)(rng.NextDouble() * 60);
            float gy = lattice ? 4 * rng.Next(0, 6) : (float)(rng.NextDouble() * 60);
            var gt = new Box(NegativeZeroSometimes(gx, rng), NegativeZeroSometimes(gy, rng), gx + (lattice ? 8 * rng.Next(0, 4) : (float)(rng.NextDouble() * 50)), gy + (lattice ? 8 * rng.Next(0, 4) : (float)(rng.NextDouble() * 50)));
            int first = rng.Next(count - 15);
            for (int lane = 0; lane < 16; lane++)
            {
                int p = first + lane;
                int iou = Bits(Overlaps.IouOfValidated(boxes[p], gt, convention));
                int depth = Bits(CenterTests.Depth(cx[p], cy[p], gt));
                if (lane < 8)
                {
                    Kernels.MeasureEightV256(boxes, cx, cy, first, gt, legacy, out Vector256<float> ious8, out Vector256<float> depths8);
                    Assert.Equal(iou, Bits(ious8.GetElement(lane)));
                    Assert.Equal(depth, Bits(depths8.GetElement(lane)));
                }

                if (Avx512F.IsSupported)
                {
                    Kernels.MeasureSixteenV512(boxes, cx, cy, first, gt, legacy, out Vector512<float> ious, out Vector512<float> depths);
                    Assert.Equal(iou, Bits(ious.GetElement(lane)));
                    Assert.Equal(depth, Bits(depths.GetElement(lane)));
                }
            }
        }
    }

    [Fact]
    public void MeasureRuns_RejectRunsOutsideTheBoxesAndShortCentres()
    {
        if (!Avx.IsSupported)
        {
            return;
        }

        var boxes = new Box[20];
        var centers = new float[20];
        Assert.Throws<ArgumentException>(() => Kernels.MeasureEightV256(boxes, centers, centers, 13, default, false, out _, out _));
        Assert.Throws<ArgumentException>(() => Kernels.MeasureEightV256(boxes, centers, centers, -1, default, false, out _, out _));
        Assert.Throws<ArgumentException>(() => Kernels.MeasureEightV256(boxes, centers.AsSpan(1), centers, 0, default, false, out _, out _));
        if (!Avx512F.IsSupported)
        {
            return;
        }

        Assert.Throws<ArgumentException>(() => Kernels.MeasureSixteenV512(boxes, centers, centers, 5, default, false, out _, out _));
        Assert.Throws<ArgumentException>(() => Kernels.MeasureSixteenV512(boxes, centers, centers, -1, default, false, out _, out _));
        Assert.Throws<ArgumentException>(() => Kernels.MeasureSixteenV512(boxes, centers.AsSpan(1), centers, 0, default, false, out _, out _));
        Assert.Throws<ArgumentException>(() => Kernels.MeasureSixteenV512(boxes.AsSpan(..15), centers, centers, 0, default, false, out _, out _));
    }

    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);

    private static float NegativeZeroSometimes(float value, Random rng) => value == 0 && rng.Next(2) == 0 ? -0f : value;
}
