namespace Atss;

internal static partial class Kernels
{
    /// <summary>
    /// The smallest float32 <c>f</c> such that, for every finite float32 <c>x</c>, <c>x &gt;= f</c> exactly when
    /// <c>(double)x &gt;= threshold</c> (or <c>&gt; threshold</c> when <paramref name="strict"/>), for any non-NaN
    /// threshold (beyond float32's range it is +Infinity, which no finite x reaches): lets float32 IoUs be compared with
    /// a float64 threshold in float32 lanes without changing any outcome.
    /// </summary>
    public static float LowestPassingFloat(double threshold, bool strict)
    {
        float f = (float)threshold;
        bool passes = strict ? f > threshold : f >= threshold;
        return passes || float.IsPositiveInfinity(f) ? f : MathF.BitIncrement(f);
    }
}
