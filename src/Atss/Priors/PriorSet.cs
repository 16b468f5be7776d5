using System.Globalization;

namespace Atss;

/// <summary>
/// The priors (anchor boxes or points) of one image size, concatenated over FPN levels in the references' order:
/// level by level, row-major within a level, the anchors of one location adjacent. Immutable and thread-safe;
/// build it once per image size and reuse it for every image and training step.
/// </summary>
/// <remarks>
/// Points are stored as zero-size boxes <c>[x, y, x, y]</c>, so their centre is the point itself.
/// Construction converts the boxes once to structure-of-arrays centres for the SIMD kernels: O(N) time and memory.
/// Sets made by the library's generators or by <see cref="FromGrid"/> also remember each level's grid
/// (<see cref="GetGrid"/>), which lets assigners find nearest centres from the geometry instead of scanning every prior.
/// </remarks>
public sealed class PriorSet
{
    private readonly Box[] _boxes;
    private readonly int[] _levelCounts;
    private readonly int[] _levelStarts;
    private readonly PriorLevelGrid[]? _grids;

    internal PriorSet(Box[] boxes, int[] levelCounts, int anchorsPerLocation, PriorLevelGrid[]? grids, bool arePoints)
    {
        _boxes = boxes;
        _levelCounts = levelCounts;
        _levelStarts = new int[levelCounts.Length + 1];
        for (int l = 0; l < levelCounts.Length; l++)
        {
            _levelStarts[l + 1] = _levelStarts[l] + levelCounts[l];
        }

        _grids = grids;

        AnchorsPerLocation = anchorsPerLocation;
        ArePoints = arePoints;
        CenterX = new float[boxes.Length];
        CenterY = new float[boxes.Length];
        for (int i = 0; i < boxes.Length; i++)
        {
            CenterX[i] = boxes[i].CenterX;
            CenterY[i] = boxes[i].CenterY;
        }

        if (grids is not null)
        {
            Geometry = new LevelGeometry?[grids.Length];
            for (int l = 0; l < grids.Length; l++)
            {
                Geometry[l] = LevelGeometry.Measure(grids[l], CenterX.AsSpan(_levelStarts[l], levelCounts[l]), CenterY.AsSpan(_levelStarts[l], levelCounts[l]));
            }

            BlockLevels = BlockLevel.ForAll(Geometry, StartOf, _boxes);
        }
    }

    /// <summary>Number of priors N over all levels.</summary>
    public int Count => _boxes.Length;

    /// <summary>Number of FPN levels L.</summary>
    public int LevelCount => _levelCounts.Length;

    /// <summary>
    /// Priors per grid location (A): 1 for points and single-anchor configurations, 9 for RetinaNet.
    /// The legacy ATSS convention multiplies top-k by it.
    /// </summary>
    public int AnchorsPerLocation { get; }

    /// <summary>Whether the priors are points (zero-size boxes) rather than anchor boxes.</summary>
    public bool ArePoints { get; }

    /// <summary>Whether every level carries its generating grid (true for sets made by the library's generators and by <see cref="FromGrid"/>).</summary>
    public bool HasGrids => _grids is not null;

    /// <summary>All priors, level 0 first.</summary>
    public ReadOnlySpan<Box> Boxes => _boxes;

    /// <summary>Number of priors on each level (MMDetection's <c>num_level_priors</c>).</summary>
    public ReadOnlySpan<int> LevelCounts => _levelCounts;

    internal float[] CenterX { get; }

    internal float[] CenterY { get; }

    internal PriorLevelGrid[]? Grids => _grids;

    /// <summary>Per-level grid geometry for the window search; null for caller-supplied priors.</summary>
    internal LevelGeometry?[]? Geometry { get; }

    /// <summary>Per level, the block search's view (<see cref="BlockLevel.Fits"/> says which levels use it); null when no level can.</summary>
    internal BlockLevel[]? BlockLevels { get; }

    /// <summary>Index of the first prior of <paramref name="level"/>.</summary>
    /// <param name="level">Level index, 0-based.</param>
    /// <returns>The start offset into <see cref="Boxes"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not in [0, <see cref="LevelCount"/>).</exception>
    public int LevelStart(int level)
    {
        ThrowHelper.ThrowIfOutOfRange(level, 0, LevelCount - 1, nameof(level));
        return _levelStarts[level];
    }

    /// <summary>The priors of one level.</summary>
    /// <param name="level">Level index, 0-based.</param>
    /// <returns>A view of that level's priors.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not in [0, <see cref="LevelCount"/>).</exception>
    public ReadOnlySpan<Box> Level(int level)
    {
        ThrowHelper.ThrowIfOutOfRange(level, 0, LevelCount - 1, nameof(level));
        return _boxes.AsSpan(_levelStarts[level], _levelCounts[level]);
    }

