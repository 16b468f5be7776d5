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

    [Fact]
    public void AssignTargets_LargeKWindows_AllocateNothingWhereverTheBoxesAre()
    {
        // The paper's k x A = 81 on RetinaNet anchors ranks windows by key; their size depends on where a box lies (a
        // centre outside the image needs a larger window). A workspace warmed on one image must not allocate on the
        // first call for another image of the same size, whatever its boxes.
        PriorSet priors = LegacyAnchorGenerator.RetinaNet.Generate(800, 1344);
        var assigner = new AtssAssigner(AtssOptions.OriginalPaper);
        var assignedGt = new int[priors.Count];
        var labelsOut = new int[priors.Count];
        var ious = new float[priors.Count];
        Box[] inside = [new(600, 380, 700, 420)];
        Box[] atCorner = [new(-20, -15, 20, 15)];

        // Every code path compiled first, on a workspace of its own, so the measured call allocates nothing for the JIT.
        var other = new AssignmentWorkspace();
        assigner.AssignTargets(priors, atCorner, [1], [], other, assignedGt, labelsOut, ious);
        assigner.AssignTargets(priors, inside, [1], [], other, assignedGt, labelsOut, ious);

        var workspace = new AssignmentWorkspace();
        assigner.AssignTargets(priors, inside, [1], [], workspace, assignedGt, labelsOut, ious);
        long before = GC.GetAllocatedBytesForCurrentThread();
        assigner.AssignTargets(priors, atCorner, [1], [], workspace, assignedGt, labelsOut, ious);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
