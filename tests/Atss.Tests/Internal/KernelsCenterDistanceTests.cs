namespace Atss.Tests.Internal;

/// <summary>
/// <c>Kernels.CenterDistance</c>: every width agrees with the scalar kernel bit for bit at every length from 0 to past three
/// 512-bit vectors (so every remainder is exercised), and nothing past the destination's length is written.
/// </summary>
public class KernelsCenterDistanceTests
{
    private const float Sentinel = -12345f;

    /// <summary>(tier, length) rows; a vector width needs at least one full vector (the dispatcher guarantees it).</summary>
    public static TheoryData<KernelTier, int> TierLengths
    {
        get
        {
            var data = new TheoryData<KernelTier, int>();
            foreach (KernelTier tier in KernelTiers.Available())
            {
                int min = tier == KernelTier.Scalar ? 0 : KernelTiers.Width(tier);
                for (int n = min; n <= KernelTiers.MaxLength; n++)
                {
                    data.Add(tier, n);
                }
            }

            return data;
        }
    }

    public static TheoryData<int> Lengths => [.. Enumerable.Range(0, KernelTiers.MaxLength + 1)];

    [Theory]
    [MemberData(nameof(TierLengths))]
    public void CenterDistanceTier_MatchesScalarBitExactly(KernelTier tier, int length)
    {
        for (int variant = 0; variant < 4; variant++)
        {
            (float[] cx, float[] cy, float gx, float gy) = Inputs(length, variant);
            float[] expected = Reference(cx, cy, gx, gy);
            float[] actual = Run(tier, cx, cy, gx, gy);
            AssertBitEqual(expected, actual, $"{tier}, length {length}, variant {variant}");
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void CenterDistance_Dispatch_MatchesScalarBitExactly(int length)
    {
        for (int variant = 0; variant < 4; variant++)
        {
            (float[] cx, float[] cy, float gx, float gy) = Inputs(length, variant);
            float[] expected = new float[length];
            Kernels.CenterDistanceScalar(cx.AsSpan(1, length), cy.AsSpan(1, length), gx, gy, expected);
            float[] actual = Padded(length);
            Kernels.CenterDistance(cx.AsSpan(1, length), cy.AsSpan(1, length), gx, gy, actual.AsSpan(1, length));
            AssertBitEqual(expected, actual, $"dispatch, length {length}, variant {variant}");
        }
    }

    [Fact]
    public void CenterDistanceScalar_EqualOffsets_GiveEqualDistances()
    {
        // Four centres symmetric about the box centre: the float32 formula gives the same distance to each (exact ties).
        float[] cx = [4f, 12f, 4f, 12f];
        float[] cy = [4f, 4f, 12f, 12f];
        var d = new float[4];
        Kernels.CenterDistanceScalar(cx, cy, 8f, 8f, d);
        Assert.All(d, v => Assert.Equal(d[0], v));
        Assert.Equal(MathF.Sqrt(32f), d[0]);
    }

    /// <summary>The README formula: <c>sqrtf(dx*dx + dy*dy)</c> with each product rounded, no fused multiply-add.</summary>
    private static float[] Reference(float[] cx, float[] cy, float gx, float gy)
    {
        var d = new float[cx.Length - 2];
        for (int i = 0; i < d.Length; i++)
        {
            float dx = cx[i + 1] - gx;
            float dy = cy[i + 1] - gy;
            float dx2 = dx * dx;
            float dy2 = dy * dy;
            d[i] = MathF.Sqrt(dx2 + dy2);
        }

        return d;
    }

    // Inputs start at offset 1 (a misaligned span) and carry one extra element on each side.
    private static float[] Run(KernelTier tier, float[] cx, float[] cy, float gx, float gy)
    {
        int n = cx.Length - 2;
        float[] d = Padded(n);
        ReadOnlySpan<float> x = cx.AsSpan(1, n);
        ReadOnlySpan<float> y = cy.AsSpan(1, n);
        Span<float> dest = d.AsSpan(1, n);
        switch (tier)
        {
            case KernelTier.Scalar:
                Kernels.CenterDistanceScalar(x, y, gx, gy, dest);
                break;
            case KernelTier.V128:
                Kernels.CenterDistanceV128(x, y, gx, gy, dest);
                break;
            case KernelTier.V256:
                Kernels.CenterDistanceV256(x, y, gx, gy, dest);
                break;
            default:
                Kernels.CenterDistanceV512(x, y, gx, gy, dest);
                break;
        }

        return d;
    }

    private static float[] Padded(int length)
    {
        var d = new float[length + 2];
        Array.Fill(d, Sentinel);
        return d;
    }

    private static void AssertBitEqual(float[] expected, float[] paddedActual, string what)
    {
        Assert.True(paddedActual[0] == Sentinel && paddedActual[^1] == Sentinel, $"{what}: wrote outside the destination");
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(paddedActual[i + 1]))
            {
                Assert.Fail($"{what}: index {i}: expected {expected[i]:R}, got {paddedActual[i + 1]:R}");
            }
        }
    }

    private static (float[] Cx, float[] Cy, float Gx, float Gy) Inputs(int length, int variant)
    {
        var rng = new Random((length * 31) + variant);
        var cx = new float[length + 2];
        var cy = new float[length + 2];
        for (int i = 0; i < cx.Length; i++)
        {
            (cx[i], cy[i]) = variant switch
            {
                // Integer grid: many exactly equal distances.
                0 => (rng.Next(-3, 4) * 8f, rng.Next(-3, 4) * 8f),
                // Half-pixel centres and large offsets.
                1 => (rng.Next(0, 2000) + 0.5f, rng.Next(0, 2000) + 0.5f),
                // Arbitrary float32 values, where rounding of the products matters.
                2 => ((float)((rng.NextDouble() * 1e4) - 5e3), (float)((rng.NextDouble() * 1e4) - 5e3)),
                // Tiny differences near the box centre.
                _ => (100f + (float)(rng.NextDouble() * 1e-3), 100f - (float)(rng.NextDouble() * 1e-3)),
            };
        }

        float gx = variant == 0 ? 0f : (float)(rng.NextDouble() * 1000);
        float gy = variant == 3 ? 100f : (float)(rng.NextDouble() * 1000);
        return (cx, cy, gx, gy);
    }
}