    /// <summary>The grid a level was generated on, or <see langword="null"/> for caller-supplied priors.</summary>
    /// <param name="level">Level index, 0-based.</param>
    /// <returns>The level's grid, if known.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not in [0, <see cref="LevelCount"/>).</exception>
    public PriorLevelGrid? GetGrid(int level)
    {
        ThrowHelper.ThrowIfOutOfRange(level, 0, LevelCount - 1, nameof(level));
        return _grids?[level];
    }

    /// <summary>
    /// Writes each prior's level stride: the per-prior strides that stride-normalising coders
    /// (<see cref="BoxCoder.UsesStrides"/>) take in <see cref="BoxCoder.Encode(ReadOnlySpan{Box}, ReadOnlySpan{Box}, ReadOnlySpan{float}, Span{float})"/>
    /// and <see cref="BoxCoder.Decode(ReadOnlySpan{Box}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{Box})"/>. O(N), no allocation.
    /// </summary>
    /// <param name="destination">At least <see cref="Count"/> values; the first <see cref="Count"/> are written.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Count"/>.</exception>
    /// <exception cref="InvalidOperationException">The set has no grids (<see cref="FromBoxes"/>), or a level's x and y
    /// strides differ (one stride per prior cannot describe it).</exception>
    public void CopyStridesTo(Span<float> destination)
    {
        ThrowHelper.ThrowIfTooShort(destination.Length, Count, nameof(destination));
        if (SingleStrideProblem() is string problem)
        {
            ThrowHelper.ThrowInvalidOperation($"This prior set {problem}.");
        }

        for (int l = 0; l < _grids!.Length; l++)
        {
            destination.Slice(_levelStarts[l], _levelCounts[l]).Fill(_grids[l].StrideX);
        }
    }

    /// <summary>
    /// Why one stride per prior cannot describe this set (it has no grids, or a level's x and y strides differ), as a
    /// predicate for "this prior set ..."; null when it can. Shared by <see cref="CopyStridesTo"/> and the stride-normalising
    /// target builder, which check it before writing anything.
    /// </summary>
    internal string? SingleStrideProblem()
    {
        if (_grids is null)
        {
            return "has no grids (PriorSet.FromBoxes), so its strides are unknown; use a generator or PriorSet.FromGrid";
        }

        for (int l = 0; l < _grids.Length; l++)
        {
            PriorLevelGrid grid = _grids[l];
            if (grid.StrideX != grid.StrideY)
            {
                return string.Create(CultureInfo.InvariantCulture, $"has strides {grid.StrideX} x {grid.StrideY} on level {l}, and one stride per prior needs equal x and y strides");
            }
        }

        return null;
    }

    /// <summary>The level that prior <paramref name="priorIndex"/> belongs to.</summary>
    /// <param name="priorIndex">Prior index in [0, <see cref="Count"/>).</param>
    /// <returns>The level index.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="priorIndex"/> is out of range.</exception>
    public int LevelOf(int priorIndex)
    {
        ThrowHelper.ThrowIfOutOfRange(priorIndex, 0, Count - 1, nameof(priorIndex));
        int level = 0;
        while (priorIndex >= _levelStarts[level + 1])
        {
            level++;
        }

        return level;
    }

    internal int StartOf(int level) => _levelStarts[level];

    /// <summary>
    /// Wraps caller-supplied priors (for example anchors produced by another framework) with their per-level counts.
    /// The set has no grid, so assigners use the general scanning path; priors generated on grids should use
    /// <see cref="FromGrid"/> instead, which is much faster to assign.
    /// </summary>
    /// <remarks>The priors are copied once and validated: O(N).</remarks>
    /// <param name="priors">All priors, level 0 first, in the order the caller's detector uses.</param>
    /// <param name="priorsPerLevel">Number of priors on each level; must sum to <c>priors.Length</c>.</param>
    /// <param name="anchorsPerLocation">Priors per location (A), used only by the legacy top-k convention (k x A candidates
    /// per level, clamped to the level); any positive value is accepted.</param>
    /// <returns>The prior set.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="priorsPerLevel"/> is empty, has a negative entry or does not sum to the prior count;
    /// a prior has a NaN or infinite coordinate, exceeds <see cref="PriorAssigner.MaxCoordinate"/> in magnitude, or is
    /// inverted (x2 &lt; x1 or y2 &lt; y1).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="anchorsPerLocation"/> is less than 1.</exception>
    public static PriorSet FromBoxes(ReadOnlySpan<Box> priors, ReadOnlySpan<int> priorsPerLevel, int anchorsPerLocation = 1)
    {
        ThrowHelper.ThrowIfLessThan(anchorsPerLocation, 1, nameof(anchorsPerLocation));

        // Copies first, then validates the copies: the caller's memory may change meanwhile (another thread), the set
        // may not.
        int[] counts = priorsPerLevel.ToArray();
        ValidateLevelCounts(priors.Length, counts, nameof(priorsPerLevel));
        Box[] boxes = priors.ToArray();
        Validation.ValidateBoxes(boxes, nameof(priors));
        return new PriorSet(boxes, counts, anchorsPerLocation, grids: null, arePoints: false);
    }

