namespace Atss;

/// <summary>
/// How <see cref="MaxIouAssigner"/> rescues boxes whose best IoU with any prior stays below the positive threshold
/// (the "low-quality matches" step). Only boxes whose best IoU reaches <see cref="MaxIouOptions.MinPositiveIou"/> take part.
/// </summary>
public enum LowQualityMatching
{
    /// <summary>No rescue: only priors whose largest IoU reaches the positive threshold are positive.</summary>
    None = 0,

    /// <summary>
    /// For each box in increasing index order, every prior whose IoU with it equals the box's best IoU (exact float32
    /// equality) is assigned to that box; later boxes overwrite earlier ones (MMDetection, <c>gt_max_assign_all=True</c>).
    /// With <see cref="MaxIouOptions.MinPositiveIou"/> 0 (RetinaNet's setting) a box whose best IoU is 0, such as a
    /// zero-size box, takes every prior, as in MMDetection: filter such boxes out first, as MMDetection's data pipeline
    /// does (<c>FilterAnnotations</c>).
    /// </summary>
    AllPriorsAtBoxBest = 1,

    /// <summary>
    /// For each box in increasing index order, only the first (lowest-index) prior reaching its best IoU is assigned to it;
    /// later boxes overwrite earlier ones (MMDetection, <c>gt_max_assign_all=False</c>).
    /// </summary>
    FirstPriorAtBoxBest = 2,

    /// <summary>
    /// Every prior whose IoU with some box equals that box's best IoU becomes positive for its own highest-IoU box
    /// (lowest index on ties), which need not be the box that rescued it (Detectron / maskrcnn-benchmark <c>Matcher</c>,
    /// <c>allow_low_quality_matches=True</c>, used by the ATSS paper's code).
    /// </summary>
    RestoreBestBoxOfPrior = 3,
}
