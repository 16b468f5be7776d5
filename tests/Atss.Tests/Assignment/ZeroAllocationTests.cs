namespace Atss.Tests.Assignment;

/// <summary>The span overload with a warmed-up workspace must not allocate (counted, not timed).</summary>
public class ZeroAllocationTests
{
    [Theory]
    [InlineData("grid", false)]
    [InlineData("general", false)]
    [InlineData("grid", true)]
    public void AssignTargets_SpanOverloadWithWarmWorkspace_AllocatesNothing(string path, bool mmyoloStyle)
    {
        PriorSet grid = AnchorGenerator.Atss.Generate(800, 1344);
        PriorSet priors = path == "grid" ? grid : PriorSet.FromBoxes(grid.Boxes, grid.LevelCounts);
        (Box[] boxes, int[] labels) = Scenes.Random(new Random(7), 800, 1344, 100);
        Box[] ignore = [new(0, 0, 100, 100)];
        AtssOptions options = mmyoloStyle
            ? AtssOptions.MmDetection with { ThresholdComparison = ThresholdComparison.Greater, SharedPriorResolution = SharedPriorResolution.HighestIouAmongAllBoxes }
            : AtssOptions.MmDetection with { IgnoreIofThreshold = 0.5f };
        var assigner = new AtssAssigner(options);
        var workspace = new AssignmentWorkspace();
        var assignedGt = new int[priors.Count];
        var labelsOut = new int[priors.Count];
        var ious = new float[priors.Count];
        var stats = new GtStatistics[boxes.Length];
        assigner.AssignTargets(priors, boxes, labels, ignore, workspace, assignedGt, labelsOut, ious, stats);

        int positives = 0;
        long allocated = SteadyState.AllocatedBytes(() => positives = assigner.AssignTargets(priors, boxes, labels, ignore, workspace, assignedGt, labelsOut, ious, stats));
        Assert.True(positives > 0);
        Assert.Equal(0, allocated);
    }
}
