namespace Atss;

/// <summary>Which box gets a prior that several boxes selected as positive.</summary>
public enum SharedPriorResolution
{
    /// <summary>
    /// The box with the highest IoU among those for which the prior is positive; lower box index on equal IoU
    /// (MMDetection, the paper's code).
    /// </summary>
    HighestIouAmongClaimants = 0,

    /// <summary>
    /// The box with the highest IoU among all boxes of the image, even one the prior is not positive for; lower box
    /// index on equal IoU (MMYOLO's <c>select_highest_overlaps</c>).
    /// </summary>
    HighestIouAmongAllBoxes = 1,
}
