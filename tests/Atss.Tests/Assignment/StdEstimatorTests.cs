namespace Atss.Tests.Assignment;

public class StdEstimatorTests
{
    [Fact]
    public void AssignTargets_PopulationStd_IsUnbiasedStdScaledBySqrtNMinusOneOverN()
    {
        PriorSet priors = AnchorGenerator.Atss.Generate(320, 480);
        (Box[] boxes, int[] labels) = Scenes.Random(new Random(3), 320, 480, 30);
        AssignmentResult unbiased = new AtssAssigner().AssignTargets(priors, boxes, labels);
        AssignmentResult population = new AtssAssigner(AtssOptions.MmDetection with { StdEstimator = StdEstimator.Population }).AssignTargets(priors, boxes, labels);
        for (int g = 0; g < boxes.Length; g++)
        {
            GtStatistics u = unbiased.GtStatistics[g];
            GtStatistics p = population.GtStatistics[g];
            int n = u.CandidateCount;
            Assert.Equal(n, p.CandidateCount);
            Assert.Equal(u.IouMean, p.IouMean);
            Assert.Equal(u.IouStd * Math.Sqrt((n - 1.0) / n), p.IouStd, 12);
            Assert.Equal(p.IouMean + p.IouStd, p.Threshold);
        }

        // A lower threshold can only add positives.
        Assert.True(population.PositiveCount >= unbiased.PositiveCount);
    }

    [Fact]
    public void AssignTargets_SingleCandidate_PopulationStdAllowsAPositive()
    {
        PriorSet priors = PriorSet.FromBoxes([new Box(0, 0, 10, 10)], [1]);
        Box[] gt = [new(1, 1, 9, 9)];
        Assert.Empty(new AtssAssigner().AssignTargets(priors, gt, [5]).PositiveIndices);
        AssignmentResult population = new AtssAssigner(AtssOptions.MmDetection with { StdEstimator = StdEstimator.Population }).AssignTargets(priors, gt, [5]);
        Assert.Equal([0], population.PositiveIndices);
        Assert.Equal(0, population.GtStatistics[0].IouStd);
    }
}
