namespace Atss;

/// <summary>
/// What the 4 x 4 block search needs about one single-anchor grid level, flattened into one struct so that the per-box
/// loop over levels reads contiguous memory (see <see cref="CandidateSearch.FindInBlocks"/>).
/// </summary>
internal readonly struct BlockLevel
{
    public BlockLevel(int start, LevelGeometry geo, ReadOnlySpan<Box> levelBoxes)
    {
        PriorLevelGrid grid = geo.Grid;
        Fits = geo.FitsBlock4x4;
        Start = start;
        Width = grid.Width;
        Height = grid.Height;
        LastOriginX = grid.Width - 4;
        LastOriginY = grid.Height - 4;
        CellOriginX = geo.CellOriginX;
        CellOriginY = geo.CellOriginY;
        InverseStrideX = geo.InverseStrideX;
        InverseStrideY = geo.InverseStrideY;
        Geometry = geo;
        Edges = Fits ? SeparableEdges(levelBoxes, grid.Width, grid.Height) : null;
        Outside = Fits ? OutsidePositions(geo) : [];
    }

    /// <summary>Whether the level is a single-anchor grid of at least 4 x 4 locations (otherwise the other fields are unused).</summary>
    public bool Fits { get; }

    /// <summary>Index of the level's first prior.</summary>
    public int Start { get; }

    /// <summary>Locations per row (the block's row stride in priors).</summary>
    public int Width { get; }

    /// <summary>Rows of locations.</summary>
    public int Height { get; }

    /// <summary>Largest first column (row) of a block that stays inside the grid.</summary>
    public int LastOriginX { get; }

    /// <inheritdoc cref="LastOriginX"/>
    public int LastOriginY { get; }

    /// <inheritdoc cref="LevelGeometry.CellOriginX"/>
    public float CellOriginX { get; }

    /// <inheritdoc cref="LevelGeometry.CellOriginX"/>
    public float CellOriginY { get; }

    /// <inheritdoc cref="LevelGeometry.CellOriginX"/>
    public float InverseStrideX { get; }

    /// <inheritdoc cref="LevelGeometry.CellOriginX"/>
    public float InverseStrideY { get; }

    /// <summary>
    /// For a separable level (every prior of a column has the same <c>x1</c> and <c>x2</c>, every prior of a row the same
    /// <c>y1</c> and <c>y2</c>, bit for bit; the library's generators make such levels): the columns' <c>x1</c>, the
    /// columns' <c>x2</c>, the rows' <c>y1</c> and the rows' <c>y2</c>, one after the other. Null otherwise.
    /// </summary>
    public float[]? Edges { get; }

    /// <summary>
    /// Per block origin, where the nearest centres outside the block can be: for first column x0 (of W - 3), at most at
    /// <c>Outside[x0]</c> on the left and at least at <c>Outside[(W - 3) + x0]</c> on the right; then the same for rows
    /// (from <c>2 (W - 3)</c>, H - 3 each). A side with no column or row beyond it holds -Infinity (left, top) or
    /// +Infinity (right, bottom), so the quick proof needs no branch. The values are
    /// <c>x0 * stride + </c><see cref="LevelGeometry.BeforeBlockX"/> (left), <c>x0 * stride + </c>
    /// <see cref="LevelGeometry.AfterBlockX"/> (right), and the same for rows, in float64.
    /// </summary>
    public double[] Outside { get; }

    /// <summary>The level's full geometry (for the exact bound when the quick one is not enough).</summary>
    public LevelGeometry? Geometry { get; }

    /// <summary>Every level of a generated set, if at least one level fits the block search; otherwise null.</summary>
    public static BlockLevel[]? ForAll(LevelGeometry?[]? geometry, Func<int, int> startOf, ReadOnlySpan<Box> boxes)
    {
        if (geometry is null || !geometry.Any(g => g is { FitsBlock4x4: true }))
        {
            return null;
        }

        var levels = new BlockLevel[geometry.Length];
        for (int l = 0; l < geometry.Length; l++)
        {
            if (geometry[l] is LevelGeometry geo)
            {
                levels[l] = new BlockLevel(startOf(l), geo, boxes.Slice(startOf(l), (int)geo.Grid.Count));
            }
        }

        return levels;
    }

    // O(n_l) once per prior set: the edges if the level is separable, else null.
    private static float[]? SeparableEdges(ReadOnlySpan<Box> levelBoxes, int width, int height)
    {
        var edges = new float[(2 * width) + (2 * height)];
        for (int x = 0; x < width; x++)
        {
            edges[x] = levelBoxes[x].X1;
            edges[width + x] = levelBoxes[x].X2;
        }

        for (int y = 0; y < height; y++)
        {
            edges[(2 * width) + y] = levelBoxes[y * width].Y1;
            edges[(2 * width) + height + y] = levelBoxes[y * width].Y2;
        }

        for (int y = 0, p = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++, p++)
            {
                Box b = levelBoxes[p];
                if (!SameBits(b.X1, edges[x]) || !SameBits(b.X2, edges[width + x]) || !SameBits(b.Y1, edges[(2 * width) + y]) || !SameBits(b.Y2, edges[(2 * width) + height + y]))
                {
                    return null;
                }
            }
        }

        return edges;
    }

    private static bool SameBits(float a, float b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b);

    private static double[] OutsidePositions(LevelGeometry geo)
    {
        int columns = geo.Grid.Width - 3;
        int rows = geo.Grid.Height - 3;
        var outside = new double[(2 * columns) + (2 * rows)];
        FillAxis(outside.AsSpan(0, columns), outside.AsSpan(columns, columns), geo.Grid.StrideX, geo.BeforeBlockX, geo.AfterBlockX);
        FillAxis(outside.AsSpan(2 * columns, rows), outside.AsSpan((2 * columns) + rows, rows), geo.Grid.StrideY, geo.BeforeBlockY, geo.AfterBlockY);
        return outside;
    }

    // One axis of Outside: for each block origin, the nearest outside position before the block and after it.
    private static void FillAxis(Span<double> before, Span<double> after, double stride, double beforeBlock, double afterBlock)
    {
        int last = before.Length - 1;
        for (int origin = 0; origin <= last; origin++)
        {
            before[origin] = origin > 0 ? (origin * stride) + beforeBlock : double.NegativeInfinity;
            after[origin] = origin < last ? (origin * stride) + afterBlock : double.PositiveInfinity;
        }
    }
}
