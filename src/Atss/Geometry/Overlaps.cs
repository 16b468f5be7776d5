using System.Runtime.CompilerServices;

namespace Atss;

/// <summary>
/// Intersection-over-union and intersection-over-foreground of two boxes, computed in float32 in the
/// operation order of the reference implementations so that results are bit-identical to them.
/// </summary>
/// <remarks>
/// These are hot-path primitives and do not validate: NaN coordinates give NaN, and inverted legacy boxes can give NaN.
/// The assigners validate their inputs once at entry and then call these.
/// </remarks>
public static class Overlaps
{
    /// <summary>The lower bound MMDetection applies to the union (and to the IoF denominator).</summary>
    public const float ContinuousEpsilon = 1e-6f;

    /// <summary>Intersection over union of <paramref name="prior"/> and <paramref name="gt"/>.</summary>
    /// <remarks>
    /// Continuous: <c>overlap / max((area_p + area_g) - overlap, 1e-6)</c>;
    /// legacy: areas and overlap sides use <c>+1</c> and there is no epsilon.
    /// </remarks>
    /// <param name="prior">First box (the prior, in the references' argument order).</param>
    /// <param name="gt">Second box (the ground truth).</param>
    /// <param name="convention">Pixel convention.</param>
    /// <returns>The IoU in float32.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Iou(in Box prior, in Box gt, BoxConvention convention = BoxConvention.Continuous)
        => convention == BoxConvention.Continuous
            ? IouContinuous(prior.X1, prior.Y1, prior.X2, prior.Y2, gt.X1, gt.Y1, gt.X2, gt.Y2)
            : IouLegacy(prior.X1, prior.Y1, prior.X2, prior.Y2, gt.X1, gt.Y1, gt.X2, gt.Y2);

    /// <summary>Intersection over the area of <paramref name="prior"/> (MMDetection's <c>iof</c> mode).</summary>
    /// <remarks><c>overlap / max(area_p, 1e-6)</c>, continuous convention.</remarks>
    /// <param name="prior">The box whose area is the denominator.</param>
    /// <param name="region">The other box (an ignore region).</param>
    /// <returns>The IoF in float32.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Iof(in Box prior, in Box region)
    {
        float w = MathF.Max(MathF.Min(prior.X2, region.X2) - MathF.Max(prior.X1, region.X1), 0f);
        float h = MathF.Max(MathF.Min(prior.Y2, region.Y2) - MathF.Max(prior.Y1, region.Y1), 0f);
        float overlap = w * h;
        float area = (prior.X2 - prior.X1) * (prior.Y2 - prior.Y1);
        return overlap / MathF.Max(area, ContinuousEpsilon);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float IouContinuous(float px1, float py1, float px2, float py2, float gx1, float gy1, float gx2, float gy2)
    {
        float areaP = (px2 - px1) * (py2 - py1);
        float areaG = (gx2 - gx1) * (gy2 - gy1);
        float w = MathF.Max(MathF.Min(px2, gx2) - MathF.Max(px1, gx1), 0f);
        float h = MathF.Max(MathF.Min(py2, gy2) - MathF.Max(py1, gy1), 0f);
        float overlap = w * h;
        float union = MathF.Max((areaP + areaG) - overlap, ContinuousEpsilon);
        return overlap / union;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float IouLegacy(float px1, float py1, float px2, float py2, float gx1, float gy1, float gx2, float gy2)
    {
        float areaP = ((px2 - px1) + 1f) * ((py2 - py1) + 1f);
        float areaG = ((gx2 - gx1) + 1f) * ((gy2 - gy1) + 1f);
        float w = MathF.Max((MathF.Min(px2, gx2) - MathF.Max(px1, gx1)) + 1f, 0f);
        float h = MathF.Max((MathF.Min(py2, gy2) - MathF.Max(py1, gy1)) + 1f, 0f);
        float overlap = w * h;
        return overlap / ((areaP + areaG) - overlap);
    }

    /// <summary>
    /// <see cref="Iou"/> for inputs without NaN (the assigners validate theirs): the same float32 operations with plain
    /// comparisons for min and max, which the JIT turns into single instructions. Bit-identical to <see cref="Iou"/>
    /// whenever no coordinate is NaN: min and max can only differ in the sign of a zero, and every such zero is
    /// subtracted from a value or clamped at +0 before it reaches the result.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float IouOfValidated(in Box prior, in Box gt, BoxConvention convention)
    {
        if (convention == BoxConvention.Continuous)
        {
            float areaP = (prior.X2 - prior.X1) * (prior.Y2 - prior.Y1);
            float areaG = (gt.X2 - gt.X1) * (gt.Y2 - gt.Y1);
            float w = AtLeastZero(Smaller(prior.X2, gt.X2) - Larger(prior.X1, gt.X1));
            float h = AtLeastZero(Smaller(prior.Y2, gt.Y2) - Larger(prior.Y1, gt.Y1));
            float overlap = w * h;
            return overlap / Larger((areaP + areaG) - overlap, ContinuousEpsilon);
        }
        else
        {
            float areaP = ((prior.X2 - prior.X1) + 1f) * ((prior.Y2 - prior.Y1) + 1f);
            float areaG = ((gt.X2 - gt.X1) + 1f) * ((gt.Y2 - gt.Y1) + 1f);
            float w = AtLeastZero((Smaller(prior.X2, gt.X2) - Larger(prior.X1, gt.X1)) + 1f);
            float h = AtLeastZero((Smaller(prior.Y2, gt.Y2) - Larger(prior.Y1, gt.Y1)) + 1f);
            float overlap = w * h;
            return overlap / ((areaP + areaG) - overlap);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Smaller(float a, float b) => a < b ? a : b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Larger(float a, float b) => a > b ? a : b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float AtLeastZero(float a) => a > 0f ? a : 0f;
}