    /// <summary>
    /// Wraps caller-supplied priors that were generated on regular grids (as nearly every detector's anchor or point
    /// generator does), together with those grids, so that assigners take the grid path (a small window per level and
    /// box instead of a scan of every prior) exactly as for the library's own generators. The priors must be in the
    /// generators' order: level by level, row-major, the A priors of one location adjacent.
    /// </summary>
    /// <remarks>
    /// O(N): the priors are copied and validated, and each level's largest distance from its grid (per-anchor offsets
    /// taken from the first location) is measured once. Results are exact whatever that distance (the grid search proves
    /// its candidates against it); half a stride or more along an axis (that axis's stride) is rejected as a layout mistake, because the search would then
    /// be slow (priors that are not on a grid, such as anchors clipped to the image, belong in <see cref="FromBoxes"/>). Priors are stored as boxes: <see cref="ArePoints"/> is false, as for <see cref="FromBoxes"/>.
    /// </remarks>
    /// <param name="priors">All priors in the generators' order.</param>
    /// <param name="grids">One grid per level: feature-map size, strides and priors per location (the same on every level).</param>
    /// <returns>The prior set, with <see cref="GetGrid"/> returning <paramref name="grids"/>.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="grids"/> is empty, has a negative size, a stride or a priors-per-location below 1, differing
    /// priors per location, a level larger than an array can hold, or counts that do not sum to <c>priors.Length</c>;
    /// a prior has a NaN or infinite coordinate, is inverted or exceeds <see cref="PriorAssigner.MaxCoordinate"/> in
    /// magnitude; or some level's centres lie half a stride or more from their grid positions along x or y (the priors are not in
    /// the stated layout).
    /// </exception>
    public static PriorSet FromGrid(ReadOnlySpan<Box> priors, ReadOnlySpan<PriorLevelGrid> grids)
        => FromGridCopies(priors.ToArray(), grids.ToArray());

    // FromGrid on copies of the caller's memory (validated here, so a concurrent change cannot slip past the checks).
    private static PriorSet FromGridCopies(Box[] priors, PriorLevelGrid[] grids)
    {
        if (grids.Length == 0)
        {
            ThrowHelper.ThrowArgument(nameof(grids), "must list at least one level.");
        }

        var counts = new int[grids.Length];
        int anchors = grids[0].AnchorsPerLocation;
        for (int l = 0; l < grids.Length; l++)
        {
            PriorLevelGrid g = grids[l];
            if (g.Height < 0 || g.Width < 0 || g.StrideX < 1 || g.StrideY < 1 || g.AnchorsPerLocation < 1)
            {
                ThrowHelper.ThrowArgument(nameof(grids), $"has {g} at level {l}; sizes must be >= 0, strides and priors per location >= 1.");
            }

            if (g.AnchorsPerLocation != anchors)
            {
                ThrowHelper.ThrowArgument(nameof(grids), $"has {g.AnchorsPerLocation} priors per location at level {l} but {anchors} at level 0; they must be equal.");
            }

            if ((long)g.Height * g.Width > Array.MaxLength / g.AnchorsPerLocation)
            {
                ThrowHelper.ThrowArgument(nameof(grids), $"has {g.Count} priors at level {l}; at most {Array.MaxLength} fit.");
            }

            counts[l] = (int)g.Count;
        }

        ValidateLevelCounts(priors.Length, counts, nameof(grids));
        Validation.ValidateBoxes(priors, nameof(priors));
        var set = new PriorSet(priors, counts, anchors, grids, arePoints: false);
        for (int l = 0; l < grids.Length; l++)
        {
            // Each axis against its own stride.
            if (set.Geometry![l] is LevelGeometry geo && !(geo.DeviationX < grids[l].StrideX / 2.0 && geo.DeviationY < grids[l].StrideY / 2.0))
            {
                ThrowHelper.ThrowArgument(nameof(priors), string.Create(CultureInfo.InvariantCulture, $"do not follow the grid of level {l} ({grids[l]}): a centre lies {geo.DeviationX:G6} px (x) and {geo.DeviationY:G6} px (y) from its grid position (half a stride or more on an axis); expected row-major order with the priors of one location adjacent (priors that are not on a grid, such as anchors clipped to the image, belong in FromBoxes)."));
            }
        }

        return set;
    }

