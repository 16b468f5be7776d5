namespace Atss.Tests.Priors;

/// <summary>
/// <see cref="PriorSet.FromGrid"/>: caller-supplied priors with their grids get the grid path and assign exactly as the
/// library's own generators' sets; a layout that does not match the grids, or bad grids, are rejected.
/// </summary>
public class PriorSetFromGridTests
{
    public static TheoryData<string> Generators => ["atss", "retinanet", "points", "legacy"];

    [Theory]
    [MemberData(nameof(Generators))]
    public void FromGrid_AssignsExactlyAsTheGeneratorsSet(string name)
    {
        PriorSet generated = Generate(name, 320, 448);
        PriorLevelGrid[] grids = [.. Enumerable.Range(0, generated.LevelCount).Select(l => generated.GetGrid(l)!.Value)];
        PriorSet wrapped = PriorSet.FromGrid(generated.Boxes, grids);

        Assert.True(wrapped.HasGrids);
        Assert.Equal(grids, Enumerable.Range(0, wrapped.LevelCount).Select(l => wrapped.GetGrid(l)!.Value));
        Assert.Equal(generated.AnchorsPerLocation, wrapped.AnchorsPerLocation);
        Assert.Equal(generated.AnchorsPerLocation == 1, wrapped.BlockLevels is not null);

        var rng = new Random(name.Length);
        var assigner = new AtssAssigner();
        for (int scene = 0; scene < 20; scene++)
        {
            (Box[] boxes, int[] labels) = Assignment.Scenes.Random(rng, 320, 448, 1 + rng.Next(30));
            AssignmentResult expected = assigner.AssignTargets(generated, boxes, labels);
            AssignmentResult actual = assigner.AssignTargets(wrapped, boxes, labels);
            Assert.Equal(expected.AssignedGt, actual.AssignedGt);
            Assert.Equal(expected.Ious, actual.Ious);
            Assert.Equal(expected.GtStatistics, actual.GtStatistics);
        }
    }

    [Fact]
    public void FromGrid_AcceptsAShiftedGrid()
    {
        // A detector whose centres sit at (x + 0.25) * stride: offsets come from the first location.
        PriorSet set = PriorSet.FromGrid(Lattice(4, 5, 8, 2f), [new PriorLevelGrid(4, 5, 8, 8, 1)]);
        Assert.Equal(0, set.Geometry![0]!.Deviation);
    }

    [Fact]
    public void FromGrid_RejectsPriorsInAnotherLayout()
    {
        // Column-major instead of row-major: centres land far from the stated grid positions.
        Box[] rowMajor = Lattice(4, 6, 8, 4f);
        Box[] columnMajor = [.. Enumerable.Range(0, 24).Select(i => rowMajor[((i % 4) * 6) + (i / 4)])];
        ArgumentException e = Assert.Throws<ArgumentException>(() => PriorSet.FromGrid(columnMajor, [new PriorLevelGrid(4, 6, 8, 8, 1)]));
        Assert.Equal("priors", e.ParamName);
        Assert.Contains("level 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromGrid_RejectsBadGrids()
    {
        Box[] boxes = Lattice(2, 2, 8, 4f);
        Assert.Equal("grids", Assert.Throws<ArgumentException>(() => PriorSet.FromGrid(boxes, [])).ParamName);
        Assert.Equal("grids", Assert.Throws<ArgumentException>(() => PriorSet.FromGrid(boxes, [new PriorLevelGrid(2, 2, 0, 8, 1)])).ParamName);
        Assert.Equal("grids", Assert.Throws<ArgumentException>(() => PriorSet.FromGrid(boxes, [new PriorLevelGrid(-2, -2, 8, 8, 1)])).ParamName);
        Assert.Equal("grids", Assert.Throws<ArgumentException>(() => PriorSet.FromGrid(boxes, [new PriorLevelGrid(2, 2, 8, 8, 0)])).ParamName);
        Assert.Equal("grids", Assert.Throws<ArgumentException>(() => PriorSet.FromGrid(boxes, [new PriorLevelGrid(2, 3, 8, 8, 1)])).ParamName);
        Assert.Equal("grids", Assert.Throws<ArgumentException>(() => PriorSet.FromGrid(boxes, [new PriorLevelGrid(1, 2, 8, 8, 1), new PriorLevelGrid(1, 1, 16, 16, 2)])).ParamName);
        Assert.Equal("grids", Assert.Throws<ArgumentException>(() => PriorSet.FromGrid(boxes, [new PriorLevelGrid(70000, 70000, 8, 8, 1)])).ParamName);
        boxes[3] = new Box(float.NaN, 0, 1, 1);
        Assert.Equal("priors", Assert.Throws<ArgumentException>(() => PriorSet.FromGrid(boxes, [new PriorLevelGrid(2, 2, 8, 8, 1)])).ParamName);
    }

    private static PriorSet Generate(string name, int height, int width) => name switch
    {
        "atss" => AnchorGenerator.Atss.Generate(height, width),
        "retinanet" => AnchorGenerator.RetinaNet.Generate(height, width),
        "points" => PointGenerator.Fcos.Generate(height, width),
        _ => LegacyAnchorGenerator.Atss.Generate(height, width),
    };

    // One level of 8 x 8 boxes centred at (x * stride + offset, y * stride + offset), row-major.
    private static Box[] Lattice(int height, int width, int stride, float offset)
        => [.. Enumerable.Range(0, height * width).Select(i => Box.FromCenter(((i % width) * stride) + offset, ((i / width) * stride) + offset, 8, 8))];
}
