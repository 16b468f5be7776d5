using System.Runtime.Intrinsics;

namespace Atss;

/// <summary>
/// A box's part of the separable block kernel (<see cref="Kernels.SelectSeparableBlock4x4V512(ref float, int, int, int, int, int, in SeparableBoxTerms, int, ref int, ref float, ref float)"/>),
/// computed once per box for all levels: the x terms in lanes 0..3 and the y terms in lanes 4..7, matching the kernel's
/// column and row lanes.
/// </summary>
internal readonly struct SeparableBoxTerms
{
    public SeparableBoxTerms(in Box gt, bool legacy)
    {
        Low = Vector256.Create(Vector128.Create(gt.X1), Vector128.Create(gt.Y1));
        High = Vector256.Create(Vector128.Create(gt.X2), Vector128.Create(gt.Y2));
        Center = Vector256.Create(Vector128.Create(gt.CenterX), Vector128.Create(gt.CenterY));
        Area = Vector512.Create(legacy ? ((gt.X2 - gt.X1) + 1f) * ((gt.Y2 - gt.Y1) + 1f) : (gt.X2 - gt.X1) * (gt.Y2 - gt.Y1));
        Legacy = legacy;
    }

    /// <summary>x1 (lanes 0..3) and y1 (lanes 4..7).</summary>
    public Vector256<float> Low { get; }

    /// <summary>x2 and y2.</summary>
    public Vector256<float> High { get; }

    /// <summary>The centre's x and y.</summary>
    public Vector256<float> Center { get; }

    /// <summary>The box's area, in every lane (legacy: (w + 1)(h + 1)).</summary>
    public Vector512<float> Area { get; }

    /// <summary>Whether sizes count the +1 pixel (<see cref="BoxConvention.LegacyPlusOne"/>).</summary>
    public bool Legacy { get; }
}
