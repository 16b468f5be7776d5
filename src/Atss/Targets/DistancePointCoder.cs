namespace Atss;

/// <summary>
/// MMDetection's <c>DistancePointBBoxCoder</c> (FCOS, GFL, TOOD): the distances <c>(l, t, r, b)</c> from the prior centre
/// to the box edges, optionally divided by the level stride (FCOS's <c>norm_on_bbox</c>) and clamped (GFL's <c>reg_max</c>).
/// </summary>
/// <remarks>
/// Encode: <c>[cx - x1, cy - y1, x2 - cx, y2 - cy]</c> with the prior centre <c>(x1 + x2) / 2</c> (the point itself for
/// point priors), then <c>/ stride</c> when <see cref="NormalizeByStride"/>, then clamped to <c>[0, (float)(MaxDistance - Epsilon)]</c>
/// when <see cref="MaxDistance"/> is set (so the bound is in stride units when normalising, as GFL uses it).
/// Decode: <c>d * stride</c> when normalising, then <c>[cx - l, cy - t, cx + r, cy + b]</c>; no clipping to the image.
/// </remarks>
public sealed class DistancePointCoder : BoxCoder
{
    private readonly float _bound;

    /// <summary>Creates a coder without clamp or stride normalisation (MMDetection's default).</summary>
    public DistancePointCoder()
        : this(null)
    {
    }

    /// <summary>Creates a coder.</summary>
    /// <param name="maxDistance">When set, encoded distances are clamped to <c>[0, maxDistance - epsilon]</c> (<c>max_dis</c>).</param>
    /// <param name="epsilon">Subtracted from <paramref name="maxDistance"/> (<c>eps</c>, default 0.1); the bound is computed in float64 and rounded once.</param>
    /// <param name="normalizeByStride">Whether distances are in units of the prior's level stride (FCOS <c>norm_on_bbox</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDistance"/> or <paramref name="epsilon"/> is not finite, or the bound <c>maxDistance - epsilon</c> is negative.</exception>
    public DistancePointCoder(double? maxDistance, double epsilon = 0.1, bool normalizeByStride = false)
    {
        if (!double.IsFinite(epsilon))
        {
            ThrowHelper.ThrowOutOfRange(nameof(epsilon), epsilon, "a finite value");
        }

        if (maxDistance is double max && !(double.IsFinite(max) && max - epsilon >= 0))
        {
            ThrowHelper.ThrowOutOfRange(nameof(maxDistance), max, "a finite value with maxDistance - epsilon >= 0, or null");
        }

        MaxDistance = maxDistance;
        Epsilon = epsilon;
        NormalizeByStride = normalizeByStride;
        _bound = maxDistance is double m ? (float)(m - epsilon) : float.PositiveInfinity;
    }

    /// <summary>The clamp <c>max_dis</c>, or <see langword="null"/> for none.</summary>
    public double? MaxDistance { get; }

    /// <summary>Subtracted from <see cref="MaxDistance"/>.</summary>
    public double Epsilon { get; }

    /// <summary>Whether distances are divided by the prior's level stride.</summary>
    public bool NormalizeByStride { get; }

    /// <inheritdoc />
    public override bool UsesStrides => NormalizeByStride;

    internal override void EncodeCore(in Box prior, in Box gt, float stride, Span<float> destination)
    {
        float cx = prior.CenterX;
        float cy = prior.CenterY;
        destination[0] = Finish(cx - gt.X1, stride);
        destination[1] = Finish(cy - gt.Y1, stride);
        destination[2] = Finish(gt.X2 - cx, stride);
        destination[3] = Finish(gt.Y2 - cy, stride);
    }

    internal override Box DecodeCore(in Box prior, ReadOnlySpan<float> delta, float stride)
    {
        float cx = prior.CenterX;
        float cy = prior.CenterY;
        float s = NormalizeByStride ? stride : 1f;
        return new Box(cx - (delta[0] * s), cy - (delta[1] * s), cx + (delta[2] * s), cy + (delta[3] * s));
    }

    private float Finish(float distance, float stride)
    {
        if (NormalizeByStride)
        {
            distance /= stride;
        }

        // Clamp only when a bound is set: an unbounded coder keeps negative distances, like the reference.
        return MaxDistance is null ? distance : MathF.Min(MathF.Max(distance, 0f), _bound);
    }
}
