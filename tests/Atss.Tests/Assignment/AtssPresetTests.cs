namespace Atss.Tests.Assignment;

public class AtssPresetTests
{
    [Fact]
    public void MmYolo_DiffersFromMmdetectionInComparisonMarginAndResolutionOnly()
    {
        Assert.Equal(AtssOptions.MmDetection with
        {
            ThresholdComparison = ThresholdComparison.Greater,
            CenterMargin = 1e-9f,
            SharedPriorResolution = SharedPriorResolution.HighestIouAmongAllBoxes,
        }, AtssOptions.MmYolo);
        Assert.Equal(AtssOptions.MmYolo, AtssOptions.PaddleDetection);
    }

    [Fact]
    public void MmYolo_CentreExactlyOnBoxEdge_IsNotPositive()
    {
        // One level of 5 x 5 points (stride 8); the box's left edge runs through the column of points at x = 12.
        PriorSet priors = new PointGenerator([8]).Generate(40, 40).ToSquareAnchors(5f);
        Box onEdge = new(12, 0, 21, 40);

        AssignmentResult strict = new AtssAssigner(AtssOptions.MmYolo).AssignTargets(priors, [onEdge], [1]);
        AssignmentResult relaxed = new AtssAssigner(AtssOptions.MmYolo with { CenterMargin = -1f }).AssignTargets(priors, [onEdge], [1]);

        Assert.Contains(relaxed.PositiveIndices, p => priors.Boxes[p].CenterX == 12f);
        Assert.DoesNotContain(strict.PositiveIndices, p => priors.Boxes[p].CenterX == 12f);
        Assert.NotEmpty(strict.PositiveIndices);
    }

    [Fact]
    public void ToSquareAnchors_PointsWithStrides_FiveStrideSquaresOnTheSameCentresAndGrids()
    {
        PriorSet points = PointGenerator.Yolo.Generate(64, 96);

        PriorSet anchors = points.ToSquareAnchors(5f);

        Assert.False(anchors.ArePoints);
        Assert.Equal(points.LevelCounts.ToArray(), anchors.LevelCounts.ToArray());
        for (int l = 0; l < points.LevelCount; l++)
        {
            PriorLevelGrid grid = points.GetGrid(l)!.Value;
            Assert.Equal(grid, anchors.GetGrid(l));
            for (int i = points.LevelStart(l); i < points.LevelStart(l) + points.LevelCounts[l]; i++)
            {
                Box a = anchors.Boxes[i];
                Assert.Equal(points.Boxes[i].X1, a.CenterX);
                Assert.Equal(points.Boxes[i].Y1, a.CenterY);
                Assert.Equal(5f * grid.StrideX, a.Width);
                Assert.Equal(5f * grid.StrideY, a.Height);
            }
        }
    }

    [Fact]
    public void ToSquareAnchors_SetWithoutGrids_ThrowsInvalidOperation()
    {
        PriorSet priors = PriorSet.FromBoxes([new Box(4, 4, 4, 4)], [1]);

        Assert.Throws<InvalidOperationException>(() => priors.ToSquareAnchors(5f));
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-5f)]
    [InlineData(float.PositiveInfinity)]
    public void ToSquareAnchors_BadSize_ThrowsNamingTheParameter(float size)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PointGenerator.Yolo.Generate(32, 32).ToSquareAnchors(size));
        Assert.Equal("sizeInStrides", e.ParamName);
    }
}
