namespace Atss;

/// <summary>How box sizes are measured when computing areas and overlaps.</summary>
public enum BoxConvention
{
    /// <summary>
    /// Continuous coordinates (MMDetection, torchvision): width = x2 - x1, union clamped below by 1e-6.
    /// </summary>
    Continuous = 0,

    /// <summary>
    /// The legacy "+1 pixel" convention of Detectron / maskrcnn-benchmark and the ATSS paper's code:
    /// width = x2 - x1 + 1, overlap width = min - max + 1 clamped at 0, no epsilon.
    /// </summary>
    LegacyPlusOne = 1,
}
