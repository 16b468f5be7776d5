namespace Atss.Tests.Assignment;

/// <summary>
/// The scenarios of MMDetection's own <c>ATSSAssigner</c> unit tests, rewritten as named tests whose expectations are
/// derived here from the documented rules (candidates, mean + unbiased std threshold, <c>&gt;=</c>, centre margin).
/// </summary>
public class AtssAssignerMmdetScenarioTests
{
    // Four priors on one level: centres (5, 5), (15, 15), (10, 10) and (35, 37).
    private static readonly Box[] s_priors = [new(0, 0, 10, 10), new(10, 10, 20, 20), new(5, 5, 15, 15), new(32, 32, 38, 42)];
    private static readonly Box[] s_gts = [new(0, 0, 10, 9), new(0, 10, 10, 19)];
    private static readonly int[] s_labels = [2, 3];

    [Fact]
    public void AssignTargets_BasicScene_OnlyFirstPriorIsPositive()
    {
        PriorSet priors = PriorSet.FromBoxes(s_priors, [4]);
        AssignmentResult result = new AtssAssigner(AtssOptions.MmDetection with { TopK = 9 }).AssignTargets(priors, s_gts, s_labels);

        // k = 9 > 4 priors: every prior is a candidate of both boxes.
        // gt 0 (area 90): prior 0 overlaps 10 x 9 = 90 of union 100; prior 2 overlaps 5 x 4 = 20 of union 170; others 0.
        float[] iouGt0 = [90f / 100f, 0f, 20f / 170f, 0f];
        // gt 1 (area 90): prior 2 overlaps 5 x 5 = 25 of union 165; prior 0 and 1 only touch it; prior 3 is far.
        float[] iouGt1 = [0f, 0f, 25f / 165f, 0f];
        for (int p = 0; p < 4; p++)
        {
            Assert.Equal(iouGt0[p], Overlaps.Iou(s_priors[p], s_gts[0]));
            Assert.Equal(iouGt1[p], Overlaps.Iou(s_priors[p], s_gts[1]));
        }

        (double mean0, double std0) = MeanAndUnbiasedStd(iouGt0);
        (double mean1, double std1) = MeanAndUnbiasedStd(iouGt1);
        AssertStatistics(result.GtStatistics[0], 4, mean0, std0, positives: 1);
        AssertStatistics(result.GtStatistics[1], 4, mean1, std1, positives: 0);

        // Prior 0 passes gt 0's threshold and its centre (5, 5) is 4 px inside gt 0. Prior 2 passes gt 1's threshold,
        // but its centre (10, 10) lies on gt 1's top edge, so the centre rule rejects it.
        Assert.True(iouGt0[0] >= mean0 + std0);
        Assert.True(iouGt0[2] < mean0 + std0);
        Assert.True(iouGt1[2] >= mean1 + std1);
        Assert.Equal([0, AssignmentResult.Negative, AssignmentResult.Negative, AssignmentResult.Negative], result.AssignedGt);
        Assert.Equal([2, AssignmentResult.NoLabel, AssignmentResult.NoLabel, AssignmentResult.NoLabel], result.Labels);
        Assert.Equal([iouGt0[0], 0f, 0f, 0f], result.Ious);
        Assert.Equal([0], result.PositiveIndices);
    }

    [Fact]
    public void AssignTargets_BasicSceneWithIgnoreBox_CoveredPriorIsIgnored()
    {
        // Prior 3 [32, 32, 38, 42] lies in the ignore box [30, 30, 40, 40] by 6 x 8 = 48 of its area 60: IoF 0.8 > 0.5.
        Box[] ignore = [new(30, 30, 40, 40)];
        Assert.Equal(48f / 60f, Overlaps.Iof(s_priors[3], ignore[0]));
        PriorSet priors = PriorSet.FromBoxes(s_priors, [4]);
        var options = AtssOptions.MmDetection with { TopK = 9, IgnoreIofThreshold = 0.5f };
        AssignmentResult result = new AtssAssigner(options).AssignTargets(priors, s_gts, s_labels, ignore);

        // The ignored prior is ranked last but, with k >= 4, still a candidate: the statistics do not change.
        (double mean0, double std0) = MeanAndUnbiasedStd([90f / 100f, 0f, 20f / 170f, 0f]);
        AssertStatistics(result.GtStatistics[0], 4, mean0, std0, positives: 1);
        Assert.Equal([0, AssignmentResult.Negative, AssignmentResult.Negative, AssignmentResult.Ignored], result.AssignedGt);
        Assert.Equal(1, result.IgnoredCount);
        Assert.Equal([0], result.PositiveIndices);
    }

    [Fact]
    public void AssignTargets_NoBoxes_AllNegative()
    {
        PriorSet priors = PriorSet.FromBoxes(s_priors, [4]);
        AssignmentResult result = new AtssAssigner().AssignTargets(priors, [], []);

        Assert.Equal(Enumerable.Repeat(AssignmentResult.Negative, 4), result.AssignedGt);
        Assert.Equal(Enumerable.Repeat(AssignmentResult.NoLabel, 4), result.Labels);
        Assert.Equal(new float[4], result.Ious);
        Assert.Empty(result.PositiveIndices);
        Assert.Empty(result.GtStatistics);
    }

    [Fact]
    public void AssignTargets_NoPriors_EmptyResult()
    {
        PriorSet priors = PriorSet.FromBoxes([], [0]);
        AssignmentResult result = new AtssAssigner().AssignTargets(priors, s_gts, s_labels);

        Assert.Equal(0, result.PriorCount);
        Assert.Empty(result.Labels);
        Assert.Empty(result.Ious);
        Assert.Empty(result.PositiveIndices);
        // Each box is reported, with no candidates and an unreachable threshold.
        Assert.Equal(2, result.GtStatistics.Length);
        Assert.All(result.GtStatistics, s => Assert.Equal(new GtStatistics(0, 0, 0, double.PositiveInfinity, 0), s));
    }

    [Fact]
    public void AssignTargets_NoPriorsWithIgnoreBoxes_EmptyResult()
    {
        PriorSet priors = PriorSet.FromBoxes([], [0, 0]);
        var options = AtssOptions.MmDetection with { IgnoreIofThreshold = 0.5f };
        AssignmentResult result = new AtssAssigner(options).AssignTargets(priors, s_gts, s_labels, [new(30, 30, 40, 40)]);

        Assert.Equal(0, result.PriorCount);
        Assert.Equal(0, result.IgnoredCount);
        Assert.Equal(2, result.GtStatistics.Length);
    }

    [Fact]
    public void AssignTargets_NoPriorsAndNoBoxes_EmptyResult()
    {
        PriorSet priors = PriorSet.FromBoxes([], [0]);
        AssignmentResult result = new AtssAssigner().AssignTargets(priors, [], []);

        Assert.Equal(0, result.PriorCount);
        Assert.Empty(result.PositiveIndices);
        Assert.Empty(result.GtStatistics);
    }

    internal static (double Mean, double Std) MeanAndUnbiasedStd(IReadOnlyList<float> values)
    {
        double mean = values.Sum(v => (double)v) / values.Count;
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (mean, Math.Sqrt(variance));
    }

    internal static void AssertStatistics(GtStatistics actual, int candidates, double mean, double std, int positives)
    {
        Assert.Equal(candidates, actual.CandidateCount);
        Assert.Equal(mean, actual.IouMean, 1e-12);
        Assert.Equal(std, actual.IouStd, 1e-12);
        Assert.Equal(mean + std, actual.Threshold, 1e-12);
        Assert.Equal(positives, actual.PositiveCount);
    }
}
