namespace Atss.Tests.Targets;

public class BoxCoderTests
{
    public static TheoryData<string> Coders => new() { "delta-default", "delta-atss", "legacy-box", "legacy-point", "distance", "distance-normalized", "distance-clamped" };

    [Theory]
    [MemberData(nameof(Coders))]
    public void DecodeEncode_RandomPairs_RoundTrips(string name)
    {
        var rng = new Random(name.Sum(c => c));
        BoxCoder coder = Create(name);
        const int n = 500;
        var priors = new Box[n];
        var gts = new Box[n];
        var strides = new float[n];
        for (int i = 0; i < n; i++)
        {
            float stride = 8 << rng.Next(5);
            float cx = (float)(rng.NextDouble() * 800);
            float cy = (float)(rng.NextDouble() * 800);
            strides[i] = stride;
            bool points = name.StartsWith("distance", StringComparison.Ordinal);
            float size = points ? 0f : stride * (2f + (float)(rng.NextDouble() * 6));
            priors[i] = Box.FromCenter(cx, cy, size, size);
            // A box containing the prior centre, at most 8 strides from it (inside every clamp used here).
            float l = (float)(rng.NextDouble() * 8 * (name == "distance-clamped" ? 1 : stride)) + 0.5f;
            float t = (float)(rng.NextDouble() * 8 * stride) + 0.5f;
            float r = (float)(rng.NextDouble() * 8 * stride) + 0.5f;
            float b = (float)(rng.NextDouble() * 8 * stride) + 0.5f;
            gts[i] = new Box(cx - l, cy - t, cx + r, cy + b);
        }

        var deltas = new float[n * BoxCoder.Width];
        var decoded = new Box[n];
        coder.Encode(priors, gts, strides, deltas);
        coder.Decode(priors, deltas, strides, decoded);

        for (int i = 0; i < n; i++)
        {
            AssertClose(gts[i].X1, decoded[i].X1);
            AssertClose(gts[i].Y1, decoded[i].Y1);
            AssertClose(gts[i].X2, decoded[i].X2);
            AssertClose(gts[i].Y2, decoded[i].Y2);
        }
    }

    [Fact]
    public void DistancePointCoder_Clamp_BoundsEveryValueAndKeepsNegativesWithout()
    {
        Box[] points = [new Box(10, 10, 10, 10), new Box(100, 100, 100, 100)];
        Box[] gts = [new Box(20, 0, 60, 90), new Box(0, 0, 110, 101)];
        var clamped = new float[8];
        var raw = new float[8];

        new DistancePointCoder(16.0, 0.01).Encode(points, gts, clamped);
        new DistancePointCoder().Encode(points, gts, raw);

        Assert.All(clamped, v => Assert.InRange(v, 0f, (float)(16.0 - 0.01)));
        Assert.Contains(raw, v => v < 0f);
        Assert.Contains((float)(16.0 - 0.01), clamped);
    }

