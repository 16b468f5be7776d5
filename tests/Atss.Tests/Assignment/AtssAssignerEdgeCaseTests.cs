using static Atss.Tests.Assignment.AtssAssignerMmdetScenarioTests;

namespace Atss.Tests.Assignment;

/// <summary>The documented edge rules of <see cref="AtssAssigner"/>, one named scene each, plus the API-equivalence rules.</summary>
public class AtssAssignerEdgeCaseTests
{
    [Theory]
    [InlineData(new[] { 3, 20 }, 9, 1, false, 3 + 9)]
    [InlineData(new[] { 0, 5 }, 9, 1, false, 5)]
    [InlineData(new[] { 3, 20 }, 9, 2, true, 3 + 18)]
    [InlineData(new[] { 2, 2, 2 }, 50, 1, false, 6)]
    public void AssignTargets_LevelSmallerThanK_TakesWholeLevel(int[] levels, int topK, int anchorsPerLocation, bool scaleByA, int expectedCandidates)
    {
        var rng = new Random(7);
        var boxes = new Box[levels.Sum()];
        for (int i = 0; i < boxes.Length; i++)
        {
            float x = rng.Next(60);
            float y = rng.Next(60);
            boxes[i] = new Box(x, y, x + 10 + rng.Next(20), y + 10 + rng.Next(20));
        }

        PriorSet priors = PriorSet.FromBoxes(boxes, levels, anchorsPerLocation);
        var options = AtssOptions.MmDetection with { TopK = topK, ScaleTopKByAnchorsPerLocation = scaleByA };
        AssignmentResult result = new AtssAssigner(options).AssignTargets(priors, [new(20, 20, 50, 50), new(0, 0, 5, 5)], [1, 2]);

        // Per level min(k, n_l) candidates (k = TopK x A with the paper's scaling).
        Assert.All(result.GtStatistics, s => Assert.Equal(expectedCandidates, s.CandidateCount));
    }

    [Fact]
    public void AssignTargets_ZeroAreaBox_NoPositives()
    {
        PriorSet priors = AnchorGenerator.Atss.Generate(64, 64);
        Box[] gts = [new(20, 20, 20, 40), new(20, 20, 40, 20), new(30, 30, 30, 30)];
        AssignmentResult result = new AtssAssigner().AssignTargets(priors, gts, [0, 1, 2]);

        // A zero-area box overlaps nothing, so every candidate IoU is 0 and the threshold is 0; 0 >= 0 passes, but no
        // prior centre can lie strictly inside a box without width or height.
        Assert.All(result.GtStatistics, s =>
        {
            Assert.Equal(0, s.IouMean);
            Assert.Equal(0, s.Threshold);
            Assert.Equal(0, s.PositiveCount);
        });
        Assert.Empty(result.PositiveIndices);
    }

    [Fact]
    public void AssignTargets_LegacyZeroAreaBox_HasOverlaps()
    {
        // In the +1 convention a zero-area box still covers one pixel, so IoUs are not all 0.
        PriorSet priors = LegacyAnchorGenerator.Atss.Generate(64, 64);
        AssignmentResult result = new AtssAssigner(AtssOptions.OriginalPaper).AssignTargets(priors, [new(30, 30, 30, 30)], [0]);
        Assert.True(result.GtStatistics[0].IouMean > 0);
    }

    [Fact]
    public void AssignTargets_PointPriors_EveryCandidateInsideIsPositiveWithIouZero()
    {
        // Points are zero-size boxes: every IoU is 0, the threshold is 0 and 0 >= 0, so the centre rule alone decides.
        // 64 x 64 YOLO points: level 0 at 4 + 8i, level 1 at 8 + 16i, level 2 at 16 + 32i. Box [10, 10, 30, 30], centre (20, 20):
        // level 0's nine nearest are the 3 x 3 points 12..28, all inside; level 1's nine nearest (8..40) include only
        // (24, 24) inside; level 2 has four points, of which (16, 16) is inside. 9 + 1 + 1 = 11 positives.
        PriorSet priors = PointGenerator.Yolo.Generate(64, 64);
        Box gt = new(10, 10, 30, 30);
        AssignmentResult result = new AtssAssigner().AssignTargets(priors, [gt], [5]);

        Assert.Equal(0, result.GtStatistics[0].Threshold);
        Assert.Equal(9 + 9 + 4, result.GtStatistics[0].CandidateCount);
        Assert.Equal(11, result.PositiveCount);
        Assert.All(result.PositiveIndices, p =>
        {
            Assert.Equal(0f, result.Ious[p]);
            Box point = priors.Boxes[p];
            Assert.InRange(point.X1, gt.X1 + 1, gt.X2 - 1);
            Assert.InRange(point.Y1, gt.Y1 + 1, gt.Y2 - 1);
        });
    }

