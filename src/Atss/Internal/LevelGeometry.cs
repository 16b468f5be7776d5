using System.Runtime.Intrinsics;

namespace Atss;

/// <summary>
/// What the grid search needs to know about one generated level: the ideal centre of anchor <c>a</c> at location
/// <c>(y, x)</c> is <c>(x * stride + OffsetX[a], y * stride + OffsetY[a])</c>, and every actual float32 centre lies
/// within <see cref="Deviation"/> of it (measured once over all priors, so rounding of large coordinates is covered).
/// </summary>
internal sealed class LevelGeometry
{
    private LevelGeometry(PriorLevelGrid grid, double[] offsetX, double[] offsetY, double deviationX, double deviationY, float[]? sharedCenterX, float[]? sharedCenterY)
    {
        SharedCenterX = sharedCenterX;
        SharedCenterY = sharedCenterY;
        double deviation = Math.Max(deviationX, deviationY);
        Grid = grid;
        OffsetX = offsetX;
        OffsetY = offsetY;
        Deviation = deviation;
        DeviationX = deviationX;
        DeviationY = deviationY;
        MinOffsetX = offsetX.Min();
        MaxOffsetX = offsetX.Max();
        MinOffsetY = offsetY.Min();
        MaxOffsetY = offsetY.Max();
        ExtentMinX = MinOffsetX - deviation;
        ExtentMaxX = ((grid.Width - 1) * (double)grid.StrideX) + MaxOffsetX + deviation;
        ExtentMinY = MinOffsetY - deviation;
        ExtentMaxY = ((grid.Height - 1) * (double)grid.StrideY) + MaxOffsetY + deviation;
        CellOriginX = (float)((MinOffsetX + MaxOffsetX) / 2);
        CellOriginY = (float)((MinOffsetY + MaxOffsetY) / 2);
        InverseStrideX = 1f / grid.StrideX;
        InverseStrideY = 1f / grid.StrideY;
        FitsBlock4x4 = grid.AnchorsPerLocation == 1 && grid.Width >= 4 && grid.Height >= 4;
        BeforeBlockX = MaxOffsetX + deviation - grid.StrideX;
        AfterBlockX = (4.0 * grid.StrideX) + MinOffsetX - deviation;
        BeforeBlockY = MaxOffsetY + deviation - grid.StrideY;
        AfterBlockY = (4.0 * grid.StrideY) + MinOffsetY - deviation;
    }

    public PriorLevelGrid Grid { get; }

    public double[] OffsetX { get; }

    public double[] OffsetY { get; }

    public double MinOffsetX { get; }

    public double MaxOffsetX { get; }

    public double MinOffsetY { get; }

    public double MaxOffsetY { get; }

    /// <summary>The largest of <see cref="DeviationX"/> and <see cref="DeviationY"/> (what the proofs use).</summary>
    public double Deviation { get; }

    /// <summary>How far any actual centre lies from its ideal position along x (y), in pixels.</summary>
    public double DeviationX { get; }

    /// <inheritdoc cref="DeviationX"/>
    public double DeviationY { get; }

    /// <summary>Smallest and largest possible centre x of the level (deviation included).</summary>
    public double ExtentMinX { get; }

    /// <inheritdoc cref="ExtentMinX"/>
    public double ExtentMaxX { get; }

    /// <summary>Smallest and largest possible centre y of the level (deviation included).</summary>
    public double ExtentMinY { get; }

    /// <inheritdoc cref="ExtentMinY"/>
    public double ExtentMaxY { get; }

    /// <summary>Where column 0 (row 0) sits, and 1 / stride: enough to pick a window's cell. The choice only affects speed;
    /// the window's proof decides correctness.</summary>
    public float CellOriginX { get; }

    /// <inheritdoc cref="CellOriginX"/>
    public float CellOriginY { get; }

    /// <inheritdoc cref="CellOriginX"/>
    public float InverseStrideX { get; }

    /// <inheritdoc cref="CellOriginX"/>
    public float InverseStrideY { get; }

