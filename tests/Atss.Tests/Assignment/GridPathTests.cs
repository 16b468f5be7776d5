namespace Atss.Tests.Assignment;

/// <summary>
/// The grid window search must give exactly the general scan's result: the same priors wrapped with
/// <see cref="PriorSet.FromBoxes"/> lose their grid and take the scan path.
/// </summary>
public class GridPathTests
{
    public static TheoryData<string> Generators => ["atss", "retinanet", "legacy-atss", "legacy-retinanet", "points", "offset-anchors"];

    private static IPriorGenerator Generator(string name) => name switch
    {
        "atss" => AnchorGenerator.Atss,
        "retinanet" => AnchorGenerator.RetinaNet,
        "legacy-atss" => LegacyAnchorGenerator.Atss,
        "legacy-retinanet" => LegacyAnchorGenerator.RetinaNet,
        "points" => PointGenerator.Fcos,
        _ => AnchorGenerator.WithOctaveScales([8, 16, 32], [0.5, 1.0, 2.0], 4, 2, centerOffset: 0.5),
    };

    [Theory]
    [MemberData(nameof(Generators))]
    public void AssignTargets_GridAndScanPaths_AgreeExactly(string generator)
    {
        var rng = new Random(1234 + generator.Length);
        IPriorGenerator gen = Generator(generator);
        foreach ((int h, int w) in new[] { (64, 96), (320, 320), (800, 1344) })
        {
            PriorSet grid = gen.Generate(h, w);
            PriorSet general = PriorSet.FromBoxes(grid.Boxes, grid.LevelCounts, grid.AnchorsPerLocation);
            for (int trial = 0; trial < 12; trial++)
            {
                (Box[] boxes, int[] labels) = Scenes.Random(rng, h, w, rng.Next(0, 40));
                foreach (AtssOptions options in new[] { AtssOptions.MmDetection with { TopK = 1 + rng.Next(30) }, AtssOptions.OriginalPaper })
                {
                    var assigner = new AtssAssigner(options);
                    AssignmentResult a = assigner.AssignTargets(grid, boxes, labels);
                    AssignmentResult b = assigner.AssignTargets(general, boxes, labels);
                    Assert.Equal(b.AssignedGt, a.AssignedGt);
                    Assert.Equal(b.Ious, a.Ious);
                    Assert.Equal(b.GtStatistics, a.GtStatistics);
                }
            }
        }
    }
}
