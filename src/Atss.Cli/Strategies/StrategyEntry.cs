namespace Atss.Cli.Strategies;

/// <summary>One named strategy of <see cref="StrategyRegistry"/>.</summary>
/// <param name="Name">What <c>--strategy</c> accepts (lower case).</param>
/// <param name="Summary">One line for <c>atss help</c>.</param>
/// <param name="Create">Builds the assigner and its standard priors for a convention and the command-line settings.</param>
internal sealed record StrategyEntry(string Name, string Summary, Func<StrategyParameters, StrategySetup> Create);