    /// <summary>A 4-column block starting at column x0 has its nearest outside centres at most at
    /// <c>x0 * stride + BeforeBlockX</c> (left) and at least at <c>x0 * stride + AfterBlockX</c> (right).</summary>
    public double BeforeBlockX { get; }

    /// <inheritdoc cref="BeforeBlockX"/>
    public double AfterBlockX { get; }

    /// <summary>As <see cref="BeforeBlockX"/>, for rows.</summary>
    public double BeforeBlockY { get; }

    /// <inheritdoc cref="BeforeBlockY"/>
    public double AfterBlockY { get; }

    /// <summary>
    /// Multi-anchor levels: the centre that every anchor of location <c>(y, x)</c> has, bit for bit, at <c>y * Width + x</c>,
    /// or NaN where the anchors' centres differ (rounding). A 4 x 4 block without NaN is ranked by its locations' shared
    /// centres; other windows rank whole locations only when their anchors' distances allow it (see
    /// <see cref="Kernels.TrySelectNearestGroups"/>). Null for single-anchor levels.
    /// </summary>
    public float[]? SharedCenterX { get; }

    /// <inheritdoc cref="SharedCenterX"/>
    public float[]? SharedCenterY { get; }

    /// <summary>Whether every location of the 4 x 4 block from column x0, row y0 has a shared centre (no NaN).</summary>
    public bool SharesCenters(int x0, int y0)
    {
        if (SharedCenterX is not float[] shared)
        {
            return false;
        }

        Vector128<float> all = Vector128<float>.Zero;
        for (int first = (y0 * Grid.Width) + x0, r = 0; r < 4; r++, first += Grid.Width)
        {
            // NaN propagates through the sum, and only NaN is not equal to itself.
            all += Vector128.Create(shared.AsSpan(first, 4));
        }

        return Vector128.EqualsAll(all, all);
    }

    /// <summary>One anchor per location and at least 4 x 4 locations: the level's candidates can come from a 4 x 4 block.</summary>
    public bool FitsBlock4x4 { get; }

    /// <summary>Measures a level in O(n_l); returns null for an empty level.</summary>
    public static LevelGeometry? Measure(PriorLevelGrid grid, ReadOnlySpan<float> cx, ReadOnlySpan<float> cy)
    {
        int a = grid.AnchorsPerLocation;
        if (grid.Count == 0)
        {
            return null;
        }

        var offX = new double[a];
        var offY = new double[a];
        for (int i = 0; i < a; i++)
        {
            offX[i] = cx[i];
            offY[i] = cy[i];
        }

        double deviationX = 0;
        double deviationY = 0;
        float[]? sharedX = a > 1 ? new float[grid.Width * grid.Height] : null;
        float[]? sharedY = a > 1 ? new float[grid.Width * grid.Height] : null;
        int p = 0;
        for (int y = 0, location = 0; y < grid.Height; y++)
        {
            double sy = (double)y * grid.StrideY;
            for (int x = 0; x < grid.Width; x++, location++)
            {
                double sx = (double)x * grid.StrideX;
                bool shared = true;
                for (int i = 0; i < a; i++, p++)
                {
                    deviationX = Math.Max(deviationX, Math.Abs(cx[p] - (sx + offX[i])));
                    deviationY = Math.Max(deviationY, Math.Abs(cy[p] - (sy + offY[i])));
                    shared &= BitConverter.SingleToInt32Bits(cx[p]) == BitConverter.SingleToInt32Bits(cx[p - i]) && BitConverter.SingleToInt32Bits(cy[p]) == BitConverter.SingleToInt32Bits(cy[p - i]);
                }

                if (sharedX is not null && sharedY is not null)
                {
                    sharedX[location] = shared ? cx[p - a] : float.NaN;
                    sharedY[location] = shared ? cy[p - a] : float.NaN;
                }
            }
        }

        return new LevelGeometry(grid, offX, offY, deviationX, deviationY, sharedX, sharedY);
    }
}
