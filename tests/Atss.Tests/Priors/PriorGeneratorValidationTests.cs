namespace Atss.Tests.Priors;

/// <summary>Argument validation of the prior generators: exception type and parameter name.</summary>
public class PriorGeneratorValidationTests
{
    [Fact]
    public void AnchorGenerator_EmptyStrides_Throws()
        => Assert.Equal("strides", Assert.Throws<ArgumentException>(() => new AnchorGenerator([], [1.0], [8.0])).ParamName);

    [Theory]
    [InlineData(0)]
    [InlineData(-8)]
    public void AnchorGenerator_NonPositiveStride_ThrowsNamingLevel(int stride)
    {
        var e = Assert.Throws<ArgumentException>(() => new AnchorGenerator([8, stride], [1.0], [8.0]));
        Assert.Equal("strides", e.ParamName);
        Assert.Contains("level 1", e.Message);
    }

    [Fact]
    public void AnchorGenerator_EmptyRatios_Throws()
        => Assert.Equal("ratios", Assert.Throws<ArgumentException>(() => new AnchorGenerator([8], [], [8.0])).ParamName);

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void AnchorGenerator_InvalidScale_Throws(double scale)
        => Assert.Equal("scales", Assert.Throws<ArgumentException>(() => new AnchorGenerator([8], [1.0], [1.0, scale])).ParamName);

    [Fact]
    public void AnchorGenerator_BaseSizesLengthMismatch_Throws()
        => Assert.Equal("baseSizes", Assert.Throws<ArgumentException>(() => new AnchorGenerator([8, 16], [1.0], [1.0], [8])).ParamName);

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void AnchorGenerator_CenterOffsetOutOfRange_Throws(double offset)
        => Assert.Equal("centerOffset", Assert.Throws<ArgumentOutOfRangeException>(() => new AnchorGenerator([8], [1.0], [1.0], centerOffset: offset)).ParamName);

    [Fact]
    public void AnchorGenerator_ZeroScalesPerOctave_Throws()
        => Assert.Equal("scalesPerOctave", Assert.Throws<ArgumentOutOfRangeException>(() => AnchorGenerator.WithOctaveScales([8], [1.0], 4, 0)).ParamName);

    [Fact]
    public void AnchorGenerator_NaNOctaveBaseScale_Throws()
        => Assert.Equal("octaveBaseScale", Assert.Throws<ArgumentOutOfRangeException>(() => AnchorGenerator.WithOctaveScales([8], [1.0], double.NaN, 1)).ParamName);

    [Fact]
    public void AnchorGenerator_BaseAnchorsLevelOutOfRange_Throws()
        => Assert.Equal("level", Assert.Throws<ArgumentOutOfRangeException>(() => AnchorGenerator.Atss.BaseAnchors(5).Length).ParamName);

    [Fact]
    public void LegacyAnchorGenerator_SizesLengthMismatch_Throws()
        => Assert.Equal("sizes", Assert.Throws<ArgumentException>(() => new LegacyAnchorGenerator([64, 128], [1.0], [8])).ParamName);

    [Fact]
    public void LegacyAnchorGenerator_EmptyStrides_Throws()
        => Assert.Equal("strides", Assert.Throws<ArgumentException>(() => new LegacyAnchorGenerator([64], [1.0], [])).ParamName);

    [Fact]
    public void LegacyAnchorGenerator_EmptyAspectRatios_Throws()
        => Assert.Equal("aspectRatios", Assert.Throws<ArgumentException>(() => new LegacyAnchorGenerator([64], [], [8])).ParamName);

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    public void LegacyAnchorGenerator_InvalidOctave_Throws(double octave)
        => Assert.Equal("octave", Assert.Throws<ArgumentOutOfRangeException>(() => new LegacyAnchorGenerator([64], [1.0], [8], octave)).ParamName);

    [Fact]
    public void LegacyAnchorGenerator_ZeroScalesPerOctave_Throws()
        => Assert.Equal("scalesPerOctave", Assert.Throws<ArgumentOutOfRangeException>(() => new LegacyAnchorGenerator([64], [1.0], [8], 2.0, 0)).ParamName);

    [Fact]
    public void PointGenerator_EmptyStrides_Throws()
        => Assert.Equal("strides", Assert.Throws<ArgumentException>(() => new PointGenerator([])).ParamName);

    [Theory]
    [InlineData(-0.5)]
    [InlineData(2.0)]
    public void PointGenerator_OffsetOutOfRange_Throws(double offset)
        => Assert.Equal("offset", Assert.Throws<ArgumentOutOfRangeException>(() => new PointGenerator([8], offset)).ParamName);

    public static TheoryData<IPriorGenerator> Generators => [AnchorGenerator.Atss, LegacyAnchorGenerator.RetinaNet, PointGenerator.Fcos];

    [Theory]
    [MemberData(nameof(Generators))]
    public void Generate_NegativeImageSize_ThrowsNamingDimension(IPriorGenerator generator)
    {
        Assert.Equal("paddedHeight", Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(-1, 64)).ParamName);
        Assert.Equal("paddedWidth", Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(64, -1)).ParamName);
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Generate_WrongLevelCount_Throws(IPriorGenerator generator)
    {
        var e = Assert.Throws<ArgumentException>(() => generator.Generate([new FeatureMapSize(2, 2)]));
        Assert.Equal("featureMapSizes", e.ParamName);
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Generate_NegativeFeatureMap_ThrowsNamingLevel(IPriorGenerator generator)
    {
        FeatureMapSize[] sizes = [.. Enumerable.Repeat(new FeatureMapSize(1, 1), generator.Strides.Length)];
        sizes[2] = new FeatureMapSize(3, -1);
        var e = Assert.Throws<ArgumentException>(() => generator.Generate(sizes));
        Assert.Equal("featureMapSizes", e.ParamName);
        Assert.Contains("level 2", e.Message);
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Generate_HugeImage_ThrowsNamingTheImageSize(IPriorGenerator generator)
    {
        // The caller passed an image size, so the message must not name the per-level overload's parameter.
        var e = Assert.Throws<ArgumentException>(() => generator.Generate(1_000_000, 1_000_000));
        Assert.Equal("paddedHeight", e.ParamName);
        Assert.Contains("1000000x1000000", e.Message);
        Assert.DoesNotContain("featureMapSizes", e.Message);
        Assert.Equal("featureMapSizes", Assert.IsType<ArgumentException>(e.InnerException).ParamName);
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Generate_TooManyPriors_Throws(IPriorGenerator generator)
    {
        FeatureMapSize[] sizes = [.. Enumerable.Repeat(new FeatureMapSize(100_000, 100_000), generator.Strides.Length)];
        Assert.Equal("featureMapSizes", Assert.Throws<ArgumentException>(() => generator.Generate(sizes)).ParamName);
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Generate_EmptyImage_GivesEmptyLevels(IPriorGenerator generator)
    {
        PriorSet set = generator.Generate(0, 0);
        Assert.Equal(0, set.Count);
        Assert.Equal(generator.Strides.Length, set.LevelCount);
    }
}
