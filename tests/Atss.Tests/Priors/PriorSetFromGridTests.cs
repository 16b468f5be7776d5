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

        AssertSameAssignments(new AtssAssigner(), generated, wrapped, new Random(name.Length), 20, 320, 448, 30);
    }

    [Theory]
    [InlineData("atss")]
    [InlineData("points")]
    [InlineData("legacy")]
    public void GeneratedSingleAnchorLevels_AreSeparable(string name)
    {
        // The block kernel's separable form serves every single-anchor level the generators make.
        PriorSet set = Generate(name, 320, 448);
        BlockLevel[] fitting = [.. set.BlockLevels!.Where(level => level.Fits)];
        Assert.NotEmpty(fitting);
        Assert.All(fitting, level => Assert.NotNull(level.Edges));
    }

    [Theory]
    [InlineData("retinanet")]
    [InlineData("legacy-retinanet")]
    public void MultiAnchorLevels_RecordTheCentreTheirAnchorsShare(string name)
    {
        // Where all anchors of a location have one centre, bit for bit, it is recorded; where rounding separates them
        // (the paper's unrounded anchors make many), the location is NaN and a block holding it is not ranked by centres.
        PriorSet set = Generate(name, 320, 448);
        int shared = 0;
        int split = 0;
        for (int l = 0; l < set.LevelCount; l++)
        {
            LevelGeometry geo = set.Geometry![l]!;
            int a = geo.Grid.AnchorsPerLocation;
            float[] sharedX = geo.SharedCenterX!;
            float[] sharedY = geo.SharedCenterY!;
            Assert.Equal(geo.Grid.Width * geo.Grid.Height, sharedX.Length);
            for (int location = 0; location < sharedX.Length; location++)
            {
                int first = set.StartOf(l) + (location * a);
                bool same = Enumerable.Range(first, a).All(p => Bits(set.CenterX[p]) == Bits(set.CenterX[first]) && Bits(set.CenterY[p]) == Bits(set.CenterY[first]));
                Assert.Equal(Bits(same ? set.CenterX[first] : float.NaN), Bits(sharedX[location]));
                Assert.Equal(Bits(same ? set.CenterY[first] : float.NaN), Bits(sharedY[location]));
                shared += same ? 1 : 0;
                split += same ? 0 : 1;
            }

            // A 4 x 4 block shares centres exactly when none of its sixteen locations is NaN.
            if (geo.Grid.Width >= 4 && geo.Grid.Height >= 4)
            {
                for (int y0 = 0; y0 + 4 <= geo.Grid.Height; y0++)
                {
                    for (int x0 = 0; x0 + 4 <= geo.Grid.Width; x0++)
                    {
                        bool all = Enumerable.Range(0, 16).All(i => !float.IsNaN(sharedX[((y0 + (i / 4)) * geo.Grid.Width) + x0 + (i % 4)]));
                        Assert.Equal(all, geo.SharesCenters(x0, y0));
                    }
                }
            }
        }

        Assert.True(shared > 0);
        Assert.True(name == "retinanet" || split > 0, $"{name}: no location with split centres");
        Assert.Null(Generate("atss", 320, 448).Geometry![0]!.SharedCenterX);
    }

    [Fact]
    public void FromGrid_ALevelThatIsNotSeparable_UsesTheGeneralKernelAndMatchesTheScan()
    {
        // One prior 1 px wider than its column: still a grid (its centre moves 0.5 px), no longer separable.
        Box[] boxes = Lattice(12, 16, 8, 4f);
        boxes[(5 * 16) + 7] = boxes[(5 * 16) + 7] with { X2 = boxes[(5 * 16) + 7].X2 + 1 };
        PriorSet grid = PriorSet.FromGrid(boxes, [new PriorLevelGrid(12, 16, 8, 8, 1)]);
        Assert.True(grid.BlockLevels![0].Fits);
        Assert.Null(grid.BlockLevels[0].Edges);
        Assert.NotNull(PriorSet.FromGrid(Lattice(12, 16, 8, 4f), [new PriorLevelGrid(12, 16, 8, 8, 1)]).BlockLevels![0].Edges);

        PriorSet general = PriorSet.FromBoxes(boxes, [boxes.Length], 1);
        AssertSameAssignments(new AtssAssigner(), general, grid, new Random(5), 40, 96, 128, 12);
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
    public void FromGrid_HalfStrideRule_IsPerAxis()
    {
        // Strides 16 (x) and 8 (y): a centre 5 px off along x is within half of 16, so the layout stands and assigns
        // exactly as the scan; 5 px off along y is half of 8 or more, a layout mistake.
        PriorLevelGrid grid = new(6, 8, 16, 8, 1);
        Box[] lattice = [.. Enumerable.Range(0, 48).Select(i => Box.FromCenter(((i % 8) * 16) + 8, ((i / 8) * 8) + 4, 16, 8))];
        Box[] offInX = [.. lattice];
        offInX[13] = Box.FromCenter(offInX[13].CenterX + 5, offInX[13].CenterY, 16, 8);
        PriorSet set = PriorSet.FromGrid(offInX, [grid]);
        Assert.Equal(5, set.Geometry![0]!.DeviationX);
        Assert.Equal(0, set.Geometry![0]!.DeviationY);
        AssertSameAssignments(new AtssAssigner(), PriorSet.FromBoxes(offInX, [48]), set, new Random(41), 30, 48, 128, 6);

        Box[] offInY = [.. lattice];
        offInY[13] = Box.FromCenter(offInY[13].CenterX, offInY[13].CenterY + 5, 16, 8);
        ArgumentException e = Assert.Throws<ArgumentException>(() => PriorSet.FromGrid(offInY, [grid]));
        Assert.Equal("priors", e.ParamName);
        Assert.Contains("5 px (y)", e.Message, StringComparison.Ordinal);
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
        Assert.Equal("grids", Assert.Throws<ArgumentException>(() => PriorSet.FromGrid(boxes, [new PriorLevelGrid(1 << 30, 1 << 30, 8, 8, 16)])).ParamName);
        boxes[3] = new Box(float.NaN, 0, 1, 1);
        Assert.Equal("priors", Assert.Throws<ArgumentException>(() => PriorSet.FromGrid(boxes, [new PriorLevelGrid(2, 2, 8, 8, 1)])).ParamName);
    }

    /// <summary>
    /// Anchors with distinct per-location offsets (each anchor type centred elsewhere in the cell), tiny grids and empty
    /// levels: the grid path (window search, nearest-location shortcut) against the scan of the same boxes.
    /// </summary>
    [Fact]
    public void FromGrid_PerAnchorOffsetsTinyAndEmptyLevels_MatchTheScan()
    {
        (float Dx, float Dy, float W, float H)[] anchorTypes = [(0f, 0f, 16f, 16f), (2.5f, -1.5f, 24f, 12f), (-3f, 3.25f, 10f, 30f)];
        PriorLevelGrid[] grids = [new(20, 30, 8, 8, 3), new(1, 1, 16, 16, 3), new(0, 0, 32, 32, 3), new(3, 2, 64, 64, 3)];
        var boxes = new List<Box>();
        foreach (PriorLevelGrid g in grids)
        {
            for (int y = 0; y < g.Height; y++)
            {
                for (int x = 0; x < g.Width; x++)
                {
                    foreach ((float dx, float dy, float w, float h) in anchorTypes)
                    {
                        boxes.Add(Box.FromCenter((x * g.StrideX) + dx + 4, (y * g.StrideY) + dy + 4, w * g.StrideX / 8, h * g.StrideY / 8));
                    }
                }
            }
        }

        PriorSet grid = PriorSet.FromGrid([.. boxes], grids);
        PriorSet general = PriorSet.FromBoxes([.. boxes], [.. grids.Select(g => (int)g.Count)], 3);
        var rng = new Random(31);
        foreach (int k in new[] { 1, 2, 3, 5, 9 })
        {
            AssertSameAssignments(new AtssAssigner(AtssOptions.MmDetection with { TopK = k }), general, grid, rng, 30, 160, 240, 12);
        }
    }

    // Random scenes assigned on both prior sets must agree in every output.
    private static void AssertSameAssignments(AtssAssigner assigner, PriorSet reference, PriorSet candidate, Random rng, int scenes, int height, int width, int maxBoxes)
    {
        for (int scene = 0; scene < scenes; scene++)
        {
            (Box[] gts, int[] labels) = Assignment.Scenes.Random(rng, height, width, 1 + rng.Next(maxBoxes));
            AssignmentResult expected = assigner.AssignTargets(reference, gts, labels);
            AssignmentResult actual = assigner.AssignTargets(candidate, gts, labels);
            Assert.Equal(expected.AssignedGt, actual.AssignedGt);
            Assert.Equal(expected.Ious, actual.Ious);
            Assert.Equal(expected.GtStatistics, actual.GtStatistics);
        }
    }

    /// <summary>
    /// A centre within 1e-19 px of the box centre computes as distance 0 (dx * dx underflows); a prior of another
    /// location at 1e-25 px is then tied at 0 and wins by its lower index. The proofs must not accept the first location.
    /// </summary>
    [Fact]
    public void FromGrid_UnderflowingDistances_MatchTheScan()
    {
        float[] xs = [-1e-25f, -1f, -2f, 1f, 1e-30f, -1f, 5f, 6f, 7f];
        Box[] points = [.. xs.Select(x => new Box(x, 0, x, 0))];
        PriorLevelGrid[] grids = [new(1, 2, 1, 1, 3), new(1, 1, 1, 1, 3)];
        PriorSet grid = PriorSet.FromGrid(points, grids);
        PriorSet general = PriorSet.FromBoxes(points, [6, 3], 3);
        var assigner = new AtssAssigner(AtssOptions.MmDetection with { TopK = 1 });
        Box[] gts = [Box.FromCenter(0, 0, 4, 4)];
        AssignmentResult expected = assigner.AssignTargets(general, gts, [0]);
        AssignmentResult actual = assigner.AssignTargets(grid, gts, [0]);
        Assert.Equal(0, expected.AssignedGt[0]);
        Assert.Equal(expected.AssignedGt, actual.AssignedGt);
    }

    private static PriorSet Generate(string name, int height, int width) => name switch
    {
        "atss" => AnchorGenerator.Atss.Generate(height, width),
        "retinanet" => AnchorGenerator.RetinaNet.Generate(height, width),
        "points" => PointGenerator.Fcos.Generate(height, width),
        "legacy-retinanet" => LegacyAnchorGenerator.RetinaNet.Generate(height, width),
        _ => LegacyAnchorGenerator.Atss.Generate(height, width),
    };

    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);

    // One level of 8 x 8 boxes centred at (x * stride + offset, y * stride + offset), row-major.
    private static Box[] Lattice(int height, int width, int stride, float offset)
        => [.. Enumerable.Range(0, height * width).Select(i => Box.FromCenter(((i % width) * stride) + offset, ((i / width) * stride) + offset, 8, 8))];
}
