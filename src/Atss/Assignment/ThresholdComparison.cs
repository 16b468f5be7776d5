namespace Atss;

/// <summary>How a candidate's IoU is compared with its box's adaptive threshold.</summary>
public enum ThresholdComparison
{
    /// <summary><c>IoU &gt;= threshold</c> (MMDetection, the paper's code).</summary>
    GreaterOrEqual = 0,

    /// <summary><c>IoU &gt; threshold</c> (MMYOLO / YOLOv6).</summary>
    Greater = 1,
}
