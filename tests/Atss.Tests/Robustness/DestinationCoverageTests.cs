namespace Atss.Tests.Robustness;

/// <summary>
/// Every strategy writes every element of its destinations (the allocating overloads rely on it: they skip zeroing).
/// The same image assigned into destinations pre-filled with three patterns (one of them zero, which a missing clear
/// would need) must give identical outputs; an element left unwritten, or read before it is written, shows up as a
/// difference.
/// </summary>
[Trait("Category", RobustnessGenerators.Category)]
public class DestinationCoverageTests
{
    public static TheoryData<string> Strategies => ["atss", "atss-paper", "atss-mmyolo", "atss-general", "maxiou", "maxiou-paper", "fcos", "fcos-paper", "topk"];

    [Theory]
    [MemberData(nameof(Strategies))]
    public void AssignTargets_WritesEveryDestinationElement(string strategy)
    {
        (PriorAssigner assigner, PriorSet priors) = strategy switch
        {
            "atss" => ((PriorAssigner)new AtssAssigner(AtssOptions.MmDetection with { IgnoreIofThreshold = 0.5f }), AnchorGenerator.Atss.Generate(192, 256)),
            "atss-paper" => (new AtssAssigner(AtssOptions.OriginalPaper), LegacyAnchorGenerator.RetinaNet.Generate(160, 192)),
            "atss-mmyolo" => (new AtssAssigner(AtssOptions.MmYolo), PointGenerator.Yolo.Generate(192, 256).ToSquareAnchors(5)),
            "atss-general" => (new AtssAssigner(AtssOptions.MmDetection with { IgnoreIofThreshold = 0.5f }), FromBoxes(AnchorGenerator.Atss.Generate(192, 256))),
            "maxiou-paper" => (new MaxIouAssigner(MaxIouOptions.OriginalPaper), LegacyAnchorGenerator.RetinaNet.Generate(160, 192)),
            "fcos-paper" => (new FcosAssigner(FcosOptions.OriginalPaper), LegacyAnchorGenerator.Atss.Generate(192, 256)),
            "maxiou" => (new MaxIouAssigner(MaxIouOptions.MmDetection with { IgnoreIofThreshold = 0.5f }), AnchorGenerator.RetinaNet.Generate(160, 192)),
            "fcos" => (new FcosAssigner(FcosOptions.MmDetection), PointGenerator.Fcos.Generate(192, 256)),
            _ => (new TopKAssigner(), AnchorGenerator.Atss.Generate(128, 160)),
        };

        var rng = new Random(strategy.Length);
        for (int scene = 0; scene < 12; scene++)
        {
            int g = scene % 4 == 0 ? 0 : rng.Next(1, 30);
            (Box[] boxes, int[] labels) = Atss.Tests.Assignment.Scenes.Random(rng, 160, 192, g);
            Box[] ignore = scene % 3 == 0 ? [new Box(0, 0, 64, 48)] : [];
            (int[] gtA, int[] labelsA, float[] iousA, GtStatistics[] statsA) = Assign(assigner, priors, boxes, labels, ignore, int.MinValue, float.NaN);
            foreach ((int intPattern, float floatPattern) in new[] { (12345, 7.5f), (0, 0f) })
            {
                (int[] gtB, int[] labelsB, float[] iousB, GtStatistics[] statsB) = Assign(assigner, priors, boxes, labels, ignore, intPattern, floatPattern);
                Assert.Equal(gtA, gtB);
                Assert.Equal(labelsA, labelsB);
                Assert.Equal(iousA, iousB);
                Assert.Equal(statsA, statsB);
            }

            Assert.DoesNotContain(int.MinValue, gtA);
            Assert.All(iousA, v => Assert.False(float.IsNaN(v)));
        }
    }

    private static PriorSet FromBoxes(PriorSet grid) => PriorSet.FromBoxes(grid.Boxes, grid.LevelCounts, grid.AnchorsPerLocation);

    private static (int[] Gt, int[] Labels, float[] Ious, GtStatistics[] Stats) Assign(PriorAssigner assigner, PriorSet priors, Box[] boxes, int[] labels, Box[] ignore, int intPattern, float floatPattern)
    {
        int[] gt = [.. Enumerable.Repeat(intPattern, priors.Count)];
        int[] labelsOut = [.. Enumerable.Repeat(intPattern, priors.Count)];
        float[] ious = [.. Enumerable.Repeat(floatPattern, priors.Count)];
        GtStatistics[] stats = [.. Enumerable.Repeat(new GtStatistics(intPattern, floatPattern, floatPattern, floatPattern, intPattern), boxes.Length)];
        assigner.AssignTargets(priors, boxes, labels, ignore, new AssignmentWorkspace(), gt, labelsOut, ious, stats);
        return (gt, labelsOut, ious, stats);
    }
}
