using System.Globalization;

namespace Atss;

/// <summary>
/// MMDetection's <c>DeltaXYWHBBoxCoder</c>: centre offsets scaled by the prior size and log size ratios, normalised by
/// per-coordinate means and standard deviations. Continuous convention (width = x2 - x1).
/// </summary>
/// <remarks>
/// Encode: <c>d = [(gx - px) / pw, (gy - py) / ph, log(gw / pw), log(gh / ph)]</c>, then <c>(d - mean) / std</c>, with
/// centres <c>(x1 + x2) * 0.5</c>. Decode: <c>d * std + mean</c>, log ratios clamped to <c>±|log(ratioClip)|</c>,
/// <c>gx = px + pw * dx</c>, <c>gw = pw * exp(dw)</c>, box <c>gx ± gw * 0.5</c>; no clipping to the image. A prior of
/// zero width or height gives non-finite values, as in the reference.
/// </remarks>
public sealed class DeltaXywhCoder : BoxCoder
{
    private readonly float[] _means;
    private readonly float[] _stds;
    private readonly float _maxLogRatio;

    /// <summary>Creates a coder with MMDetection's defaults: means 0, standard deviations 1, ratio clip 16/1000.</summary>
    public DeltaXywhCoder()
        : this([0f, 0f, 0f, 0f], [1f, 1f, 1f, 1f])
    {
    }

    /// <summary>Creates a coder.</summary>
    /// <param name="means">Four means (<c>target_means</c>), subtracted after encoding.</param>
    /// <param name="stds">Four standard deviations (<c>target_stds</c>), divided by after encoding; must be finite and non-zero.</param>
    /// <param name="widthHeightRatioClip">Decode clamps log size ratios to <c>±|log(clip)|</c> (<c>wh_ratio_clip</c>, default 16/1000); in (0, 1).</param>
    /// <exception cref="ArgumentException"><paramref name="means"/> or <paramref name="stds"/> does not hold four finite values, or a deviation is zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="widthHeightRatioClip"/> is not in (0, 1).</exception>
    public DeltaXywhCoder(ReadOnlySpan<float> means, ReadOnlySpan<float> stds, double widthHeightRatioClip = 16.0 / 1000.0)
    {
        ValidateFour(means, nameof(means), allowZero: true);
        ValidateFour(stds, nameof(stds), allowZero: false);
        if (!(widthHeightRatioClip > 0 && widthHeightRatioClip < 1))
        {
            ThrowHelper.ThrowOutOfRange(nameof(widthHeightRatioClip), widthHeightRatioClip, "a value in (0, 1)");
        }

        _means = means.ToArray();
        _stds = stds.ToArray();
        WidthHeightRatioClip = widthHeightRatioClip;
        _maxLogRatio = (float)Math.Abs(Math.Log(widthHeightRatioClip));
    }

    /// <summary>The ATSS / RetinaNet configuration of MMDetection: means 0, standard deviations 0.1, 0.1, 0.2, 0.2.</summary>
    public static DeltaXywhCoder Atss { get; } = new([0f, 0f, 0f, 0f], [0.1f, 0.1f, 0.2f, 0.2f]);

    /// <summary>The four means.</summary>
    public ReadOnlySpan<float> Means => _means;

    /// <summary>The four standard deviations.</summary>
    public ReadOnlySpan<float> Stds => _stds;

    /// <summary>The decode clamp on size ratios (<c>wh_ratio_clip</c>).</summary>
    public double WidthHeightRatioClip { get; }

    internal override void EncodeCore(in Box prior, in Box gt, float stride, Span<float> destination)
    {
        float px = (prior.X1 + prior.X2) * 0.5f;
        float py = (prior.Y1 + prior.Y2) * 0.5f;
        float pw = prior.X2 - prior.X1;
        float ph = prior.Y2 - prior.Y1;
        float gx = (gt.X1 + gt.X2) * 0.5f;
        float gy = (gt.Y1 + gt.Y2) * 0.5f;
        float gw = gt.X2 - gt.X1;
        float gh = gt.Y2 - gt.Y1;
        destination[0] = (((gx - px) / pw) - _means[0]) / _stds[0];
        destination[1] = (((gy - py) / ph) - _means[1]) / _stds[1];
        destination[2] = (MathF.Log(gw / pw) - _means[2]) / _stds[2];
        destination[3] = (MathF.Log(gh / ph) - _means[3]) / _stds[3];
    }

    internal override Box DecodeCore(in Box prior, ReadOnlySpan<float> delta, float stride)
    {
        float dx = (delta[0] * _stds[0]) + _means[0];
        float dy = (delta[1] * _stds[1]) + _means[1];
        float dw = Math.Clamp((delta[2] * _stds[2]) + _means[2], -_maxLogRatio, _maxLogRatio);
        float dh = Math.Clamp((delta[3] * _stds[3]) + _means[3], -_maxLogRatio, _maxLogRatio);
        float px = (prior.X1 + prior.X2) * 0.5f;
        float py = (prior.Y1 + prior.Y2) * 0.5f;
        float pw = prior.X2 - prior.X1;
        float ph = prior.Y2 - prior.Y1;
        float gx = px + (pw * dx);
        float gy = py + (ph * dy);
        float gw = pw * MathF.Exp(dw);
        float gh = ph * MathF.Exp(dh);
        return new Box(gx - (gw * 0.5f), gy - (gh * 0.5f), gx + (gw * 0.5f), gy + (gh * 0.5f));
    }

    private static void ValidateFour(ReadOnlySpan<float> values, string paramName, bool allowZero)
    {
        if (values.Length != Width)
        {
            ThrowHelper.ThrowArgument(paramName, $"has length {values.Length}; expected {Width} values (x, y, w, h).");
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]) || (!allowZero && values[i] == 0f))
            {
                ThrowHelper.ThrowArgument(paramName, string.Create(CultureInfo.InvariantCulture, $"has {values[i]} at index {i}; expected a finite{(allowZero ? "" : ", non-zero")} value."));
            }
        }
    }
}
