namespace Atss;

/// <summary>
/// Settings of <see cref="TopKAssigner"/> (the ATSS paper's plain top-k baseline). A <c>readonly record struct</c>: start
/// from <see cref="OriginalPaper"/> and change it with <c>with</c>, for example
/// <c>TopKOptions.OriginalPaper with { BoxConvention = BoxConvention.Continuous }</c>. <c>new TopKOptions()</c> equals
/// <see cref="OriginalPaper"/> (only the paper's code has this strategy).
/// </summary>
public readonly record struct TopKOptions
{
    /// <summary>Creates the default options (<see cref="OriginalPaper"/>).</summary>
    public TopKOptions()
    {
    }

    /// <summary>The paper's code (<c>POSITIVE_TYPE='TOPK'</c>): k = 9 over all levels, legacy +1 IoU, centre margin 0.01.</summary>
    public static TopKOptions OriginalPaper => new();

    /// <summary>Candidates per box over all levels together (not multiplied by the anchors per location). Default 9.</summary>
    public int TopK { get; init; } = 9;

    /// <summary>How IoUs are computed. Default <see cref="BoxConvention.LegacyPlusOne"/>, as the paper's code.</summary>
    public BoxConvention BoxConvention { get; init; } = BoxConvention.LegacyPlusOne;

    /// <summary>A candidate is positive only if <c>min(cx - x1, cy - y1, x2 - cx, y2 - cy) &gt; CenterMargin</c> (pixels). Default 0.01.</summary>
    public float CenterMargin { get; init; } = 0.01f;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="paramName"/> for an out-of-range setting.</summary>
    internal void Validate(string paramName)
    {
        if (TopK < 1)
        {
            ThrowHelper.ThrowOutOfRange(paramName, TopK, $"{nameof(TopK)} >= 1");
        }

        if (!Enum.IsDefined(BoxConvention))
        {
            ThrowHelper.ThrowOutOfRange(paramName, BoxConvention, $"a defined {nameof(BoxConvention)}");
        }

        if (!float.IsFinite(CenterMargin))
        {
            ThrowHelper.ThrowOutOfRange(paramName, CenterMargin, $"a finite {nameof(CenterMargin)}");
        }
    }
}
