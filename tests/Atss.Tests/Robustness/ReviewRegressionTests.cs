namespace Atss.Tests.Robustness;

/// <summary>Inputs a review found slipping past validation; each now fails at entry with the documented exception.</summary>
[Trait("Category", RobustnessGenerators.Category)]
public class ReviewRegressionTests
{
    [Fact]
    public void AssignTargetsBatch_PriorsUnfitForTheStrategy_FailBeforeAnyImageIsWritten()
    {
        Box[] box = [new(10, 10, 50, 50)];
        ImageInput good = new(PointGenerator.Fcos.Generate(128, 128), box, new[] { 1 });
        ImageInput threeLevels = new(PointGenerator.Yolo.Generate(128, 128), box, new[] { 1 });
        AssignmentBuffers[] buffers = [new(), new()];
        var e = Assert.Throws<ArgumentException>(() => new FcosAssigner().AssignTargetsBatch([good, threeLevels], buffers, 1));
        Assert.StartsWith("images[1]:", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, buffers[0].PriorCount);
        Assert.Throws<ArgumentException>(() => new FcosAssigner().AssignTargetsBatch([good, threeLevels]));
    }

    [Fact]
    public void AssignTargetsBatch_SameBuffersTwice_Throws()
    {
        var image = new ImageInput(AnchorGenerator.Atss.Generate(64, 64), new[] { new Box(1, 1, 30, 30) }, new[] { 1 });
        var shared = new AssignmentBuffers();
        var e = Assert.Throws<ArgumentException>(() => new AtssAssigner().AssignTargetsBatch([image, image], [shared, shared]));
        Assert.Equal("buffers", e.ParamName);
    }

    [Fact]
    public void AssignTargets_NegativeLabel_ThrowsNamingGtLabels()
    {
        PriorSet priors = AnchorGenerator.Atss.Generate(64, 64);
        var e = Assert.Throws<ArgumentException>(() => new AtssAssigner().AssignTargets(priors, [new Box(1, 1, 30, 30)], [-1]));
        Assert.Equal("gtLabels", e.ParamName);
    }

    [Fact]
    public void Generators_DegenerateBaseAnchors_ThrowNamingTheCause()
    {
        Assert.Equal("aspectRatios", Assert.Throws<ArgumentException>(() => new LegacyAnchorGenerator([64], [0.001], [8])).ParamName);
        Assert.Equal("ratios", Assert.Throws<ArgumentException>(() => new AnchorGenerator([8], [1e-300], [1.0])).ParamName);
        Assert.Equal("scales", Assert.Throws<ArgumentException>(() => new AnchorGenerator([8], [1.0], [1e300])).ParamName);
        Assert.Equal("scalesPerOctave", Assert.Throws<ArgumentOutOfRangeException>(() => AnchorGenerator.WithOctaveScales([8], [1.0], 8, int.MaxValue)).ParamName);
        Assert.Equal("scalesPerOctave", Assert.Throws<ArgumentOutOfRangeException>(() => new LegacyAnchorGenerator([64], [1.0], [8], 2.0, int.MaxValue)).ParamName);
        Assert.Equal("scales", Assert.Throws<ArgumentException>(() => new AnchorGenerator([8], Enumerable.Repeat(1.0, 100).ToArray(), Enumerable.Repeat(1.0, 100).ToArray())).ParamName);
    }

    [Fact]
    public void FeatureMapSizeFromImage_BadStrideOrSize_Throws()
    {
        Assert.Equal("stride", Assert.Throws<ArgumentOutOfRangeException>(() => FeatureMapSize.FromImage(100, 100, 0)).ParamName);
        Assert.Equal("stride", Assert.Throws<ArgumentOutOfRangeException>(() => FeatureMapSize.FromImage(100, 100, -8)).ParamName);
        Assert.Equal("paddedHeight", Assert.Throws<ArgumentOutOfRangeException>(() => FeatureMapSize.FromImage(-100, 100, 8)).ParamName);
        Assert.Equal(10_000_000_000L, new PriorLevelGrid(100_000, 100_000, 8, 8, 1).Count);
    }

    [Fact]
    public void ToSquareAnchors_SizeBeyondCoordinateRange_Throws()
    {
        PriorSet points = PointGenerator.Fcos.Generate(64, 64);
        Assert.Equal("sizeInStrides", Assert.Throws<ArgumentOutOfRangeException>(() => points.ToSquareAnchors(1e38f)).ParamName);
        Assert.Equal("sizeInStrides", Assert.Throws<ArgumentOutOfRangeException>(() => points.ToSquareAnchors(1e17f)).ParamName);
        Assert.True(points.ToSquareAnchors(5f).Boxes[0].IsFinite);
    }

    [Fact]
    public void MaxIouAssigner_DefaultOptions_Rejected()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new MaxIouAssigner(default(MaxIouOptions)));

    [Fact]
    public void DeltaXywhCoder_ZeroSizeBox_ThrowsInsteadOfInfiniteTarget()
    {
        var destination = new float[4];
        var e = Assert.Throws<ArgumentException>(() => DeltaXywhCoder.Atss.Encode([new Box(0, 0, 10, 10)], [new Box(5, 5, 5, 8)], destination));
        Assert.Equal("gtBoxes", e.ParamName);
        Assert.Equal("priors", Assert.Throws<ArgumentException>(() => DeltaXywhCoder.Atss.Encode([new Box(0, 0, 0, 10)], [new Box(5, 5, 6, 8)], destination)).ParamName);
        Assert.All(destination, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void QualityScores_InvalidNegativeIndex_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => QualityScores.FromPredictions([new Box(0, 0, 10, 10)], [-7], [new Box(0, 0, 10, 10)], new float[1]));
        Assert.Equal("assignedGt", e.ParamName);
    }

    [Fact]
    public void DistancePointCoder_NegativeEpsilon_Throws()
        => Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new DistancePointCoder(1, epsilon: -5)).ParamName);
}
