namespace Atss.Cli.Strategies;

/// <summary>A configured strategy: the assigner, the priors it assigns, and a one-line description for reports.</summary>
/// <param name="Assigner">Any <see cref="PriorAssigner"/>; every strategy returns the same result type.</param>
/// <param name="Generator">The standard priors of the strategy (regenerated per padded image size, cached).</param>
/// <param name="Description">Settings and priors in one line, for report headers.</param>
internal sealed record StrategySetup(PriorAssigner Assigner, IPriorGenerator Generator, string Description)
{
    /// <summary>The IoF threshold above which the assigner ignores priors in crowd regions, or null when it ignores none.</summary>
    public float? IgnoreIof { get; init; }

    /// <summary>What makes a prior ignored (neither positive nor negative) under this strategy, for reports.</summary>
    public string IgnoredPriors { get; init; } = "none (this strategy ignores no prior)";

    /// <summary>Whether <see cref="GtStatistics.Threshold"/> is an IoU threshold (ATSS's adaptive one, MaxIoU's fixed one); FCOS and TOPK have none.</summary>
    public bool HasIouThreshold { get; init; } = true;
}