    [Fact]
    public void AssignTargets_DuplicateBoxes_LowerIndexWins()
    {
        PriorSet priors = AnchorGenerator.Atss.Generate(128, 128);
        Box box = new(30.5f, 22f, 90f, 71.25f);
        AssignmentResult result = new AtssAssigner().AssignTargets(priors, [box, box, box], [4, 5, 6]);

        Assert.NotEmpty(result.PositiveIndices);
        Assert.All(result.PositiveIndices, p => Assert.Equal(0, result.AssignedGt[p]));
        Assert.All(result.PositiveIndices, p => Assert.Equal(4, result.Labels[p]));
        Assert.Equal(result.GtStatistics[0] with { PositiveCount = 0 }, result.GtStatistics[1]);
        Assert.Equal(0, result.GtStatistics[1].PositiveCount);
        Assert.Equal(0, result.GtStatistics[2].PositiveCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AssignTargets_DifferentBoxesWithEqualIou_LowerIndexWins(bool swap)
    {
        // Prior 0 [0, 0, 4, 4] against a wide [0, 0, 8, 4] and a tall [0, 0, 4, 8] box: 16 / 32 = 0.5 each. The other
        // priors are far away (IoU 0), so each box's threshold is 0.125 + 0.25 = 0.375 and both claim prior 0.
        Box wide = new(0, 0, 8, 4);
        Box tall = new(0, 0, 4, 8);
        Box[] gts = swap ? [tall, wide] : [wide, tall];
        PriorSet priors = PriorSet.FromBoxes([new(0, 0, 4, 4), new(100, 100, 104, 104), new(200, 0, 204, 4), new(0, 200, 4, 204)], [4]);
        AssignmentResult result = new AtssAssigner().AssignTargets(priors, gts, [7, 8]);

        Assert.Equal(Overlaps.Iou(priors.Boxes[0], wide), Overlaps.Iou(priors.Boxes[0], tall));
        (double mean, double std) = MeanAndUnbiasedStd([0.5f, 0f, 0f, 0f]);
        AssertStatistics(result.GtStatistics[0], 4, mean, std, positives: 1);
        AssertStatistics(result.GtStatistics[1], 4, mean, std, positives: 0);
        Assert.Equal(0, result.AssignedGt[0]);
        Assert.Equal(7, result.Labels[0]);
        Assert.Equal(0.5f, result.Ious[0]);
    }

    [Fact]
    public void AssignTargets_CentreOnEdgeOrAtMargin_NotPositive()
    {
        // Points around the box [0, 0, 10, 10] (IoU 0 everywhere, threshold 0), so only the centre rule
        // min(cx - x1, cy - y1, x2 - cx, y2 - cy) > 0.01 decides. Centres of zero-size boxes are exact.
        float margin = 0.01f;
        float justInside = MathF.BitIncrement(margin);
        PriorSet priors = PriorSet.FromBoxes(
            [Point(margin, 5), Point(justInside, 5), Point(0, 5), Point(5, 5), Point(10, 5), Point(5, 10 - margin)],
            [6]);
        AssignmentResult result = new AtssAssigner().AssignTargets(priors, [new(0, 0, 10, 10)], [1]);

        // (0.01, 5): exactly at the margin; (0, 5) and (10, 5): on an edge. (5, 10 - 0.01f): the rule applies to the
        // float32 gap, and 10 - (10 - 0.01f) rounds to just over 0.01f, so that point is inside. Positive: the point
        // one ulp past the margin, the centre and that last point.
        float bottomGap = 10f - (10f - margin);
        Assert.True(bottomGap > margin);
        Assert.Equal([1, 3, 5], result.PositiveIndices);
    }

    [Fact]
    public void AssignTargets_ZeroMargin_CentreOnEdgeStillNegative()
    {
        PriorSet priors = PriorSet.FromBoxes([Point(0.01f, 5), Point(0, 5), Point(10, 5), Point(5, 0)], [4]);
        var options = AtssOptions.MmDetection with { CenterMargin = 0 };
        AssignmentResult result = new AtssAssigner(options).AssignTargets(priors, [new(0, 0, 10, 10)], [1]);

        Assert.Equal([0], result.PositiveIndices);
    }

    [Fact]
    public void AssignTargets_SingleCandidate_NoPositivesAndInfiniteThreshold()
    {
        // One candidate in total: the unbiased std is undefined (NaN in the references), so nothing can be positive,
        // even a prior equal to the box. Reported as Std 0 and Threshold +Infinity (GtStatistics remarks).
        PriorSet priors = PriorSet.FromBoxes([new(0, 0, 10, 10)], [1]);
        AssignmentResult result = new AtssAssigner().AssignTargets(priors, [new(0, 0, 10, 10)], [3]);

        Assert.Equal(new GtStatistics(1, 1.0, 0, double.PositiveInfinity, 0), result.GtStatistics[0]);
        Assert.Empty(result.PositiveIndices);
        Assert.Equal(AssignmentResult.Negative, result.AssignedGt[0]);
    }

    [Fact]
    public void AssignTargets_TopKOneOnOneLevel_SingleCandidateNoPositives()
    {
        PriorSet priors = PriorSet.FromBoxes([new(0, 0, 10, 10), new(5, 5, 15, 15), new(40, 40, 50, 50)], [3]);
        AssignmentResult result = new AtssAssigner(AtssOptions.MmDetection with { TopK = 1 }).AssignTargets(priors, [new(1, 1, 11, 11)], [3]);

        Assert.Equal(1, result.GtStatistics[0].CandidateCount);
        Assert.Equal(double.PositiveInfinity, result.GtStatistics[0].Threshold);
        Assert.Empty(result.PositiveIndices);
    }

    [Fact]
    public void AssignTargets_NoBoxesWithIgnoreRegions_AllNegativeNotIgnored()
    {
        // As MMDetection: without boxes the assigner returns before ignore regions are applied.
        PriorSet priors = AnchorGenerator.Atss.Generate(64, 64);
        var options = AtssOptions.MmDetection with { IgnoreIofThreshold = 0.5f };
        AssignmentResult result = new AtssAssigner(options).AssignTargets(priors, [], [], [new(0, 0, 64, 64)]);

        Assert.Equal(0, result.IgnoredCount);
        Assert.All(result.AssignedGt, g => Assert.Equal(AssignmentResult.Negative, g));
    }

    [Fact]
    public void AssignTargets_IgnoredPriorChosenAsCandidate_BecomesPositive()
    {
        // All four priors of the only level lie in the ignore region, so they are ranked last but still fill the
        // min(9, 4) = 4 candidate slots; prior 0 matches the box and becomes positive, overriding "ignored".
        PriorSet priors = PriorSet.FromBoxes([new(0, 0, 10, 10), new(10, 0, 20, 10), new(0, 10, 10, 20), new(10, 10, 20, 20)], [4]);
        var options = AtssOptions.MmDetection with { IgnoreIofThreshold = 0.5f };
        AssignmentResult result = new AtssAssigner(options).AssignTargets(priors, [new(0, 0, 10, 10)], [9], [new(0, 0, 20, 20)]);

        Assert.Equal([0, AssignmentResult.Ignored, AssignmentResult.Ignored, AssignmentResult.Ignored], result.AssignedGt);
        Assert.Equal(9, result.Labels[0]);
    }

    [Fact]
    public void AssignTargets_IgnoredPriorBeyondK_NotACandidate()
    {
        // Prior 0 equals the box but lies in the ignore region (IoF 64 / 100); with k = 2 the two priors that are not
        // ignored fill the slots, so the perfect match is not even a candidate. Prior 1 overlaps the ignore box by
        // only 36 / 100.
        PriorSet priors = PriorSet.FromBoxes([new(0, 0, 10, 10), new(2, 2, 12, 12), new(30, 30, 40, 40)], [3]);
        Box gt = new(0, 0, 10, 10);
        var options = AtssOptions.MmDetection with { TopK = 2, IgnoreIofThreshold = 0.5f };
        AssignmentResult result = new AtssAssigner(options).AssignTargets(priors, [gt], [9], [new(-5, -5, 8, 8)]);

        (double mean, double std) = MeanAndUnbiasedStd([Overlaps.Iou(priors.Boxes[1], gt), 0f]);
        AssertStatistics(result.GtStatistics[0], 2, mean, std, positives: 0);
        Assert.Equal([AssignmentResult.Ignored, AssignmentResult.Negative, AssignmentResult.Negative], result.AssignedGt);
    }

    [Fact]
    public void AssignTargetsBatch_EqualsPerImageCalls()
    {
        ImageInput[] images = [.. Enumerable.Range(0, 7).Select(RandomImage)];
        var assigner = new AtssAssigner(AtssOptions.MmDetection with { IgnoreIofThreshold = 0.5f });
        foreach (int parallelism in new[] { -1, 1, 3 })
        {
            AssignmentResult[] batch = assigner.AssignTargetsBatch(images, parallelism);
            Assert.Equal(images.Length, batch.Length);
            for (int i = 0; i < images.Length; i++)
            {
                ImageInput image = images[i];
                AssertSameResult(assigner.AssignTargets(image.Priors, image.GtBoxes.Span, image.GtLabels.Span, image.IgnoreBoxes.Span), batch[i]);
            }
        }
    }

    [Fact]
    public void AssignTargets_SpanOverload_EqualsArrayOverload()
    {
        var assigner = new AtssAssigner();
        for (int seed = 0; seed < 6; seed++)
        {
            ImageInput image = RandomImage(seed);
            AssignmentResult expected = assigner.AssignTargets(image.Priors, image.GtBoxes.Span, image.GtLabels.Span, image.IgnoreBoxes.Span);

            // Destinations longer than N: the tail must stay untouched.
            int n = image.Priors.Count;
            int[] gt = [.. Enumerable.Repeat(int.MinValue, n + 3)];
            int[] labels = [.. Enumerable.Repeat(int.MinValue, n + 3)];
            float[] ious = [.. Enumerable.Repeat(float.NaN, n + 3)];
            var stats = new GtStatistics[image.GtBoxes.Length + 1];
            var workspace = new AssignmentWorkspace();
            int count = assigner.AssignTargets(image.Priors, image.GtBoxes.Span, image.GtLabels.Span, image.IgnoreBoxes.Span, workspace, gt, labels, ious, stats);

            Assert.Equal(expected.PositiveCount, count);
            Assert.Equal(expected.PositiveIndices, workspace.PositiveIndices.ToArray());
            Assert.Equal(expected.AssignedGt, gt[..n]);
            Assert.Equal(expected.Labels, labels[..n]);
            Assert.Equal(expected.Ious, ious[..n]);
            Assert.Equal(expected.GtStatistics, stats[..^1]);
            Assert.All(gt[n..], v => Assert.Equal(int.MinValue, v));
            Assert.All(labels[n..], v => Assert.Equal(int.MinValue, v));
            Assert.All(ious[n..], v => Assert.True(float.IsNaN(v)));
            Assert.Equal(default, stats[^1]);

            // Without the optional statistics the assignment is the same.
            Array.Clear(gt);
            assigner.AssignTargets(image.Priors, image.GtBoxes.Span, image.GtLabels.Span, image.IgnoreBoxes.Span, workspace, gt, labels, ious);
            Assert.Equal(expected.AssignedGt, gt[..n]);
        }
    }

    [Fact]
    public void AssignTargets_WorkspaceReusedAcrossSizes_SameAsFreshCalls()
    {
        var assigner = new AtssAssigner(AtssOptions.OriginalPaper);
        var workspace = new AssignmentWorkspace();
        foreach (int seed in new[] { 3, 0, 5, 1, 6, 2, 3 })
        {
            ImageInput image = RandomImage(seed);
            AssignmentResult expected = assigner.AssignTargets(image.Priors, image.GtBoxes.Span, image.GtLabels.Span, image.IgnoreBoxes.Span);
            int n = image.Priors.Count;
            var gt = new int[n];
            var labels = new int[n];
            var ious = new float[n];
            var stats = new GtStatistics[image.GtBoxes.Length];
            assigner.AssignTargets(image.Priors, image.GtBoxes.Span, image.GtLabels.Span, image.IgnoreBoxes.Span, workspace, gt, labels, ious, stats);
            AssertSameResult(expected, new AssignmentResult(gt, labels, ious, workspace.PositiveIndices.ToArray(), stats));
        }
    }

    private static Box Point(float x, float y) => new(x, y, x, y);

    /// <summary>Images of very different sizes and box counts (seed 4: no boxes; seed 5: tiny image).</summary>
    private static ImageInput RandomImage(int seed)
    {
        var rng = new Random(seed);
        IPriorGenerator generator = (seed % 3) switch
        {
            0 => AnchorGenerator.Atss,
            1 => LegacyAnchorGenerator.RetinaNet,
            _ => PointGenerator.Fcos,
        };
        int size = seed == 5 ? 16 : 64 + (64 * (seed % 4));
        PriorSet priors = generator.Generate(size, size + (8 * seed));
        int count = seed == 4 ? 0 : 1 + rng.Next(12);
        var boxes = new Box[count];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            float x = rng.Next(size), y = rng.Next(size);
            boxes[i] = new Box(x, y, x + 4 + rng.Next(size / 2), y + 4 + rng.Next(size / 2));
            labels[i] = rng.Next(80);
        }

        Box[] ignore = seed % 2 == 0 ? [new(0, 0, size / 4, size / 4)] : [];
        return new ImageInput(priors, boxes, labels, ignore);
    }

    private static void AssertSameResult(AssignmentResult expected, AssignmentResult actual)
    {
        Assert.Equal(expected.AssignedGt, actual.AssignedGt);
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.Equal(expected.Ious, actual.Ious);
        Assert.Equal(expected.PositiveIndices, actual.PositiveIndices);
        Assert.Equal(expected.GtStatistics, actual.GtStatistics);
    }
}