    /// <summary>
    /// Square anchors of side <paramref name="sizeInStrides"/> x stride centred on every prior's centre, with the same
    /// levels, order and grids: how MMYOLO (YOLOv6) and PaddleDetection (PP-YOLOE) turn point priors into boxes for ATSS.
    /// </summary>
    /// <remarks>
    /// Half-size <c>h = stride * (sizeInStrides * 0.5f)</c> in float32 (stride 8, size 5: <c>8 * 2.5f = 20</c>), box
    /// <c>[cx - h_x, cy - h_y, cx + h_x, cy + h_y]</c> with the level's horizontal and vertical strides; for grid points
    /// the new box's centre <c>(x1 + x2) / 2</c> is the point itself. O(N).
    /// </remarks>
    /// <param name="sizeInStrides">Side length in units of the level stride (5 in MMYOLO and PaddleDetection).</param>
    /// <returns>A new prior set of anchor boxes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sizeInStrides"/> is not finite or not positive.</exception>
    /// <exception cref="InvalidOperationException">The set has no grids (it was made by <see cref="FromBoxes"/>), so its strides are unknown.</exception>
    public PriorSet ToSquareAnchors(float sizeInStrides)
    {
        if (!(float.IsFinite(sizeInStrides) && sizeInStrides > 0f))
        {
            ThrowHelper.ThrowOutOfRange(nameof(sizeInStrides), sizeInStrides, "a finite value > 0");
        }

        if (_grids is null)
        {
            ThrowHelper.ThrowInvalidOperation("This prior set has no grids, so its level strides are unknown; square anchors need priors made by a generator or PriorSet.FromGrid.");
        }

        float halfInStrides = sizeInStrides * 0.5f;
        for (int l = 0; l < _levelCounts.Length; l++)
        {
            ReadOnlySpan<float> cx = CenterX.AsSpan(_levelStarts[l], _levelCounts[l]);
            ReadOnlySpan<float> cy = CenterY.AsSpan(_levelStarts[l], _levelCounts[l]);
            // Every centre, not just the first and last: sets from FromGrid need not be monotone.
            double farthest = 0;
            for (int i = 0; i < cx.Length; i++)
            {
                farthest = Math.Max(farthest, Math.Max(Math.Abs((double)cx[i]), Math.Abs((double)cy[i])));
            }

            double reach = (Math.Max(_grids[l].StrideX, _grids[l].StrideY) * (double)halfInStrides) + farthest;
            if (!(reach <= PriorAssigner.MaxCoordinate))
            {
                ThrowHelper.ThrowOutOfRange(nameof(sizeInStrides), sizeInStrides, $"a size that keeps level {l}'s squares within +-{PriorAssigner.MaxCoordinate}");
            }
        }

        var boxes = new Box[_boxes.Length];
        for (int l = 0; l < _levelCounts.Length; l++)
        {
            float halfX = _grids[l].StrideX * halfInStrides;
            float halfY = _grids[l].StrideY * halfInStrides;
            for (int i = _levelStarts[l]; i < _levelStarts[l + 1]; i++)
            {
                float cx = CenterX[i];
                float cy = CenterY[i];
                boxes[i] = new Box(cx - halfX, cy - halfY, cx + halfX, cy + halfY);
            }
        }

        return new PriorSet(boxes, _levelCounts, AnchorsPerLocation, _grids, arePoints: false);
    }

    internal static void ValidateLevelCounts(int priorCount, ReadOnlySpan<int> priorsPerLevel, string paramName)
    {
        if (priorsPerLevel.IsEmpty)
        {
            ThrowHelper.ThrowArgument(paramName, "must list at least one level (use a single 0 for an empty set).");
        }

        long sum = 0;
        for (int l = 0; l < priorsPerLevel.Length; l++)
        {
            if (priorsPerLevel[l] < 0)
            {
                ThrowHelper.ThrowArgument(paramName, $"has a negative count {priorsPerLevel[l]} at level {l}; counts must be >= 0.");
            }

            sum += priorsPerLevel[l];
        }

        if (sum != priorCount)
        {
            ThrowHelper.ThrowArgument(paramName, $"sums to {sum}, but there are {priorCount} priors; the counts must sum to the prior count.");
        }
    }
}
