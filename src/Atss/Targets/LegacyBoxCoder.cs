namespace Atss;

/// <summary>
/// The ATSS paper's <c>BoxCoder</c> with <c>REGRESSION_TYPE='BOX'</c>: weighted centre offsets and log size ratios in the
/// legacy "+1 pixel" convention (width = x2 - x1 + 1, centre = (x1 + x2) / 2).
/// </summary>
/// <remarks>
/// Encode: <c>dx = (wx * (gcx - acx)) / aw</c>, <c>dw = ww * log(gw / aw)</c> (same for y, h). Decode:
/// <c>cx = (dx / wx) * aw + acx</c>, <c>w = exp(min(dw / ww, log(1000 / 16))) * aw</c>, box
/// <c>[cx - 0.5 (w - 1), cx + 0.5 (w - 1)]</c>.
/// </remarks>
public sealed class LegacyBoxCoder : BoxCoder
{
    private static readonly float s_maxLogRatio = (float)Math.Log(1000.0 / 16.0);

    /// <summary>Creates a coder with the paper's weights 10, 10, 5, 5.</summary>
    public LegacyBoxCoder()
        : this(10f, 10f, 5f, 5f)
    {
    }

    /// <summary>Creates a coder.</summary>
    /// <param name="weightX">Weight of the x offset.</param>
    /// <param name="weightY">Weight of the y offset.</param>
    /// <param name="weightWidth">Weight of the log width ratio.</param>
    /// <param name="weightHeight">Weight of the log height ratio.</param>
    /// <exception cref="ArgumentOutOfRangeException">A weight is not finite or not positive.</exception>
    public LegacyBoxCoder(float weightX, float weightY, float weightWidth, float weightHeight)
    {
        ThrowIfNotPositive(weightX, nameof(weightX));
        ThrowIfNotPositive(weightY, nameof(weightY));
        ThrowIfNotPositive(weightWidth, nameof(weightWidth));
        ThrowIfNotPositive(weightHeight, nameof(weightHeight));
        WeightX = weightX;
        WeightY = weightY;
        WeightWidth = weightWidth;
        WeightHeight = weightHeight;
    }

    /// <summary>Weight of the x offset.</summary>
    public float WeightX { get; }

    /// <summary>Weight of the y offset.</summary>
    public float WeightY { get; }

    /// <summary>Weight of the log width ratio.</summary>
    public float WeightWidth { get; }

    /// <summary>Weight of the log height ratio.</summary>
    public float WeightHeight { get; }

    internal override void EncodeCore(in Box prior, in Box gt, float stride, Span<float> destination)
    {
        float aw = (prior.X2 - prior.X1) + 1f;
        float ah = (prior.Y2 - prior.Y1) + 1f;
        float acx = (prior.X2 + prior.X1) / 2f;
        float acy = (prior.Y2 + prior.Y1) / 2f;
        float gw = (gt.X2 - gt.X1) + 1f;
        float gh = (gt.Y2 - gt.Y1) + 1f;
        float gcx = (gt.X2 + gt.X1) / 2f;
        float gcy = (gt.Y2 + gt.Y1) / 2f;
        destination[0] = (WeightX * (gcx - acx)) / aw;
        destination[1] = (WeightY * (gcy - acy)) / ah;
        destination[2] = WeightWidth * MathF.Log(gw / aw);
        destination[3] = WeightHeight * MathF.Log(gh / ah);
    }

    internal override Box DecodeCore(in Box prior, ReadOnlySpan<float> delta, float stride)
    {
        float aw = (prior.X2 - prior.X1) + 1f;
        float ah = (prior.Y2 - prior.Y1) + 1f;
        float acx = (prior.X2 + prior.X1) / 2f;
        float acy = (prior.Y2 + prior.Y1) / 2f;
        float dw = MathF.Min(delta[2] / WeightWidth, s_maxLogRatio);
        float dh = MathF.Min(delta[3] / WeightHeight, s_maxLogRatio);
        float cx = ((delta[0] / WeightX) * aw) + acx;
        float cy = ((delta[1] / WeightY) * ah) + acy;
        float w = MathF.Exp(dw) * aw;
        float h = MathF.Exp(dh) * ah;
        return new Box(cx - (0.5f * (w - 1f)), cy - (0.5f * (h - 1f)), cx + (0.5f * (w - 1f)), cy + (0.5f * (h - 1f)));
    }

    private static void ThrowIfNotPositive(float value, string paramName)
    {
        if (!(float.IsFinite(value) && value > 0f))
        {
            ThrowHelper.ThrowOutOfRange(paramName, value, "a finite value > 0");
        }
    }
}
