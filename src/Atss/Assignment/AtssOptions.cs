namespace Atss;

/// <summary>
/// Settings of <see cref="AtssAssigner"/>. A <c>readonly record struct</c>: start from a preset and change it with
/// <c>with</c>, for example <c>AtssOptions.MmDetection with { TopK = 15 }</c>. <c>new AtssOptions()</c> equals
/// <see cref="MmDetection"/>, the default convention.
/// </summary>
/// <remarks>
/// The conventions differ only where the references differ; everything else (distance, tie rules, statistics)
/// is shared. See the README's convention table.
/// </remarks>
public readonly record struct AtssOptions
{
    /// <summary>Creates the default options (<see cref="MmDetection"/>).</summary>
    public AtssOptions()
    {
    }

    /// <summary>
    /// MMDetection's <c>ATSSAssigner</c> (the default): continuous IoU, k = 9 per level (not multiplied by A),
    /// <c>IoU &gt;= mean + std</c>, centre margin 0.01, a prior claimed by several boxes goes to the one with the highest IoU
    /// among those that claimed it.
    /// </summary>
    public static AtssOptions MmDetection => new();

    /// <summary>
    /// The ATSS paper's own code (<c>sfzhang15/ATSS</c>, <c>POSITIVE_TYPE='ATSS'</c>): legacy +1 pixel IoU and
    /// k multiplied by the anchors per location (9 x A candidates per level); otherwise as <see cref="MmDetection"/>.
    /// </summary>
    public static AtssOptions OriginalPaper => new() { BoxConvention = BoxConvention.LegacyPlusOne, ScaleTopKByAnchorsPerLocation = true };

    /// <summary>Candidates per level: the <c>min(k, level size)</c> priors whose centres are nearest the box centre. Default 9.</summary>
    public int TopK { get; init; } = 9;

    /// <summary>
    /// When true, the per-level candidate count is <c>TopK x</c> <see cref="PriorSet.AnchorsPerLocation"/> (the paper's code).
    /// Default false (MMDetection).
    /// </summary>
    public bool ScaleTopKByAnchorsPerLocation { get; init; }

    /// <summary>How IoUs are computed. Default <see cref="BoxConvention.Continuous"/>.</summary>
    public BoxConvention BoxConvention { get; init; } = BoxConvention.Continuous;

    /// <summary>
    /// A candidate is positive only if its centre lies inside the box by more than this many pixels on every side
    /// (<c>min(cx - x1, cy - y1, x2 - cx, y2 - cy) &gt; margin</c>, in float32). Default 0.01.
    /// </summary>
    public float CenterMargin { get; init; } = 0.01f;

    /// <summary>
    /// When set, priors whose IoF (intersection over the prior's area) with any ignore box exceeds this value are
    /// marked ignored and ranked last in the distance order (MMDetection's <c>ignore_iof_thr</c>). They can still be
    /// selected as candidates and then become positive. Default <see langword="null"/> (off).
    /// </summary>
    public float? IgnoreIofThreshold { get; init; }

    /// <summary>Whether a candidate must reach the threshold (<c>&gt;=</c>, default) or exceed it (<c>&gt;</c>).</summary>
    public ThresholdComparison ThresholdComparison { get; init; } = ThresholdComparison.GreaterOrEqual;

    /// <summary>How a prior that is positive for several boxes is resolved. Default <see cref="SharedPriorResolution.HighestIouAmongClaimants"/>.</summary>
    public SharedPriorResolution SharedPriorResolution { get; init; } = SharedPriorResolution.HighestIouAmongClaimants;

    internal void Validate(string paramName)
    {
        if (TopK < 1)
        {
            ThrowHelper.ThrowOutOfRange(paramName, TopK, $"{nameof(TopK)} >= 1");
        }

        if (!float.IsFinite(CenterMargin))
        {
            ThrowHelper.ThrowOutOfRange(paramName, CenterMargin, $"a finite {nameof(CenterMargin)}");
        }

        if (IgnoreIofThreshold is float t && !(t >= 0f && t <= 1f))
        {
            ThrowHelper.ThrowOutOfRange(paramName, t, $"{nameof(IgnoreIofThreshold)} in [0, 1] or null");
        }

        if (!Enum.IsDefined(BoxConvention))
        {
            ThrowHelper.ThrowOutOfRange(paramName, BoxConvention, $"a defined {nameof(BoxConvention)}");
        }

        if (!Enum.IsDefined(ThresholdComparison))
        {
            ThrowHelper.ThrowOutOfRange(paramName, ThresholdComparison, $"a defined {nameof(ThresholdComparison)}");
        }

        if (!Enum.IsDefined(SharedPriorResolution))
        {
            ThrowHelper.ThrowOutOfRange(paramName, SharedPriorResolution, $"a defined {nameof(SharedPriorResolution)}");
        }
    }
}
