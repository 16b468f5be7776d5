using System.Collections.Immutable;

namespace Atss;

/// <summary>
/// Settings of <see cref="FcosAssigner"/>. A <c>readonly record struct</c>: start from a preset and change it with
/// <c>with</c>. <c>new FcosOptions()</c> equals <see cref="MmDetection"/>.
/// </summary>
/// <remarks>
/// Equality compares <see cref="RegressRanges"/> by reference (an <see cref="ImmutableArray{T}"/>), the other settings by value.
/// </remarks>
public readonly record struct FcosOptions
{
    private static readonly ImmutableArray<SizeRange> s_fcosRanges = [new(-1f, 64f), new(64f, 128f), new(128f, 256f), new(256f, 512f), new(512f, 1e8f)];

    /// <summary>Creates the default options (<see cref="MmDetection"/>).</summary>
    public FcosOptions()
    {
    }

    /// <summary>
    /// MMDetection's <c>FCOSHead.get_targets</c>: regress ranges -1..64..128..256..512..1e8, prior (point) strictly
    /// inside the box (<c>min(l, t, r, b) &gt; 0</c>), no centre sampling, box area <c>(x2 - x1) * (y2 - y1)</c>.
    /// </summary>
    public static FcosOptions MmDetection => new();

    /// <summary>
    /// The ATSS paper's code with <c>POSITIVE_TYPE='SSC'</c> (spatial and scale constraint on anchor centres): the same
    /// ranges, centre inside by more than 0.01, legacy box area <c>(w + 1) * (h + 1)</c>.
    /// </summary>
    public static FcosOptions OriginalPaper => new() { CenterMargin = 0.01f, BoxConvention = BoxConvention.LegacyPlusOne };

    /// <summary>One size range per FPN level (FCOS's <c>regress_ranges</c>); the prior set must have exactly this many levels.</summary>
    public ImmutableArray<SizeRange> RegressRanges { get; init; } = s_fcosRanges;

    /// <summary>
    /// A prior may take a box only if its centre lies inside it by more than this many pixels:
    /// <c>min(l, t, r, b) &gt; margin</c> in float32. Default 0 (MMDetection's strict inside test).
    /// </summary>
    public float CenterMargin { get; init; }

    /// <summary>
    /// Whether the inside test uses the box shrunk to a square of half-size <c>stride x</c> <see cref="CenterSampleRadius"/>
    /// around its centre (and clipped to the box), FCOS's centre sampling. Needs priors that carry their grids. Default false.
    /// </summary>
    public bool CenterSampling { get; init; }

    /// <summary>Centre-sampling radius in units of the level stride; the half-size <c>stride * radius</c> is computed in float64 and rounded once to float32. Default 1.5.</summary>
    public double CenterSampleRadius { get; init; } = 1.5;

    /// <summary>How box areas (the tie-break: smallest box wins) and the reported IoUs are computed. Default <see cref="BoxConvention.Continuous"/>.</summary>
    public BoxConvention BoxConvention { get; init; } = BoxConvention.Continuous;

    internal void Validate(string paramName)
    {
        if (RegressRanges.IsDefaultOrEmpty)
        {
            ThrowHelper.ThrowArgument(paramName, $"has no {nameof(RegressRanges)}; expected one size range per FPN level.");
        }

        for (int l = 0; l < RegressRanges.Length; l++)
        {
            SizeRange r = RegressRanges[l];
            if (float.IsNaN(r.Min) || float.IsNaN(r.Max) || r.Min > r.Max)
            {
                ThrowHelper.ThrowArgument(paramName, $"has {nameof(RegressRanges)}[{l}] = [{r.Min}, {r.Max}]; expected Min <= Max, neither NaN.");
            }
        }

        if (!float.IsFinite(CenterMargin))
        {
            ThrowHelper.ThrowOutOfRange(paramName, CenterMargin, $"a finite {nameof(CenterMargin)}");
        }

        if (!(double.IsFinite(CenterSampleRadius) && CenterSampleRadius > 0))
        {
            ThrowHelper.ThrowOutOfRange(paramName, CenterSampleRadius, $"a finite {nameof(CenterSampleRadius)} > 0");
        }

        if (!Enum.IsDefined(BoxConvention))
        {
            ThrowHelper.ThrowOutOfRange(paramName, BoxConvention, $"a defined {nameof(BoxConvention)}");
        }
    }
}
