using System.Collections.Immutable;

namespace Atss.Tests.Assignment;

public class FcosAssignerTests
{
    public static TheoryData<string, int> OracleCases()
    {
        var data = new TheoryData<string, int>();
        foreach (string preset in new[] { "mmdet", "sampling", "paper", "tight-ranges" })
        {
            for (int seed = 0; seed < 8; seed++)
            {
                data.Add(preset, seed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OracleCases))]
    public void AssignTargets_RandomScene_MatchesMatrixOracle(string preset, int seed)
    {
        var rng = new Random(seed);
        FcosOptions options = preset switch
        {
            "sampling" => FcosOptions.MmDetection with { CenterSampling = true, CenterSampleRadius = 1.5 },
            "paper" => FcosOptions.OriginalPaper,
            "tight-ranges" => FcosOptions.MmDetection with { RegressRanges = [new(-1, 8), new(8, 16), new(16, 32), new(32, 48), new(48, 1e8f)], CenterSampling = true, CenterSampleRadius = 0.75 },
            _ => FcosOptions.MmDetection,
        };
        PriorSet priors = preset == "paper" ? LegacyAnchorGenerator.Atss.Generate(128, 128) : PointGenerator.Fcos.Generate(128, 128);
        Box[] gts = RandomScenes.Boxes(rng, rng.Next(0, 14), 128, 128);

        AssignmentResult result = new FcosAssigner(options).AssignTargets(priors, gts, RandomScenes.Labels(rng, gts.Length));

        Assert.Equal(StrategyOracles.Fcos(priors, gts, options), result.AssignedGt);
        Assert.DoesNotContain(AssignmentResult.Ignored, result.AssignedGt);
    }

    [Fact]
    public void AssignTargets_TwoBoxesContainPoint_SmallerAreaWinsAndEqualAreasKeepLowerIndex()
    {
        PriorSet priors = PriorSet.FromBoxes([new Box(10, 10, 10, 10)], [1]);
        var assigner = new FcosAssigner(FcosOptions.MmDetection with { RegressRanges = [new(-1, 1e8f)] });

        AssignmentResult smaller = assigner.AssignTargets(priors, [new Box(0, 0, 40, 40), new Box(0, 0, 20, 20)], [1, 2]);
        AssignmentResult equal = assigner.AssignTargets(priors, [new Box(0, 0, 20, 20), new Box(5, 5, 25, 25)], [1, 2]);

        Assert.Equal(1, smaller.AssignedGt[0]);
        Assert.Equal(0, equal.AssignedGt[0]);
    }

    [Fact]
    public void AssignTargets_RangeBoundsInclusiveAndInsideStrict()
    {
        PriorSet priors = PriorSet.FromBoxes([new Box(10, 10, 10, 10)], [1]);
        // max(l, t, r, b) = 20 exactly at the range's upper bound; the second box has the point on its left edge.
        var assigner = new FcosAssigner(FcosOptions.MmDetection with { RegressRanges = [new(-1, 20)] });

        AssignmentResult onBound = assigner.AssignTargets(priors, [new Box(0, 0, 30, 20)], [1]);
        AssignmentResult onEdge = assigner.AssignTargets(priors, [new Box(10, 0, 20, 20)], [1]);

        Assert.Equal(0, onBound.AssignedGt[0]);
        Assert.Equal(AssignmentResult.Negative, onEdge.AssignedGt[0]);
    }

    [Fact]
    public void AssignTargets_LevelCountDiffersFromRanges_ThrowsNamingPriors()
    {
        PriorSet priors = new PointGenerator([8, 16]).Generate(64, 64);

        var e = Assert.Throws<ArgumentException>(() => new FcosAssigner().AssignTargets(priors, [new Box(0, 0, 10, 10)], [1]));

        Assert.Equal("priors", e.ParamName);
    }

    [Fact]
    public void AssignTargets_CenterSamplingWithoutGrids_ThrowsNamingPriors()
    {
        PriorSet priors = PriorSet.FromBoxes([new Box(4, 4, 4, 4)], [1]);
        var assigner = new FcosAssigner(FcosOptions.MmDetection with { RegressRanges = [new(-1, 1e8f)], CenterSampling = true });

        var e = Assert.Throws<ArgumentException>(() => assigner.AssignTargets(priors, [new Box(0, 0, 10, 10)], [1]));

        Assert.Equal("priors", e.ParamName);
    }

    [Fact]
    public void AssignTargets_NoBoxes_EveryPriorNegative()
    {
        AssignmentResult result = new FcosAssigner().AssignTargets(PointGenerator.Fcos.Generate(64, 64), [], []);

        Assert.All(result.AssignedGt, g => Assert.Equal(AssignmentResult.Negative, g));
        Assert.Empty(result.PositiveIndices);
    }

    [Fact]
    public void AssignTargets_Statistics_CountEligiblePriorsAndPositives()
    {
        PriorSet priors = PointGenerator.Fcos.Generate(128, 128);
        Box[] gts = [new Box(10, 10, 50, 40), new Box(20, 20, 30, 30)];

        AssignmentResult result = new FcosAssigner().AssignTargets(priors, gts, [1, 2]);

        Assert.Equal(result.PositiveCount, result.GtStatistics.Sum(s => s.PositiveCount));
        Assert.All(result.GtStatistics, s => Assert.True(s.CandidateCount >= s.PositiveCount));
        Assert.True(result.GtStatistics[1].PositiveCount > 0);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Constructor_BadRadius_ThrowsNamingOptions(double radius)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new FcosAssigner(FcosOptions.MmDetection with { CenterSampleRadius = radius }));
        Assert.Equal("options", e.ParamName);
    }

    [Fact]
    public void Constructor_InvertedOrMissingRanges_ThrowsNamingOptions()
    {
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => new FcosAssigner(FcosOptions.MmDetection with { RegressRanges = [new(64, 8)] })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => new FcosAssigner(FcosOptions.MmDetection with { RegressRanges = default })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => new FcosAssigner(FcosOptions.MmDetection with { RegressRanges = ImmutableArray<SizeRange>.Empty })).ParamName);
    }
}
