namespace Atss.Tests.Robustness;

[Trait("Category", RobustnessGenerators.Category)]
public class ConcurrencyTests
{
    [Fact]
    public void AssignTargets_OneAssignerFromManyThreads_EqualsSequentialResults()
    {
        var assigner = new AtssAssigner(AtssOptions.MmDetection with { IgnoreIofThreshold = 0.5f });
        PriorSet[] priorSets = [AnchorGenerator.Atss.Generate(320, 320), AnchorGenerator.RetinaNet.Generate(256, 320)];
        var rng = new Random(5);
        var scenes = new List<(PriorSet Priors, Box[] Boxes, int[] Labels)>();
        for (int i = 0; i < 64; i++)
        {
            (Box[] boxes, int[] labels) = Atss.Tests.Assignment.Scenes.Random(rng, 320, 320, rng.Next(0, 50));
            scenes.Add((priorSets[i % 2], boxes, labels));
        }

        AssignmentResult[] sequential = [.. scenes.Select(s => assigner.AssignTargets(s.Priors, s.Boxes, s.Labels, [new Box(0, 0, 64, 64)]))];
        var concurrent = new AssignmentResult[scenes.Count];
        Parallel.For(0, scenes.Count * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, j =>
        {
            int i = j % scenes.Count;
            concurrent[i] = assigner.AssignTargets(scenes[i].Priors, scenes[i].Boxes, scenes[i].Labels, [new Box(0, 0, 64, 64)]);
        });
        for (int i = 0; i < scenes.Count; i++)
        {
            Assert.Equal(sequential[i].AssignedGt, concurrent[i].AssignedGt);
            Assert.Equal(sequential[i].Ious, concurrent[i].Ious);
            Assert.Equal(sequential[i].GtStatistics, concurrent[i].GtStatistics);
        }
    }
}
