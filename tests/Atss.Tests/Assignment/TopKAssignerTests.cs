namespace Atss.Tests.Assignment;

public class TopKAssignerTests
{
    public static TheoryData<int, int> OracleCases()
    {
        var data = new TheoryData<int, int>();
        foreach (int k in new[] { 1, 9, 50 })
        {
            for (int seed = 0; seed < 8; seed++)
            {
                data.Add(k, seed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OracleCases))]
    public void AssignTargets_RandomScene_MatchesMatrixOracle(int k, int seed)
    {
        var rng = new Random(seed);
        PriorSet priors = LegacyAnchorGenerator.RetinaNet.Generate(64, 96);
        Box[] gts = RandomScenes.Boxes(rng, rng.Next(0, 10), 96, 64);

        AssignmentResult result = new TopKAssigner(TopKOptions.OriginalPaper with { TopK = k }).AssignTargets(priors, gts, RandomScenes.Labels(rng, gts.Length));

        Assert.Equal(StrategyOracles.TopK(priors, gts, k, BoxConvention.LegacyPlusOne, 0.01f), result.AssignedGt);
        Assert.All(result.GtStatistics, s => Assert.True(s.PositiveCount <= k));
    }

    [Fact]
    public void AssignTargets_KLargerThanPriorCount_ClampsToEveryPrior()
    {
        PriorSet priors = PriorSet.FromBoxes([new Box(0, 0, 10, 10), new Box(10, 0, 20, 10), new Box(0, 10, 10, 20)], [3]);

        AssignmentResult result = new TopKAssigner(new TopKOptions { TopK = 50, BoxConvention = BoxConvention.Continuous }).AssignTargets(priors, [new Box(0, 0, 20, 20)], [4]);

        Assert.Equal([0, 0, 0], result.AssignedGt);
        Assert.Equal(3, result.GtStatistics[0].CandidateCount);
    }

    [Fact]
    public void AssignTargets_SinglePriorAtBoxCentre_DistanceTermZeroNoNaN()
    {
        PriorSet priors = PriorSet.FromBoxes([new Box(0, 0, 10, 10)], [1]);

        AssignmentResult result = new TopKAssigner(new TopKOptions { TopK = 1, BoxConvention = BoxConvention.Continuous }).AssignTargets(priors, [new Box(0, 0, 10, 10)], [2]);

        Assert.Equal(0, result.AssignedGt[0]);
        Assert.Equal(1f, result.Ious[0]);
    }

    [Fact]
    public void AssignTargets_PriorClaimedByTwoBoxes_TakesHigherIouThenLowerIndex()
    {
        PriorSet priors = PriorSet.FromBoxes([new Box(0, 0, 10, 10)], [1]);

        AssignmentResult higher = new TopKAssigner(new TopKOptions { TopK = 1, BoxConvention = BoxConvention.Continuous }).AssignTargets(priors, [new Box(0, 0, 20, 20), new Box(0, 0, 12, 12)], [1, 2]);
        AssignmentResult tie = new TopKAssigner(new TopKOptions { TopK = 1, BoxConvention = BoxConvention.Continuous }).AssignTargets(priors, [new Box(0, 0, 12, 12), new Box(0, 0, 12, 12)], [1, 2]);

        Assert.Equal(1, higher.AssignedGt[0]);
        Assert.Equal(0, tie.AssignedGt[0]);
    }

    [Fact]
    public void Constructor_BadArguments_ThrowNamingTheParameter()
    {
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new TopKAssigner(TopKOptions.OriginalPaper with { TopK = 0 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new TopKAssigner(TopKOptions.OriginalPaper with { BoxConvention = (BoxConvention)7 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new TopKAssigner(TopKOptions.OriginalPaper with { CenterMargin = float.NaN })).ParamName);
        Assert.Equal(new TopKOptions(), new TopKAssigner().Options);
        Assert.Equal(9, TopKOptions.OriginalPaper.TopK);
        Assert.Equal(BoxConvention.LegacyPlusOne, TopKOptions.OriginalPaper.BoxConvention);
        Assert.Equal(0.01f, TopKOptions.OriginalPaper.CenterMargin);
    }
}
