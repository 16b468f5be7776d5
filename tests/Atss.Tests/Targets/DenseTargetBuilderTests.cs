namespace Atss.Tests.Targets;

public class DenseTargetBuilderTests
{
    [Fact]
    public void Build_AssignmentWithIgnoredPriors_WritesLabelsWeightsAndEncodedRows()
    {
        PriorSet priors = AnchorGenerator.RetinaNet.Generate(64, 96);
        Box[] gts = [new Box(10, 12, 50, 40), new Box(60, 5, 90, 60)];
        int[] labels = [3, 17];
        AssignmentResult assignment = new MaxIouAssigner().AssignTargets(priors, gts, labels);
        Assert.True(assignment.IgnoredCount > 0);
        var coder = DeltaXywhCoder.Atss;

        DenseTargets targets = new DenseTargetBuilder(coder, backgroundLabel: 80).Build(priors, gts, labels, assignment);

        Assert.Equal(assignment.PositiveCount, targets.PositiveCount);
        var row = new float[4];
        for (int p = 0; p < priors.Count; p++)
        {
            int g = assignment.AssignedGt[p];
            Assert.Equal(g >= 0 ? labels[g] : 80, targets.Labels[p]);
            Assert.Equal(g == AssignmentResult.Ignored ? 0f : 1f, targets.LabelWeights[p]);
            Assert.Equal(g >= 0 ? 1f : 0f, targets.RegressionWeights[p]);
            if (g >= 0)
            {
                coder.Encode([priors.Boxes[p]], [gts[g]], row);
                Box b = gts[g];
                float cx = priors.Boxes[p].CenterX;
                float cy = priors.Boxes[p].CenterY;
                Assert.Equal(Centerness.Compute(cx - b.X1, cy - b.Y1, b.X2 - cx, b.Y2 - cy), targets.Centerness[p]);
            }
            else
            {
                Array.Clear(row);
                Assert.Equal(0f, targets.Centerness[p]);
            }

            Assert.Equal(row, targets.RegressionTargets.AsSpan(p * 4, 4).ToArray());
        }
    }

