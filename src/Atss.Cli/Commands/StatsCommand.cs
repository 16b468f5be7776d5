using Atss.Cli.CommandLine;
using Atss.Cli.Coco;
using Atss.Cli.Stats;
using Atss.Cli.Strategies;

namespace Atss.Cli.Commands;

/// <summary>
/// <c>atss stats</c>: streams the annotation file, then prepares, assigns and tallies one image at a time with every
/// strategy, and prints the tables (or <c>--json</c>).
/// </summary>
internal static class StatsCommand
{
    public static int Run(StatsSettings settings, CommandContext context)
    {
        if (settings.Help)
        {
            context.Stdout.WriteLine(StatsSettings.Usage);
            return ExitCodes.Success;
        }

        // Strategies first: a typo in --strategy fails before a long file is read.
        AssignmentColumn[] columns = settings.Assignment.CreateColumns();
        var progress = new ProgressBar(context.Stderr);
        CocoDataset dataset;
        TimeSpan readTime;
        AssignmentStatistics[] statistics;
        try
        {
            dataset = DatasetInput.Load(settings.Assignment, progress, settings.Progress, context, out readTime);
            statistics = DatasetInput.Assign(dataset, columns, progress, settings.Progress, context);
        }
        finally
        {
            // An error message must not continue the progress line.
            progress.Finish();
        }

        var run = new StatsRun(dataset, columns, statistics, readTime);
        if (settings.Json)
        {
            JsonReport.Write(context.Stdout, run);
        }
        else
        {
            StatsReport.Write(context.Stdout, run);
        }

        return ExitCodes.Success;
    }
}
