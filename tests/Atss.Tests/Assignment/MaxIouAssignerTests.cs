namespace Atss.Tests.Assignment;

public class MaxIouAssignerTests
{
    public static TheoryData<string, int> OracleCases()
    {
        var data = new TheoryData<string, int>();
        foreach (string preset in new[] { "mmdet", "paper", "first", "none", "ignore-prior", "ignore-region", "min-pos" })
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
        MaxIouOptions options = preset switch
        {
            "paper" => MaxIouOptions.OriginalPaper,
            "first" => MaxIouOptions.MmDetection with { LowQualityMatching = LowQualityMatching.FirstPriorAtBoxBest },
            "none" => MaxIouOptions.MmDetection with { LowQualityMatching = LowQualityMatching.None },
            "ignore-prior" => MaxIouOptions.MmDetection with { IgnoreIofThreshold = 0.5f },
            "ignore-region" => MaxIouOptions.MmDetection with { IgnoreIofThreshold = 0.3f, IgnoreIofRelativeToPrior = false },
            "min-pos" => MaxIouOptions.MmDetection with { MinPositiveIou = 0.2f, NegativeIouLowerBound = 0.1f },
            _ => MaxIouOptions.MmDetection,
        };
        PriorSet priors = preset == "paper" ? LegacyAnchorGenerator.RetinaNet.Generate(64, 96) : AnchorGenerator.RetinaNet.Generate(64, 96);
        Box[] gts = RandomScenes.Boxes(rng, rng.Next(0, 12), 96, 64);
        Box[] ignore = RandomScenes.Boxes(rng, 2, 96, 64);

        AssignmentResult result = new MaxIouAssigner(options).AssignTargets(priors, gts, RandomScenes.Labels(rng, gts.Length), ignore);

        Assert.Equal(StrategyOracles.MaxIou(priors, gts, options.IgnoreIofThreshold is null ? [] : ignore, options), result.AssignedGt);
        foreach (int p in result.PositiveIndices)
        {
            Assert.Equal(Overlaps.Iou(priors.Boxes[p], gts[result.AssignedGt[p]], options.BoxConvention), result.Ious[p]);
        }
    }

    [Fact]
    public void AssignTargets_ThresholdsInFloat32_ExactPositiveAndNegativeBoundaries()
    {
        PriorSet priors = PriorSet.FromBoxes([new Box(0, 0, 10, 10), new Box(100, 0, 110, 10)], [2]);
        // IoU 50/100 = 0.5f exactly (positive, >=) and 40/100 = 0.4f exactly (not < 0.4f: ignored).
        var assigner = new MaxIouAssigner(MaxIouOptions.MmDetection with { LowQualityMatching = LowQualityMatching.None });

        AssignmentResult half = assigner.AssignTargets(priors, [new Box(0, 0, 10, 5)], [7]);
        AssignmentResult forty = assigner.AssignTargets(priors, [new Box(0, 0, 10, 4)], [7]);

        Assert.Equal(0.5f, half.Ious[0]);
        Assert.Equal([0, AssignmentResult.Negative], half.AssignedGt);
        Assert.Equal(7, half.Labels[0]);
        Assert.Equal([AssignmentResult.Ignored, AssignmentResult.Negative], forty.AssignedGt);
    }

    [Fact]
    public void AssignTargets_LowQualityModes_RescueAllTiedPriorsOrOnlyTheFirst()
    {
        // Both priors reach the box's best IoU, 25 / 125 = 0.2 (below the negative threshold).
        PriorSet priors = PriorSet.FromBoxes([new Box(0, 0, 10, 10), new Box(10, 0, 20, 10), new Box(50, 50, 60, 60)], [3]);
        Box[] gts = [new Box(5, 0, 15, 5)];

        int[] all = new MaxIouAssigner().AssignTargets(priors, gts, [1]).AssignedGt;
        int[] first = new MaxIouAssigner(MaxIouOptions.MmDetection with { LowQualityMatching = LowQualityMatching.FirstPriorAtBoxBest }).AssignTargets(priors, gts, [1]).AssignedGt;
        int[] none = new MaxIouAssigner(MaxIouOptions.MmDetection with { LowQualityMatching = LowQualityMatching.None }).AssignTargets(priors, gts, [1]).AssignedGt;

        Assert.Equal([0, 0, AssignmentResult.Negative], all);
        Assert.Equal([0, AssignmentResult.Negative, AssignmentResult.Negative], first);
        Assert.Equal([AssignmentResult.Negative, AssignmentResult.Negative, AssignmentResult.Negative], none);
    }

    [Fact]
    public void AssignTargets_LaterBoxWithSameBest_OverwritesEarlierBox()
    {
        PriorSet priors = PriorSet.FromBoxes([new Box(0, 0, 10, 10)], [1]);
        Box[] duplicates = [new Box(0, 0, 10, 2), new Box(0, 0, 10, 2)];

        AssignmentResult mmdet = new MaxIouAssigner().AssignTargets(priors, duplicates, [3, 4]);
        AssignmentResult matcher = new MaxIouAssigner(MaxIouOptions.MmDetection with { LowQualityMatching = LowQualityMatching.RestoreBestBoxOfPrior }).AssignTargets(priors, duplicates, [3, 4]);

        Assert.Equal(1, mmdet.AssignedGt[0]);
        Assert.Equal(4, mmdet.Labels[0]);
        Assert.Equal(0, matcher.AssignedGt[0]);
    }

