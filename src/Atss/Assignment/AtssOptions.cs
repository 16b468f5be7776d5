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

    /// <summary>
    /// MMYOLO's <c>BatchATSSAssigner</c> (YOLOv6's ATSS), used on point priors turned into 5-stride squares
    /// (<see cref="PriorSet.ToSquareAnchors"/> with 5): continuous IoU, k = 9 per level, <c>IoU &gt; mean + std</c>
    /// (strict), centre margin 1e-9, and a prior positive for several boxes goes to the box with the highest IoU among
    /// all boxes of the image, even one it is not positive for.
    /// </summary>
    /// <remarks>
    /// Differences from the reference that the library does not reproduce: MMYOLO raises on a level with
    /// <c>1 &lt; n_l &lt; k</c> priors and counts a dead IoU-0 slot on a one-prior level, where the library clamps k
    /// to the level size; the reference's batch padding never changes an image's result.
    /// </remarks>
    public static AtssOptions MmYolo => new()
    {
        ThresholdComparison = ThresholdComparison.Greater,
        CenterMargin = 1e-9f,
        SharedPriorResolution = SharedPriorResolution.HighestIouAmongAllBoxes,
    };

    /// <summary>
    /// PaddleDetection's <c>ATSSAssigner</c> (PP-YOLOE's static assigner, <c>force_gt_matching=False</c>), used on
    /// 5-stride square anchors (<see cref="PriorSet.ToSquareAnchors"/> with 5). Its rules are those of <see cref="MmYolo"/>:
    /// k = 9 per level, unbiased std, <c>IoU &gt; mean + std</c>, centre margin 1e-9, shared priors resolved over all boxes.
    /// </summary>
    /// <remarks>
    /// Not reproduced: Paddle's IoU adds 1e-10 to the union instead of clamping it at 1e-6 (differs only for boxes of
    /// sub-pixel area); <c>force_gt_matching=True</c> (each box's best prior forced positive) and the small-object
    /// centre test (<c>sm_use</c>) have no equivalent; like MMYOLO it fails on levels with fewer than k priors, where the
    /// library clamps k. No conformance fixture exists for it. PaddleDetection's older data-loader target op computes
    /// the threshold with numpy's population deviation: use <c>PaddleDetection with { StdEstimator = StdEstimator.Population }</c>.
    /// </remarks>
    public static AtssOptions PaddleDetection => MmYolo;

    /// <summary>
    /// The deviation in <c>threshold = mean + std</c>. Default <see cref="StdEstimator.Unbiased"/>, as in every reference;
    /// with it, a box with a single candidate in total gets no positive.
    /// </summary>
    public StdEstimator StdEstimator { get; init; } = StdEstimator.Unbiased;

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
    /// (<c>min(cx - x1, cy - y1, x2 - cx, y2 - cy) &gt; margin</c>, in float32). Default 0.01. A negative margin
    /// admits centres up to that far outside the box (a looser centre test).
    /// </summary>
    public float CenterMargin { get; init; } = 0.01f;

    /// <summary>
    /// When set, priors whose IoF (intersection over the prior's area) with any ignore box exceeds this value are
    /// marked ignored and given centre distance 1e8 (after every prior nearer than 1e8 px; MMDetection's <c>ignore_iof_thr</c>). They can still be
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

        if (!Enum.IsDefined(StdEstimator))
        {
            ThrowHelper.ThrowOutOfRange(paramName, StdEstimator, $"a defined {nameof(StdEstimator)}");
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
