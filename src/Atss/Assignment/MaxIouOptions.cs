namespace Atss;

/// <summary>
/// Settings of <see cref="MaxIouAssigner"/> (the RetinaNet / Faster R-CNN fixed-threshold rule). A <c>readonly record
/// struct</c>: start from a preset and change it with <c>with</c>. <c>new MaxIouOptions()</c> equals <see cref="MmDetection"/>.
/// </summary>
/// <remarks>
/// All thresholds are compared in float32 with the float32 IoU (<c>iou &gt;= PositiveIouThreshold</c>,
/// <c>NegativeIouLowerBound &lt;= iou &lt; NegativeIouThreshold</c>), as torch compares a float32 tensor with a Python number.
/// </remarks>
public readonly record struct MaxIouOptions
{
    /// <summary>Creates the default options (<see cref="MmDetection"/>).</summary>
    public MaxIouOptions()
    {
    }

    /// <summary>
    /// MMDetection's <c>MaxIoUAssigner</c> as RetinaNet configures it: positive at IoU &gt;= 0.5, negative below 0.4,
    /// IoU in [0.4, 0.5) ignored, <c>min_pos_iou=0</c>, low-quality matching <see cref="LowQualityMatching.AllPriorsAtBoxBest"/>,
    /// continuous IoU, no centre test. As in MMDetection, a box that overlaps no prior (a zero-size box, for example)
    /// then takes every prior; remove zero-size boxes before assigning.
    /// </summary>
    public static MaxIouOptions MmDetection => new();

    /// <summary>
    /// The ATSS paper's code with <c>POSITIVE_TYPE='IoU'</c> (maskrcnn-benchmark's <c>Matcher(0.5, 0.4,
    /// allow_low_quality_matches=True)</c>): legacy +1 IoU, low-quality matching <see cref="LowQualityMatching.RestoreBestBoxOfPrior"/>,
    /// and positives whose centre is not inside their box by more than 0.01 become ignored.
    /// </summary>
    public static MaxIouOptions OriginalPaper => new()
    {
        BoxConvention = BoxConvention.LegacyPlusOne,
        LowQualityMatching = LowQualityMatching.RestoreBestBoxOfPrior,
        PositiveCenterMargin = 0.01f,
    };

    /// <summary>A prior whose largest IoU is <c>&gt;=</c> this value is positive for its highest-IoU box. Default 0.5.</summary>
    public float PositiveIouThreshold { get; init; } = 0.5f;

    /// <summary>A prior whose largest IoU is <c>&lt;</c> this value (and at least <see cref="NegativeIouLowerBound"/>) is negative. Default 0.4.</summary>
    public float NegativeIouThreshold { get; init; } = 0.4f;

    /// <summary>
    /// Lower end of the negative range (MMDetection's tuple form of <c>neg_iou_thr</c>); priors below it are ignored.
    /// Default 0 (every prior below <see cref="NegativeIouThreshold"/> is negative).
    /// </summary>
    public float NegativeIouLowerBound { get; init; }

    /// <summary>A box takes part in low-quality matching only if its best IoU is <c>&gt;=</c> this value. Default 0.</summary>
    public float MinPositiveIou { get; init; }

    /// <summary>The low-quality matching rule. Default <see cref="LowQualityMatching.AllPriorsAtBoxBest"/>.</summary>
    public LowQualityMatching LowQualityMatching { get; init; } = LowQualityMatching.AllPriorsAtBoxBest;

    /// <summary>How IoUs are computed. Default <see cref="BoxConvention.Continuous"/>.</summary>
    public BoxConvention BoxConvention { get; init; } = BoxConvention.Continuous;

    /// <summary>
    /// When set, a positive whose prior centre is not inside its box by more than this margin
    /// (<c>min(cx - x1, cy - y1, x2 - cx, y2 - cy) &gt; margin</c>, float32) becomes ignored, as in the ATSS paper's
    /// code. Default <see langword="null"/> (no centre test).
    /// </summary>
    public float? PositiveCenterMargin { get; init; }

    /// <summary>
    /// When set, priors whose largest IoF with an ignore box exceeds this value are ignored and take no part in matching
    /// (MMDetection's <c>ignore_iof_thr</c>). Default <see langword="null"/> (off).
    /// </summary>
    public float? IgnoreIofThreshold { get; init; }

    /// <summary>
    /// Whether the IoF divides by the prior's area (true, MMDetection's default <c>ignore_wrt_candidates=True</c>) or
    /// by the ignore box's area (false).
    /// </summary>
    public bool IgnoreIofRelativeToPrior { get; init; } = true;

    internal void Validate(string paramName)
    {
        // A zero positive threshold (as in default(MaxIouOptions)) would make every prior positive.
        if (!(PositiveIouThreshold > 0f && PositiveIouThreshold <= 1f))
        {
            ThrowHelper.ThrowOutOfRange(paramName, PositiveIouThreshold, $"{nameof(PositiveIouThreshold)} in (0, 1]");
        }

        if (!(NegativeIouThreshold >= 0f && NegativeIouThreshold <= PositiveIouThreshold))
        {
            ThrowHelper.ThrowOutOfRange(paramName, NegativeIouThreshold, $"{nameof(NegativeIouThreshold)} in [0, {nameof(PositiveIouThreshold)}]");
        }

        if (!(NegativeIouLowerBound >= 0f && NegativeIouLowerBound <= NegativeIouThreshold))
        {
            ThrowHelper.ThrowOutOfRange(paramName, NegativeIouLowerBound, $"{nameof(NegativeIouLowerBound)} in [0, {nameof(NegativeIouThreshold)}]");
        }

        if (!(MinPositiveIou >= 0f && MinPositiveIou <= 1f))
        {
            ThrowHelper.ThrowOutOfRange(paramName, MinPositiveIou, $"{nameof(MinPositiveIou)} in [0, 1]");
        }

        if (!Enum.IsDefined(LowQualityMatching))
        {
            ThrowHelper.ThrowOutOfRange(paramName, LowQualityMatching, $"a defined {nameof(LowQualityMatching)}");
        }

        if (!Enum.IsDefined(BoxConvention))
        {
            ThrowHelper.ThrowOutOfRange(paramName, BoxConvention, $"a defined {nameof(BoxConvention)}");
        }

        if (PositiveCenterMargin is float m && !float.IsFinite(m))
        {
            ThrowHelper.ThrowOutOfRange(paramName, m, $"a finite {nameof(PositiveCenterMargin)} or null");
        }

        if (IgnoreIofThreshold is float t && !(t >= 0f && t <= 1f))
        {
            ThrowHelper.ThrowOutOfRange(paramName, t, $"{nameof(IgnoreIofThreshold)} in [0, 1] or null");
        }
    }
}