    [Fact]
    public void Build_StrideNormalizingCoder_DividesByEachPriorsLevelStride()
    {
        PriorSet priors = PointGenerator.Fcos.Generate(256, 256);
        Box[] gts = [new Box(10, 12, 50, 40), new Box(20, 5, 250, 200)];
        AssignmentResult assignment = new FcosAssigner().AssignTargets(priors, gts, [1, 2]);
        Assert.Contains(assignment.PositiveIndices, p => priors.LevelOf(p) > 0);

        DenseTargets raw = new DenseTargetBuilder(new DistancePointCoder(), 80).Build(priors, gts, [1, 2], assignment);
        DenseTargets normalized = new DenseTargetBuilder(new DistancePointCoder(null, normalizeByStride: true), 80).Build(priors, gts, [1, 2], assignment);

        foreach (int p in assignment.PositiveIndices)
        {
            float stride = priors.GetGrid(priors.LevelOf(p))!.Value.StrideX;
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(raw.RegressionTargets[(p * 4) + i] / stride, normalized.RegressionTargets[(p * 4) + i]);
            }
        }
    }

    [Fact]
    public void Build_SpanOverload_SameAsArraysAndAllocationFree()
    {
        (PriorSet priors, Box[] gts, int[] labels, AssignmentResult assignment, DenseTargetBuilder builder, DenseTargets expected) = SmallScene();
        int n = priors.Count;
        var lab = new int[n];
        var lw = new float[n];
        var reg = new float[n * 4];
        var rw = new float[n];
        var ctr = new float[n];
        builder.Build(priors, gts, labels, assignment.AssignedGt, lab, lw, reg, rw, ctr);

        int positives = 0;
        long allocated = SteadyState.AllocatedBytes(() => positives = builder.Build(priors, gts, labels, assignment.AssignedGt, lab, lw, reg, rw, ctr));

        Assert.Equal(0, allocated);
        Assert.Equal(expected.PositiveCount, positives);
        Assert.Equal(expected.Labels, lab);
        Assert.Equal(expected.LabelWeights, lw);
        Assert.Equal(expected.RegressionTargets, reg);
        Assert.Equal(expected.RegressionWeights, rw);
        Assert.Equal(expected.Centerness, ctr);
    }

    [Fact]
    public void Build_BadArguments_ThrowNamingTheParameter()
    {
        PriorSet priors = PriorSet.FromBoxes([new Box(0, 0, 10, 10), new Box(10, 0, 20, 10)], [2]);
        var builder = new DenseTargetBuilder(new LegacyBoxCoder(), 0);
        Box[] gts = [new Box(0, 0, 12, 12)];
        int[] labels = [1];

        Assert.Equal("assignedGt", Assert.Throws<ArgumentException>(() => builder.Build(priors, gts, labels, [0, 1], new int[2], new float[2], new float[8], new float[2])).ParamName);
        Assert.Equal("assignedGt", Assert.Throws<ArgumentException>(() => builder.Build(priors, gts, labels, [0, -3], new int[2], new float[2], new float[8], new float[2])).ParamName);
        Assert.Equal("assignedGt", Assert.Throws<ArgumentException>(() => builder.Build(priors, gts, labels, [0], new int[2], new float[2], new float[8], new float[2])).ParamName);
        Assert.Equal("gtLabels", Assert.Throws<ArgumentException>(() => builder.Build(priors, gts, [], [0, -1], new int[2], new float[2], new float[8], new float[2])).ParamName);
        Assert.Equal("regressionTargets", Assert.Throws<ArgumentException>(() => builder.Build(priors, gts, labels, [0, -1], new int[2], new float[2], new float[7], new float[2])).ParamName);
        Assert.Equal("centerness", Assert.Throws<ArgumentException>(() => builder.Build(priors, gts, labels, [0, -1], new int[2], new float[2], new float[8], new float[2], new float[1])).ParamName);
        Assert.Equal("priors", Assert.Throws<ArgumentException>(() => new DenseTargetBuilder(new DistancePointCoder(null, normalizeByStride: true), 0).Build(priors, gts, labels, [0, -1], new int[2], new float[2], new float[8], new float[2])).ParamName);
        Assert.Equal("coder", Assert.Throws<ArgumentNullException>(() => new DenseTargetBuilder(null!, 0)).ParamName);
    }

    [Fact]
    public void Build_LongerAssignmentBuffer_ReadsTheFirstNEntries()
    {
        // One buffer sized for the largest image serves smaller ones, as for the assigners' destinations.
        (PriorSet priors, Box[] gts, int[] labels, AssignmentResult assignment, DenseTargetBuilder builder, DenseTargets expected) = SmallScene();
        int n = priors.Count;
        int[] longer = [.. assignment.AssignedGt, 7, -9, 1];
        var lab = new int[n];
        var lw = new float[n];
        var reg = new float[n * 4];
        var rw = new float[n];

        int positives = builder.Build(priors, gts, labels, longer, lab, lw, reg, rw);

        Assert.Equal(expected.PositiveCount, positives);
        Assert.Equal(expected.Labels, lab);
        Assert.Equal(expected.RegressionTargets, reg);
    }

    [Fact]
    public void Build_ResultOfOtherPriors_ThrowsNamingAssignment()
    {
        // The span overload accepts longer buffers; a result, whose length is its own prior count, must match exactly.
        (PriorSet priors, Box[] gts, int[] labels, _, DenseTargetBuilder builder, _) = SmallScene();
        AssignmentResult larger = new AtssAssigner().AssignTargets(AnchorGenerator.Atss.Generate(256, 256), gts, labels);

        Assert.Equal("assignment", Assert.Throws<ArgumentException>(() => builder.Build(priors, gts, labels, larger)).ParamName);
    }

    [Fact]
    public void Build_NegativeLabel_ThrowsNamingGtLabels()
    {
        PriorSet priors = PriorSet.FromBoxes([new Box(0, 0, 10, 10), new Box(10, 0, 20, 10)], [2]);
        var builder = new DenseTargetBuilder(new LegacyBoxCoder(), 0);

        var e = Assert.Throws<ArgumentException>(() => builder.Build(priors, [new Box(0, 0, 12, 12)], [-5], [0, -1], new int[2], new float[2], new float[8], new float[2]));

        Assert.Equal("gtLabels", e.ParamName);
        Assert.Contains("-5", e.Message);
    }

    [Fact]
    public void Build_UnequalStrides_RejectedOnlyByStrideNormalizingCoders()
    {
        // A 4 x 4 grid with x stride 8 and y stride 16: one stride per level cannot normalise both axes.
        var boxes = new List<Box>();
        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 4; x++)
            {
                boxes.Add(new Box(x * 8, y * 16, (x * 8) + 8, (y * 16) + 16));
            }
        }

        PriorSet priors = PriorSet.FromGrid([.. boxes], [new PriorLevelGrid(4, 4, 8, 16, 1)]);
        Box[] gts = [new Box(4, 8, 20, 40)];
        int[] assigned = [.. Enumerable.Repeat(AssignmentResult.Negative, 16)];
        assigned[5] = 0;

        var e = Assert.Throws<ArgumentException>(() => new DenseTargetBuilder(new DistancePointCoder(null, normalizeByStride: true), 0).Build(priors, gts, [1], assigned, new int[16], new float[16], new float[64], new float[16]));
        Assert.Equal("priors", e.ParamName);
        Assert.Contains("8 x 16", e.Message);
        Assert.Equal(1, new DenseTargetBuilder(new DistancePointCoder(), 0).Build(priors, gts, [1], assigned, new int[16], new float[16], new float[64], new float[16]));
    }

    // Two boxes on a 128 x 128 image's ATSS anchors, assigned, and the array overload's targets for them.
    private static (PriorSet Priors, Box[] Gts, int[] Labels, AssignmentResult Assignment, DenseTargetBuilder Builder, DenseTargets Expected) SmallScene()
    {
        PriorSet priors = AnchorGenerator.Atss.Generate(128, 128);
        Box[] gts = [new Box(10, 12, 50, 40), new Box(60, 5, 120, 100)];
        int[] labels = [1, 2];
        AssignmentResult assignment = new AtssAssigner().AssignTargets(priors, gts, labels);
        var builder = new DenseTargetBuilder(DeltaXywhCoder.Atss, 80);
        return (priors, gts, labels, assignment, builder, builder.Build(priors, gts, labels, assignment));
    }
}
