using Atss.Cli.Recipe;

namespace Atss.Cli.Strategies;

/// <summary>What the command line tells a strategy factory.</summary>
/// <param name="Convention">Which reference code base's settings and priors to reproduce.</param>
/// <param name="TopK">Candidates per level (<c>--topk</c>), or null for the strategy's own default.</param>
/// <param name="IgnoreIof">IoF above which priors inside crowd regions are ignored (<c>--ignore-iof</c>), or null for off.</param>
internal readonly record struct StrategyParameters(Convention Convention, int? TopK, float? IgnoreIof);
