using Atss.Tests.Oracle;

namespace Atss.Tests.Geometry;

/// <summary><see cref="Overlaps"/>: the references' float32 formulas, bit for bit, and their degenerate cases.</summary>
public class OverlapsTests
{
    [Theory]
    [InlineData(BoxConvention.Continuous)]
    [InlineData(BoxConvention.LegacyPlusOne)]
    public void Iou_RandomBoxes_MatchesReadmeFormulaBitExactly(BoxConvention convention)
    {
        var rng = new Random(11);
        for (int i = 0; i < 20_000; i++)
        {
            Box a = RandomBox(rng);
            Box b = rng.Next(8) == 0 ? a : RandomBox(rng);
            float expected = ReferenceAtss.Iou(a, b, convention);
            float actual = Overlaps.Iou(a, b, convention);
            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual), $"{a} vs {b}: expected {expected:R}, got {actual:R}");
        }
    }

    [Fact]
    public void Iof_RandomBoxes_MatchesReadmeFormulaBitExactly()
    {
        var rng = new Random(12);
        for (int i = 0; i < 20_000; i++)
        {
            Box a = RandomBox(rng);
            Box b = RandomBox(rng);
            Assert.Equal(ReferenceAtss.Iof(a, b), Overlaps.Iof(a, b));
        }
    }

    [Fact]
    public void Iou_IdenticalBoxes_IsOne()
    {
        Box b = new(1.5f, 2.25f, 7f, 9.75f);
        Assert.Equal(1f, Overlaps.Iou(b, b));
        Assert.Equal(1f, Overlaps.Iou(b, b, BoxConvention.LegacyPlusOne));
    }

    [Fact]
    public void Iou_ZeroAreaBoxes_IsZeroNotNaN()
    {
        // The union is clamped at 1e-6, so two equal points give 0 / 1e-6 = 0.
        Box point = new(3, 3, 3, 3);
        Assert.Equal(0f, Overlaps.Iou(point, point));
        Assert.Equal(0f, Overlaps.Iou(new Box(0, 0, 0, 10), new Box(0, 0, 10, 10)));
    }

    [Fact]
    public void Iou_LegacyTouchingBoxes_ShareOnePixel()
    {
        // +1 convention: [0, 9] and [9, 18] both contain pixel 9, so 1 x 1 of 10 x 10 + 10 x 10 - 1.
        Assert.Equal(1f / 199f, Overlaps.Iou(new Box(0, 0, 9, 9), new Box(9, 9, 18, 18), BoxConvention.LegacyPlusOne));
        Assert.Equal(0f, Overlaps.Iou(new Box(0, 0, 9, 9), new Box(9, 9, 18, 18)));
    }

    [Fact]
    public void Iou_LegacyPoint_HasAreaOne()
    {
        Box point = new(3, 3, 3, 3);
        Assert.Equal(1f, Overlaps.Iou(point, point, BoxConvention.LegacyPlusOne));
    }

    [Fact]
    public void Iof_PriorInsideRegion_IsOne_ZeroAreaPrior_IsZero()
    {
        Assert.Equal(1f, Overlaps.Iof(new Box(2, 2, 4, 4), new Box(0, 0, 10, 10)));
        Assert.Equal(0.5f, Overlaps.Iof(new Box(-2, 0, 2, 4), new Box(0, 0, 10, 10)));
        Assert.Equal(0f, Overlaps.Iof(new Box(5, 5, 5, 5), new Box(0, 0, 10, 10)));
    }

    [Fact]
    public void Box_CenterAndShape_FollowFloat32Formulas()
    {
        Box b = new(0.1f, 0.2f, 0.7f, 1.3f);
        Assert.Equal((0.1f + 0.7f) / 2f, b.CenterX);
        Assert.Equal((0.2f + 1.3f) / 2f, b.CenterY);
        Assert.Equal(0.7f - 0.1f, b.Width);
        Assert.True(new Box(1, 1, 1, 1).IsOrdered);
        Assert.False(new Box(1, 1, 0, 1).IsOrdered);
        Assert.False(new Box(0, float.NaN, 1, 1).IsFinite);
        Assert.Equal(new Box(-1, 0, 3, 6), Box.FromCenter(1, 3, 4, 6));
    }

    private static Box RandomBox(Random rng)
    {
        if (rng.Next(4) == 0)
        {
            int x = rng.Next(-10, 30), y = rng.Next(-10, 30);
            return new Box(x, y, x + rng.Next(20), y + rng.Next(20));
        }

        float x1 = (float)((rng.NextDouble() * 200) - 50);
        float y1 = (float)((rng.NextDouble() * 200) - 50);
        return new Box(x1, y1, x1 + (float)(rng.NextDouble() * 80), y1 + (float)(rng.NextDouble() * 80));
    }

    /// <summary>The assigners' fast IoU (plain comparisons) equals the public one bit for bit on every non-NaN input.</summary>
    [Theory]
    [InlineData(BoxConvention.Continuous)]
    [InlineData(BoxConvention.LegacyPlusOne)]
    public void IouOfValidated_EqualsIou_ForEveryNonNaNInput(BoxConvention convention)
    {
        var rng = new Random((int)convention + 7);
        float[] specials = [0f, -0f, 1f, -1f, 0.5f, 1e-30f, -1e-30f, float.Epsilon, 1e18f, -1e18f, 3f];
        float Coordinate() => rng.Next(3) == 0 ? specials[rng.Next(specials.Length)] : (float)((rng.NextDouble() * 200) - 100);
        for (int trial = 0; trial < 200_000; trial++)
        {
            Box a = Ordered(Coordinate(), Coordinate(), Coordinate(), Coordinate());
            Box b = rng.Next(8) == 0 ? a : Ordered(Coordinate(), Coordinate(), Coordinate(), Coordinate());
            float expected = Overlaps.Iou(a, b, convention);
            float actual = Overlaps.IouOfValidated(a, b, convention);
            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual), $"{a} vs {b}: {expected:R} and {actual:R}");
        }
    }

    private static Box Ordered(float x1, float y1, float x2, float y2) => new(MathF.Min(x1, x2), MathF.Min(y1, y2), MathF.Max(x1, x2), MathF.Max(y1, y2));
}