    [Fact]
    public void AssignTargets_PositiveCentreOnBoxEdge_BecomesIgnored()
    {
        PriorSet priors = PriorSet.FromBoxes([new Box(0, 0, 10, 10)], [1]);
        var options = MaxIouOptions.MmDetection with { PositiveCenterMargin = 0.01f };

        AssignmentResult result = new MaxIouAssigner(options).AssignTargets(priors, [new Box(0, 0, 5, 10)], [1]);

        Assert.Equal(AssignmentResult.Ignored, result.AssignedGt[0]);
        Assert.Equal(AssignmentResult.NoLabel, result.Labels[0]);
        Assert.Equal(0f, result.Ious[0]);
        Assert.Empty(result.PositiveIndices);
    }

    [Fact]
    public void AssignTargets_NoBoxes_EveryPriorNegativeEvenWithIgnoreRegions()
    {
        PriorSet priors = AnchorGenerator.Atss.Generate(64, 64);
        var assigner = new MaxIouAssigner(MaxIouOptions.MmDetection with { IgnoreIofThreshold = 0.5f });

        AssignmentResult result = assigner.AssignTargets(priors, [], [], [new Box(0, 0, 64, 64)]);

        Assert.All(result.AssignedGt, g => Assert.Equal(AssignmentResult.Negative, g));
        Assert.All(result.Labels, l => Assert.Equal(AssignmentResult.NoLabel, l));
        Assert.Empty(result.PositiveIndices);
    }

    [Fact]
    public void AssignTargets_IgnoredRegion_NeverRescuedByLowQualityMatching()
    {
        PriorSet priors = PriorSet.FromBoxes([new Box(0, 0, 10, 10), new Box(40, 40, 50, 50)], [2]);
        var assigner = new MaxIouAssigner(MaxIouOptions.MmDetection with { IgnoreIofThreshold = 0.5f });

        AssignmentResult result = assigner.AssignTargets(priors, [new Box(0, 0, 10, 3)], [1], [new Box(0, 0, 10, 10)]);

        Assert.Equal(AssignmentResult.Ignored, result.AssignedGt[0]);
        Assert.Equal(0, result.AssignedGt[1]);
    }

    [Fact]
    public void AssignTargets_SpanOverload_SameAsArrayOverloadAndAllocationFree()
    {
        var rng = new Random(5);
        PriorSet priors = AnchorGenerator.RetinaNet.Generate(64, 96);
        Box[] gts = RandomScenes.Boxes(rng, 6, 96, 64);
        int[] labels = RandomScenes.Labels(rng, 6);
        var assigner = new MaxIouAssigner();
        AssignmentResult expected = assigner.AssignTargets(priors, gts, labels);
        var ws = new AssignmentWorkspace();
        var gt = new int[priors.Count];
        var lab = new int[priors.Count];
        var ious = new float[priors.Count];
        var stats = new GtStatistics[gts.Length];
        assigner.AssignTargets(priors, gts, labels, default, ws, gt, lab, ious, stats);

        int count = 0;
        long allocated = SteadyState.AllocatedBytes(() => count = assigner.AssignTargets(priors, gts, labels, default, ws, gt, lab, ious, stats));

        Assert.Equal(0, allocated);
        Assert.Equal(expected.AssignedGt, gt);
        Assert.Equal(expected.Labels, lab);
        Assert.Equal(expected.Ious, ious);
        Assert.Equal(expected.PositiveIndices, ws.PositiveIndices.ToArray());
        Assert.Equal(count, stats.Sum(s => s.PositiveCount));
        Assert.All(stats, s => Assert.Equal(0.5, s.Threshold));
    }

    [Theory]
    [InlineData(0.5f, 0.6f)]
    [InlineData(1.5f, 0.4f)]
    [InlineData(float.NaN, 0.4f)]
    public void Constructor_BadThresholds_ThrowsNamingOptions(float pos, float neg)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MaxIouAssigner(MaxIouOptions.MmDetection with { PositiveIouThreshold = pos, NegativeIouThreshold = neg }));
        Assert.Equal("options", e.ParamName);
    }

    [Fact]
    public void Constructor_UndefinedMatching_ThrowsNamingOptions()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MaxIouAssigner(MaxIouOptions.MmDetection with { LowQualityMatching = (LowQualityMatching)9 }));
        Assert.Equal("options", e.ParamName);
    }

    [Fact]
    public void Presets_DefaultIsMmdetectionAndPaperDiffersOnlyWhereDocumented()
    {
        Assert.Equal(MaxIouOptions.MmDetection, new MaxIouOptions());
        Assert.Equal(MaxIouOptions.MmDetection with
        {
            BoxConvention = BoxConvention.LegacyPlusOne,
            LowQualityMatching = LowQualityMatching.RestoreBestBoxOfPrior,
            PositiveCenterMargin = 0.01f,
        }, MaxIouOptions.OriginalPaper);
    }
}
