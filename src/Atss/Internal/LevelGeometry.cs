namespace Atss;

/// <summary>
/// What the grid search needs to know about one generated level: the ideal centre of anchor <c>a</c> at location
/// <c>(y, x)</c> is <c>(x * stride + OffsetX[a], y * stride + OffsetY[a])</c>, and every actual float32 centre lies
/// within <see cref="Deviation"/> of it (measured once over all priors, so rounding of large coordinates is covered).
/// </summary>
internal sealed class LevelGeometry
{
    private LevelGeometry(PriorLevelGrid grid, double[] offsetX, double[] offsetY, double deviation)
    {
        Grid = grid;
        OffsetX = offsetX;
        OffsetY = offsetY;
        Deviation = deviation;
        MinOffsetX = offsetX.Min();
        MaxOffsetX = offsetX.Max();
        MinOffsetY = offsetY.Min();
        MaxOffsetY = offsetY.Max();
    }

    public PriorLevelGrid Grid { get; }

    public double[] OffsetX { get; }

    public double[] OffsetY { get; }

    public double MinOffsetX { get; }

    public double MaxOffsetX { get; }

    public double MinOffsetY { get; }

    public double MaxOffsetY { get; }

    public double Deviation { get; }

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

        double deviation = 0;
        int p = 0;
        for (int y = 0; y < grid.Height; y++)
        {
            double sy = (double)y * grid.StrideY;
            for (int x = 0; x < grid.Width; x++)
            {
                double sx = (double)x * grid.StrideX;
                for (int i = 0; i < a; i++, p++)
                {
                    deviation = Math.Max(deviation, Math.Abs(cx[p] - (sx + offX[i])));
                    deviation = Math.Max(deviation, Math.Abs(cy[p] - (sy + offY[i])));
                }
            }
        }

        return new LevelGeometry(grid, offX, offY, deviation);
    }
}
