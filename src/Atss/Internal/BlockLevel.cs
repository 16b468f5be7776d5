namespace Atss;

/// <summary>
/// What the 4 x 4 block search needs about one single-anchor grid level, flattened into one struct so that the per-box
/// loop over levels reads contiguous memory (see <see cref="CandidateSearch.FindInBlocks"/>).
/// </summary>
internal readonly struct BlockLevel
{
    public BlockLevel(int start, LevelGeometry geo)
    {
        PriorLevelGrid grid = geo.Grid;
        Fits = geo.FitsBlock4x4;
        Start = start;
        Width = grid.Width;
        LastOriginX = grid.Width - 4;
        LastOriginY = grid.Height - 4;
        CellOriginX = geo.CellOriginX;
        CellOriginY = geo.CellOriginY;
        InverseStrideX = geo.InverseStrideX;
        InverseStrideY = geo.InverseStrideY;
        StrideX = grid.StrideX;
        StrideY = grid.StrideY;
        BeforeBlockX = geo.BeforeBlockX;
        AfterBlockX = geo.AfterBlockX;
        BeforeBlockY = geo.BeforeBlockY;
        AfterBlockY = geo.AfterBlockY;
        Geometry = geo;
    }

    /// <summary>Whether the level is a single-anchor grid of at least 4 x 4 locations (otherwise the other fields are unused).</summary>
    public bool Fits { get; }

    /// <summary>Index of the level's first prior.</summary>
    public int Start { get; }

    /// <summary>Locations per row (the block's row stride in priors).</summary>
    public int Width { get; }

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

    /// <summary>Grid strides.</summary>
    public double StrideX { get; }

    /// <inheritdoc cref="StrideX"/>
    public double StrideY { get; }

    /// <inheritdoc cref="LevelGeometry.BeforeBlockX"/>
    public double BeforeBlockX { get; }

    /// <inheritdoc cref="LevelGeometry.BeforeBlockX"/>
    public double AfterBlockX { get; }

    /// <inheritdoc cref="LevelGeometry.BeforeBlockX"/>
    public double BeforeBlockY { get; }

    /// <inheritdoc cref="LevelGeometry.BeforeBlockX"/>
    public double AfterBlockY { get; }

    /// <summary>The level's full geometry (for the exact bound when the quick one is not enough).</summary>
    public LevelGeometry? Geometry { get; }

    /// <summary>Every level of a generated set, if at least one level fits the block search; otherwise null.</summary>
    public static BlockLevel[]? ForAll(LevelGeometry?[]? geometry, Func<int, int> startOf)
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
                levels[l] = new BlockLevel(startOf(l), geo);
            }
        }

        return levels;
    }
}
