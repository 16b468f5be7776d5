namespace Atss.Cli.Strategies;

/// <summary>A configured strategy: the assigner, the priors it assigns, and a one-line description for reports.</summary>
/// <param name="Assigner">Any <see cref="PriorAssigner"/>; every strategy returns the same result type.</param>
/// <param name="Generator">The standard priors of the strategy (regenerated per padded image size, cached).</param>
/// <param name="Description">Settings and priors in one line, for report headers.</param>
/// <param name="IgnoreIof">The IoF threshold above which the assigner ignores priors in crowd regions, or null when it ignores none.</param>
internal sealed record StrategySetup(PriorAssigner Assigner, IPriorGenerator Generator, string Description, float? IgnoreIof);
