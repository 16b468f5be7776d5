namespace Atss;

/// <summary>
/// The ATSS paper's <c>BoxCoder</c> with <c>REGRESSION_TYPE='POINT'</c>: the distances from the anchor centre to the box
/// edges, scaled by <c>w / anchor width</c>, in the legacy "+1 pixel" convention.
/// </summary>
/// <remarks>
/// Encode: <c>l = (w * (acx - x1)) / aw</c>, <c>t = (w * (acy - y1)) / ah</c>, <c>r = (w * (x2 - acx)) / aw</c>,
/// <c>b = (w * (y2 - acy)) / ah</c> with <c>aw = x2 - x1 + 1</c> and <c>acx = (x1 + x2) / 2</c> of the anchor.
/// Decode: <c>x1 = acx - (l / w) * aw</c>, <c>x2 = acx + (r / w) * aw</c> (same for y).
/// </remarks>
public sealed class LegacyPointCoder : BoxCoder
{
    /// <summary>Creates a coder with the paper's scale <c>w = anchor size / stride</c> of the first level (64 / 8 = 8).</summary>
    public LegacyPointCoder()
        : this(8f)
    {
    }

    /// <summary>Creates a coder.</summary>
    /// <param name="scale">The factor <c>w</c> (<c>ANCHOR_SIZES[0] / ANCHOR_STRIDES[0]</c> in the paper's config).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not finite or not positive.</exception>
    public LegacyPointCoder(float scale)
    {
        if (!(float.IsFinite(scale) && scale > 0f))
        {
            ThrowHelper.ThrowOutOfRange(nameof(scale), scale, "a finite value > 0");
        }

        Scale = scale;
    }

    /// <summary>The factor <c>w</c>.</summary>
    public float Scale { get; }

    internal override void EncodeCore(in Box prior, in Box gt, float stride, Span<float> destination)
    {
        float aw = (prior.X2 - prior.X1) + 1f;
        float ah = (prior.Y2 - prior.Y1) + 1f;
        float acx = (prior.X2 + prior.X1) / 2f;
        float acy = (prior.Y2 + prior.Y1) / 2f;
        destination[0] = (Scale * (acx - gt.X1)) / aw;
        destination[1] = (Scale * (acy - gt.Y1)) / ah;
        destination[2] = (Scale * (gt.X2 - acx)) / aw;
        destination[3] = (Scale * (gt.Y2 - acy)) / ah;
    }

    internal override Box DecodeCore(in Box prior, ReadOnlySpan<float> delta, float stride)
    {
        float aw = (prior.X2 - prior.X1) + 1f;
        float ah = (prior.Y2 - prior.Y1) + 1f;
        float acx = (prior.X2 + prior.X1) / 2f;
        float acy = (prior.Y2 + prior.Y1) / 2f;
        return new Box(
            acx - ((delta[0] / Scale) * aw),
            acy - ((delta[1] / Scale) * ah),
            acx + ((delta[2] / Scale) * aw),
            acy + ((delta[3] / Scale) * ah));
    }
}
