using CsCheck;

namespace Atss.Tests.Robustness;

/// <summary>Properties every ATSS assignment must have, on random scenes (CsCheck shrinks failures to a minimal scene).</summary>
[Trait("Category", RobustnessGenerators.Category)]
public class AtssPropertyTests
{
    private static readonly PriorSet s_grid = AnchorGenerator.Atss.Generate(128, 192);
    private static readonly PriorSet s_general = PriorSet.FromBoxes(s_grid.Boxes, s_grid.LevelCounts);
    private static readonly PriorSet s_retina = AnchorGenerator.RetinaNet.Generate(96, 96);

    private static Gen<(Box[] Boxes, int TopK, bool Paper)> Scenes => Gen.Select(RobustnessGenerators.Boxes(192, 128, 25), Gen.Int[1, 40], Gen.Bool);

    [Fact]
    public void AssignTargets_Positives_AreInsideTheirBoxWithIouAndLabel()
    {
        Scenes.Sample((boxes, topK, paper) =>
        {
            AtssOptions options = (paper ? AtssOptions.OriginalPaper : AtssOptions.MmDetection) with { TopK = topK };
            int[] labels = [.. Enumerable.Range(100, boxes.Length)];
            AssignmentResult r = new AtssAssigner(options).AssignTargets(s_grid, boxes, labels);
            foreach (int p in r.PositiveIndices)
            {
                int g = r.AssignedGt[p];
                Box b = boxes[g];
                Box prior = s_grid.Boxes[p];
                float cx = prior.CenterX, cy = prior.CenterY;
                Assert.True(MathF.Min(MathF.Min(cx - b.X1, cy - b.Y1), MathF.Min(b.X2 - cx, b.Y2 - cy)) > options.CenterMargin);
                Assert.Equal(labels[g], r.Labels[p]);
                Assert.Equal(Overlaps.Iou(prior, b, options.BoxConvention), r.Ious[p]);
            }
        }, iter: RobustnessGenerators.Iterations(300));
    }

    [Fact]
    public void AssignTargets_PerBoxCounts_AreBoundedAndConsistent_NeverNaN()
    {
        Scenes.Sample((boxes, topK, paper) =>
        {
            AtssOptions options = (paper ? AtssOptions.OriginalPaper : AtssOptions.MmDetection) with { TopK = topK };
            AssignmentResult r = new AtssAssigner(options).AssignTargets(s_retina, boxes, new int[boxes.Length]);
            long k = (long)topK * (paper ? s_retina.AnchorsPerLocation : 1);
            int candidates = 0;
            foreach (int n in s_retina.LevelCounts)
            {
                candidates += (int)Math.Min(k, n);
            }

            int sum = 0;
            foreach (GtStatistics s in r.GtStatistics)
            {
                Assert.InRange(s.PositiveCount, 0, candidates);
                Assert.Equal(candidates, s.CandidateCount);
                Assert.False(double.IsNaN(s.Threshold) || double.IsNaN(s.IouMean) || double.IsNaN(s.IouStd));
                sum += s.PositiveCount;
            }

            Assert.Equal(r.PositiveCount, sum);
            Assert.All(r.Ious, v => Assert.True(float.IsFinite(v) && v >= 0 && v <= 1));
        }, iter: RobustnessGenerators.Iterations(300));
    }

    [Fact]
    public void AssignTargets_ReversedBoxOrder_SameAssignmentUpToRelabelingAndExactTies()
    {
        Scenes.Sample((boxes, topK, paper) =>
        {
            var assigner = new AtssAssigner((paper ? AtssOptions.OriginalPaper : AtssOptions.MmDetection) with { TopK = topK });
            Box[] reversed = [.. boxes.Reverse()];
            AssignmentResult a = assigner.AssignTargets(s_grid, boxes, new int[boxes.Length]);
            AssignmentResult b = assigner.AssignTargets(s_grid, reversed, new int[boxes.Length]);
            Assert.Equal(a.PositiveIndices, b.PositiveIndices);
            foreach (int p in a.PositiveIndices)
            {
                int ga = a.AssignedGt[p];
                int gb = boxes.Length - 1 - b.AssignedGt[p];
                Assert.Equal(a.Ious[p], b.Ious[p]);
                if (ga != gb)
                {
                    // Only an exact IoU tie may change the winner (lower index wins in each order).
                    BoxConvention c = assigner.Options.BoxConvention;
                    Assert.Equal(Overlaps.Iou(s_grid.Boxes[p], boxes[ga], c), Overlaps.Iou(s_grid.Boxes[p], boxes[gb], c));
                }
            }
        }, iter: RobustnessGenerators.Iterations(300));
    }

    [Fact]
    public void AssignTargets_GridGeneralBatchAndOracle_AgreeExactly()
    {
        Scenes.Sample((boxes, topK, paper) =>
        {
            AtssOptions options = (paper ? AtssOptions.OriginalPaper : AtssOptions.MmDetection) with { TopK = topK };
            var assigner = new AtssAssigner(options);
            int[] labels = new int[boxes.Length];
            AssignmentResult grid = assigner.AssignTargets(s_grid, boxes, labels);
            AssignmentResult general = assigner.AssignTargets(s_general, boxes, labels);
            AssignmentResult[] batch = assigner.AssignTargetsBatch([new ImageInput(s_grid, boxes, labels), new ImageInput(s_general, boxes, labels)]);
            AssignmentResult oracle = Atss.Tests.Oracle.ReferenceAtss.Assign(s_grid, boxes, labels, [], options);
            foreach (AssignmentResult other in new[] { general, batch[0], batch[1], oracle })
            {
                Assert.Equal(grid.AssignedGt, other.AssignedGt);
                Assert.Equal(grid.Ious, other.Ious);
                Assert.Equal(grid.GtStatistics, other.GtStatistics);
            }
        }, iter: RobustnessGenerators.Iterations(200));
    }
}
