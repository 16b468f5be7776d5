namespace Atss;

/// <summary>
/// FCOS's centerness target: how close a location lies to the centre of its box, 1 at the centre, 0 on an edge.
/// </summary>
/// <remarks>
/// <c>sqrt((min(l, r) / max(l, r)) * (min(t, b) / max(t, b)))</c> in float32, the references' order. Never NaN: when
/// <c>min(l, t, r, b) &lt;= 0</c> (the location is on or outside an edge, which includes the reference's 0 / 0 case) or
/// a value is NaN, the result is defined as 0; an infinite distance also gives 0.
/// </remarks>
public static class Centerness
{
    /// <summary>The centerness of one location.</summary>
    /// <param name="left">Distance to the left edge.</param>
    /// <param name="top">Distance to the top edge.</param>
    /// <param name="right">Distance to the right edge.</param>
    /// <param name="bottom">Distance to the bottom edge.</param>
    /// <returns>A value in [0, 1].</returns>
    public static float Compute(float left, float top, float right, float bottom)
    {
        if (!(MathF.Min(MathF.Min(left, top), MathF.Min(right, bottom)) > 0f))
        {
            return 0f;
        }

        float c = MathF.Sqrt((MathF.Min(left, right) / MathF.Max(left, right)) * (MathF.Min(top, bottom) / MathF.Max(top, bottom)));
        return float.IsNaN(c) ? 0f : c;
    }

    /// <summary>The centerness of rows of <c>(l, t, r, b)</c>.</summary>
    /// <param name="distances">Four values per location.</param>
    /// <param name="destination">One value per location.</param>
    /// <exception cref="ArgumentException"><paramref name="distances"/> is not a multiple of four long, or <paramref name="destination"/> is too short.</exception>
    public static void Compute(ReadOnlySpan<float> distances, Span<float> destination)
    {
        if (distances.Length % BoxCoder.Width != 0)
        {
            ThrowHelper.ThrowArgument(nameof(distances), $"has length {distances.Length}; expected four values (l, t, r, b) per location.");
        }

        int n = distances.Length / BoxCoder.Width;
        if (destination.Length < n)
        {
            ThrowHelper.ThrowArgument(nameof(destination), $"has length {destination.Length}; expected at least one value per location ({n}).");
        }

        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> d = distances.Slice(i * BoxCoder.Width, BoxCoder.Width);
            destination[i] = Compute(d[0], d[1], d[2], d[3]);
        }
    }
}
