namespace Atss.Tests.Targets;

public class QualityScoresTests
{
    [Fact]
    public void FromPredictions_PositivesGetIouWithAssignedBoxOthersZero()
    {
        Box[] gts = [new Box(0, 0, 10, 10), new Box(50, 50, 70, 80)];
        int[] assigned = [0, 1, AssignmentResult.Negative, AssignmentResult.Ignored, 1];
        Box[] predictions = [new Box(0, 0, 10, 10), new Box(0, 0, 5, 5), new Box(0, 0, 10, 10), new Box(0, 0, 10, 10), new Box(80, 90, 60, 50)];
        var scores = new float[5];

        QualityScores.FromPredictions(gts, assigned, predictions, scores);

        Assert.Equal(100f / (100f + QualityScores.UnionEpsilon), scores[0]);
        Assert.Equal(0f, scores[1]);
        Assert.Equal(0f, scores[2]);
        Assert.Equal(0f, scores[3]);
        Assert.Equal(0f, scores[4]);
    }

    [Fact]
    public void FromPredictions_PartialOverlap_IsBetweenZeroAndOne()
    {
        var scores = new float[1];

        QualityScores.FromPredictions([new Box(0, 0, 10, 10)], [0], [new Box(5, 5, 15, 15)], scores);

        Assert.InRange(scores[0], 0.1f, 0.2f);
    }

    [Fact]
    public void FromPredictions_BadArguments_ThrowNamingTheParameter()
    {
        Box[] gts = [new Box(0, 0, 10, 10)];

        Assert.Equal("predictedBoxes", Assert.Throws<ArgumentException>(() => QualityScores.FromPredictions(gts, [0, 0], [new Box(0, 0, 1, 1)], new float[2])).ParamName);
        Assert.Equal("predictedBoxes", Assert.Throws<ArgumentException>(() => QualityScores.FromPredictions(gts, [0], [new Box(0, 0, float.NaN, 1)], new float[1])).ParamName);
        Assert.Equal("assignedGt", Assert.Throws<ArgumentException>(() => QualityScores.FromPredictions(gts, [1], [new Box(0, 0, 1, 1)], new float[1])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => QualityScores.FromPredictions(gts, [0], [new Box(0, 0, 1, 1)], [])).ParamName);
    }
}
