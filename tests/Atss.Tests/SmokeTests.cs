namespace Atss.Tests;

public class SmokeTests
{
    [Fact]
    public void AssignTargets_OneBoxOnAtssPriors_GivesPositives()
    {
        PriorSet priors = AnchorGenerator.Atss.Generate(320, 320);
        var result = new AtssAssigner().AssignTargets(priors, [new Box(100, 100, 180, 160)], [3]);
        Assert.NotEmpty(result.PositiveIndices);
        Assert.All(result.PositiveIndices, p => Assert.Equal(3, result.Labels[p]));
    }
}
