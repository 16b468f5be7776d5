namespace Atss.Tests.Priors;

/// <summary><see cref="PriorSet"/>: caller-supplied priors, level book-keeping and argument validation.</summary>
public class PriorSetTests
{
    [Fact]
    public void FromBoxes_KeepsOrderAndLevels()
    {
        Box[] boxes = [new(0, 0, 1, 1), new(2, 2, 3, 3), new(4, 4, 6, 6)];
        PriorSet set = PriorSet.FromBoxes(boxes, [1, 0, 2], anchorsPerLocation: 2);

        Assert.Equal(boxes, set.Boxes.ToArray());
        Assert.Equal([1, 0, 2], set.LevelCounts.ToArray());
        Assert.Equal(3, set.LevelCount);
        Assert.Equal(2, set.AnchorsPerLocation);
        Assert.False(set.HasGrids);
        Assert.False(set.ArePoints);
        Assert.Null(set.GetGrid(0));
        Assert.Equal(1, set.LevelStart(2));
        Assert.Equal(2, set.LevelOf(2));
        Assert.Equal(0, set.LevelOf(0));
        Assert.Equal(boxes[1..], set.Level(2).ToArray());
        Assert.True(set.Level(1).IsEmpty);
    }

    [Fact]
    public void FromBoxes_CopiesInput()
    {
        Box[] boxes = [new(0, 0, 1, 1)];
        PriorSet set = PriorSet.FromBoxes(boxes, [1]);
        boxes[0] = new Box(5, 5, 6, 6);
        Assert.Equal(new Box(0, 0, 1, 1), set.Boxes[0]);
    }

    [Fact]
    public void FromBoxes_EmptyLevelList_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => PriorSet.FromBoxes([], []));
        Assert.Equal("priorsPerLevel", e.ParamName);
    }

    [Fact]
    public void FromBoxes_NegativeLevelCount_ThrowsNamingLevel()
    {
        var e = Assert.Throws<ArgumentException>(() => PriorSet.FromBoxes([new(0, 0, 1, 1)], [2, -1]));
        Assert.Equal("priorsPerLevel", e.ParamName);
        Assert.Contains("-1", e.Message);
        Assert.Contains("level 1", e.Message);
    }

    [Theory]
    [InlineData(new[] { 1 })]
    [InlineData(new[] { 2, 2 })]
    [InlineData(new[] { 0 })]
    public void FromBoxes_CountsNotSummingToPriors_Throws(int[] counts)
    {
        var e = Assert.Throws<ArgumentException>(() => PriorSet.FromBoxes([new(0, 0, 1, 1), new(1, 1, 2, 2), new(2, 2, 3, 3)], counts));
        Assert.Equal("priorsPerLevel", e.ParamName);
        Assert.Contains("3 priors", e.Message);
    }

    [Fact]
    public void FromBoxes_NaNCoordinate_ThrowsNamingIndex()
    {
        var e = Assert.Throws<ArgumentException>(() => PriorSet.FromBoxes([new(0, 0, 1, 1), new(0, float.NaN, 1, 1)], [2]));
        Assert.Equal("priors", e.ParamName);
        Assert.Contains("index 1", e.Message);
    }

    [Fact]
    public void FromBoxes_InvertedBox_ThrowsNamingIndex()
    {
        var e = Assert.Throws<ArgumentException>(() => PriorSet.FromBoxes([new(0, 5, 1, 4)], [1]));
        Assert.Equal("priors", e.ParamName);
        Assert.Contains("index 0", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void FromBoxes_AnchorsPerLocationBelowOne_ThrowsOutOfRange(int a)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PriorSet.FromBoxes([new(0, 0, 1, 1)], [1], a));
        Assert.Equal("anchorsPerLocation", e.ParamName);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void LevelAccessors_OutOfRange_Throw(int level)
    {
        PriorSet set = PriorSet.FromBoxes([new(0, 0, 1, 1)], [1, 0, 0]);
        Assert.Equal("level", Assert.Throws<ArgumentOutOfRangeException>(() => set.LevelStart(level)).ParamName);
        Assert.Equal("level", Assert.Throws<ArgumentOutOfRangeException>(() => set.Level(level).Length).ParamName);
        Assert.Equal("level", Assert.Throws<ArgumentOutOfRangeException>(() => set.GetGrid(level)).ParamName);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void LevelOf_OutOfRange_Throws(int prior)
    {
        PriorSet set = PriorSet.FromBoxes([new(0, 0, 1, 1)], [1]);
        Assert.Equal("priorIndex", Assert.Throws<ArgumentOutOfRangeException>(() => set.LevelOf(prior)).ParamName);
    }

    [Fact]
    public void CopyStridesTo_GeneratedSet_WritesEachPriorsLevelStride()
    {
        PriorSet set = AnchorGenerator.RetinaNet.Generate(96, 160);
        float[] strides = [.. Enumerable.Repeat(-1f, set.Count + 2)];

        set.CopyStridesTo(strides);

        for (int p = 0; p < set.Count; p++)
        {
            Assert.Equal(set.GetGrid(set.LevelOf(p))!.Value.StrideX, strides[p]);
        }

        Assert.Equal([-1f, -1f], strides[^2..]);
    }

    [Fact]
    public void CopyStridesTo_StridesUnknownOrAmbiguous_Throws()
    {
        PriorSet general = PriorSet.FromBoxes([new(0, 0, 1, 1)], [1]);
        Box[] cells = [new(0, 0, 8, 16), new(8, 0, 16, 16), new(0, 16, 8, 32), new(8, 16, 16, 32)];
        PriorSet anisotropic = PriorSet.FromGrid(cells, [new PriorLevelGrid(2, 2, 8, 16, 1)]);
        PriorSet generated = PointGenerator.Fcos.Generate(64, 64);

        Assert.Throws<InvalidOperationException>(() => general.CopyStridesTo(new float[1]));
        Assert.Contains("8 x 16", Assert.Throws<InvalidOperationException>(() => anisotropic.CopyStridesTo(new float[4])).Message);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => generated.CopyStridesTo(new float[generated.Count - 1])).ParamName);
    }
}