    [Fact]
    public void DistancePointCoder_Normalized_EqualsRawDividedByStride()
    {
        Box[] points = [new Box(12, 20, 12, 20), new Box(48, 48, 48, 48)];
        Box[] gts = [new Box(0, 0, 40, 33), new Box(5, 7, 99, 61)];
        float[] strides = [8f, 32f];
        var normalized = new float[8];
        var raw = new float[8];

        new DistancePointCoder(null, normalizeByStride: true).Encode(points, gts, strides, normalized);
        new DistancePointCoder().Encode(points, gts, raw);

        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(raw[i] / strides[i / 4], normalized[i]);
        }
    }

    [Fact]
    public void Encode_NormalizingCoderWithoutStrides_ThrowsNamingStrides()
    {
        var coder = new DistancePointCoder(null, normalizeByStride: true);

        var e = Assert.Throws<ArgumentException>(() => coder.Encode([new Box(1, 1, 1, 1)], [new Box(0, 0, 2, 2)], new float[4]));

        Assert.Equal("strides", e.ParamName);
        Assert.True(coder.UsesStrides);
        Assert.False(new LegacyBoxCoder().UsesStrides);
    }

    [Fact]
    public void Encode_BadArguments_ThrowNamingTheParameter()
    {
        var coder = new LegacyBoxCoder();
        Box[] one = [new Box(0, 0, 10, 10)];

        Assert.Equal("gtBoxes", Assert.Throws<ArgumentException>(() => coder.Encode(one, [], new float[4])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => coder.Encode(one, one, new float[3])).ParamName);
        Assert.Equal("gtBoxes", Assert.Throws<ArgumentException>(() => coder.Encode(one, [new Box(0, 0, float.NaN, 1)], new float[4])).ParamName);
        Assert.Equal("strides", Assert.Throws<ArgumentException>(() => new DistancePointCoder(null, normalizeByStride: true).Encode(one, one, [0f], new float[4])).ParamName);
    }

    [Fact]
    public void Decode_BadArguments_ThrowNamingTheParameter()
    {
        var coder = new DeltaXywhCoder();
        Box[] one = [new Box(0, 0, 10, 10)];

        Assert.Equal("deltas", Assert.Throws<ArgumentException>(() => coder.Decode(one, new float[3], new Box[1])).ParamName);
        Assert.Equal("deltas", Assert.Throws<ArgumentException>(() => coder.Decode(one, [0f, float.NaN, 0f, 0f], new Box[1])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => coder.Decode(one, new float[4], [])).ParamName);
    }

    [Fact]
    public void DeltaXywhCoder_Decode_ClampsLogRatios()
    {
        var coder = new DeltaXywhCoder();
        var decoded = new Box[1];

        coder.Decode([new Box(0, 0, 10, 10)], [0f, 0f, 100f, -100f], decoded);

        float maxRatio = (float)Math.Abs(Math.Log(16.0 / 1000.0));
        Assert.Equal(10f * MathF.Exp(maxRatio), decoded[0].Width, 3);
        Assert.Equal(10f * MathF.Exp(-maxRatio), decoded[0].Height, 3);
    }

    [Fact]
    public void Constructors_BadArguments_ThrowNamingTheParameter()
    {
        Assert.Equal("stds", Assert.Throws<ArgumentException>(() => new DeltaXywhCoder([0f, 0f, 0f, 0f], [1f, 0f, 1f, 1f])).ParamName);
        Assert.Equal("means", Assert.Throws<ArgumentException>(() => new DeltaXywhCoder([0f, 0f, 0f], [1f, 1f, 1f, 1f])).ParamName);
        Assert.Equal("widthHeightRatioClip", Assert.Throws<ArgumentOutOfRangeException>(() => new DeltaXywhCoder([0f, 0f, 0f, 0f], [1f, 1f, 1f, 1f], 2.0)).ParamName);
        Assert.Equal("weightWidth", Assert.Throws<ArgumentOutOfRangeException>(() => new LegacyBoxCoder(10, 10, 0, 5)).ParamName);
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => new LegacyPointCoder(float.NaN)).ParamName);
        Assert.Equal("maxDistance", Assert.Throws<ArgumentOutOfRangeException>(() => new DistancePointCoder(0.05, 0.1)).ParamName);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new DistancePointCoder(16.0, double.NaN)).ParamName);
    }

    private static BoxCoder Create(string name) => name switch
    {
        "delta-default" => new DeltaXywhCoder(),
        "delta-atss" => DeltaXywhCoder.Atss,
        "legacy-box" => new LegacyBoxCoder(),
        "legacy-point" => new LegacyPointCoder(),
        "distance" => new DistancePointCoder(),
        "distance-normalized" => new DistancePointCoder(null, normalizeByStride: true),
        "distance-clamped" => new DistancePointCoder(16.0, 0.01, normalizeByStride: true),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    // Coordinates up to ~1800 px: float32 rounding through log/exp stays far below 1e-3 px.
    private static void AssertClose(float expected, float actual)
        => Assert.True(MathF.Abs(expected - actual) <= 1e-3f + (2e-6f * MathF.Abs(expected)), $"expected {expected:R}, got {actual:R}");
}
