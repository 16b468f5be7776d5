using Atss.Cli.Coco;
using Atss.Cli.Strategies;

namespace Atss.Cli.Stats;

/// <summary>The outcome of <c>atss stats</c>: the dataset, the strategies run and their statistics.</summary>
/// <param name="Dataset">The annotations read.</param>
/// <param name="Columns">The strategies, in command-line order.</param>
/// <param name="Statistics">One per column.</param>
/// <param name="ReadTime">Time to read and parse the annotation file.</param>
internal sealed record StatsRun(CocoDataset Dataset, IReadOnlyList<AssignmentColumn> Columns, IReadOnlyList<AssignmentStatistics> Statistics, TimeSpan ReadTime);
