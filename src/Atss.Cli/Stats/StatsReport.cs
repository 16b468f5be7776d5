using Atss.Cli.Coco;
using Atss.Cli.Strategies;

namespace Atss.Cli.Stats;

/// <summary>
/// Writes the <c>atss stats</c> tables: for one strategy, its totals, positives per box by COCO size, positives per
/// FPN level and timing; for several, the same quantities side by side, one column per strategy.
/// </summary>
internal static class StatsReport
{
    private static readonly (SizeBucket Bucket, string Name, string Area)[] s_buckets =
    [
        (SizeBucket.Small, "small", "< 32^2"),
        (SizeBucket.Medium, "medium", "32^2 .. 96^2"),
        (SizeBucket.Large, "large", ">= 96^2"),
    ];

    public static void Write(TextWriter output, StatsRun run)
    {
        if (run.Columns.Count == 1)
        {
            WriteSingle(output, run, run.Columns[0], run.Statistics[0]);
        }
        else
        {
            WriteComparison(output, run);
        }
    }

    private static void WriteHeader(TextWriter output, StatsRun run, string title)
    {
        output.WriteLine(title);
        output.WriteLine($"  annotations  {run.Dataset.Source}");
        if (run.Dataset.Source == CocoReader.EmbeddedDisplayName)
        {
            output.WriteLine("               COCO 2014 val subset (CC BY 4.0, COCO Consortium; subset by Padilla et al. 2021), see NOTICE");
        }

        output.WriteLine($"               {TablePrinter.Number(run.Dataset.Images.Length)} images, {TablePrinter.Number(run.Dataset.AnnotationCount)} annotations, read in {TablePrinter.Number(run.ReadTime.TotalMilliseconds, 0)} ms");
    }

    private static void WriteSingle(TextWriter output, StatsRun run, AssignmentColumn column, AssignmentStatistics s)
    {
        WriteHeader(output, run, $"Target assignment statistics: {column.Name}");
        output.WriteLine($"  assigner     {column.Setup.Description}");
        output.WriteLine($"  pipeline     {column.Recipe.PipelineDescription}");
        output.WriteLine();

        var totals = new TablePrinter("", ">", "");
        totals.AddRow("images", TablePrinter.Number(s.Images), $"{TablePrinter.Number(s.ImagesWithoutBoxes)} without target boxes; {TablePrinter.Number(column.PriorSetCount)} padded sizes (one prior set each)");
        totals.AddRow("boxes", TablePrinter.Number(s.Boxes), $"targets; also {TablePrinter.Number(s.IgnoreRegions)} crowd ignore regions, {TablePrinter.Number(s.DroppedAnnotations)} annotations dropped by the pipeline");
        totals.AddRow("priors", TablePrinter.Number(s.Priors), $"{TablePrinter.Number(Ratio(s.Priors, s.Images), 0)} per image");
        totals.AddRow("positives", TablePrinter.Number(s.Positives), $"{TablePrinter.Number(Ratio(s.Positives, s.Images), 1)} per image; {TablePrinter.Percent(Ratio(s.Positives, s.Priors))} of priors");
        totals.AddRow("ignored", TablePrinter.Number(s.IgnoredPriors), IgnoredNote(column));
        totals.Write(output, header: false);
        output.WriteLine();

        output.WriteLine("Positives per box, by COCO size (annotation area in the original image)");
        var sizes = new TablePrinter("size", "area", ">boxes", ">mean", ">min", ">max", ">no positive", ">mean IoU threshold");
        foreach ((SizeBucket bucket, string name, string area) in s_buckets)
        {
            AddBucket(sizes, name, area, s.Bucket(bucket));
        }

        AddBucket(sizes, "all", "", s.All);
        sizes.Write(output);
        output.WriteLine();

        output.WriteLine("Positives by FPN level");
        var levels = new TablePrinter("level", ">stride", ">priors per image", ">positives", ">share", ">per box");
        for (int l = 0; l < s.LevelCount; l++)
        {
            levels.AddRow(
                LevelNames.Of(s.Strides[l]),
                TablePrinter.Number(s.Strides[l]),
                TablePrinter.Number(Ratio(s.LevelPriors(l), s.Images), 0),
                TablePrinter.Number(s.LevelPositives(l)),
                TablePrinter.Percent(Ratio(s.LevelPositives(l), s.Positives)),
                TablePrinter.Number(Ratio(s.LevelPositives(l), s.Boxes), 2));
        }

        levels.Write(output);
        output.WriteLine();
        output.WriteLine($"Time: {TablePrinter.Number(s.MillisecondsPerImage, 3)} ms per image (assignment only: span overload, one reused workspace, {TablePrinter.Number(s.Images)} images after an untimed warm-up; total {TablePrinter.Number(s.AssignTime.TotalMilliseconds, 1)} ms)");
    }

    private static void WriteComparison(TextWriter output, StatsRun run)
    {
        IReadOnlyList<AssignmentColumn> columns = run.Columns;
        IReadOnlyList<AssignmentStatistics> stats = run.Statistics;
        WriteHeader(output, run, $"Target assignment statistics: {string.Join(", ", columns.Select(c => c.Name))}");
        foreach (AssignmentColumn column in columns)
        {
            output.WriteLine($"  {column.Name}");
            output.WriteLine($"    assigner   {column.Setup.Description}");
            output.WriteLine($"    pipeline   {column.Recipe.PipelineDescription}");
            output.WriteLine($"    ignored    {column.Setup.IgnoredPriors}");
        }

        output.WriteLine();
        output.WriteLine("Totals");
        var totals = new TablePrinter(["", .. columns.Select(c => ">" + c.Name)]);
        AddRow(totals, "images", stats, s => TablePrinter.Number(s.Images));
        AddRow(totals, "target boxes", stats, s => TablePrinter.Number(s.Boxes));
        AddRow(totals, "crowd ignore regions", stats, s => TablePrinter.Number(s.IgnoreRegions));
        AddRow(totals, "dropped annotations", stats, s => TablePrinter.Number(s.DroppedAnnotations));
        AddRow(totals, "priors per image", stats, s => TablePrinter.Number(Ratio(s.Priors, s.Images), 0));
        AddRow(totals, "positives", stats, s => TablePrinter.Number(s.Positives));
        AddRow(totals, "positives per image", stats, s => TablePrinter.Number(Ratio(s.Positives, s.Images), 1));
        AddRow(totals, "ignored priors", stats, s => TablePrinter.Number(s.IgnoredPriors));
        AddRow(totals, "boxes with no positive", stats, s => CountOf(s.All.WithoutPositives, s.All.Boxes));
        AddRow(totals, "time per image (ms)", stats, s => TablePrinter.Number(s.MillisecondsPerImage, 3));
        totals.Write(output);
        output.WriteLine();

        output.WriteLine("Positives per box, by COCO size: mean (min..max)");
        WriteBucketTable(output, columns, stats, t => t.Boxes == 0 ? "-" : $"{TablePrinter.Number(t.MeanPositives, 2)} ({TablePrinter.Number(t.MinPositives)}..{TablePrinter.Number(t.MaxPositives)})");
        output.WriteLine();

        output.WriteLine("Boxes with zero positives, by COCO size");
        WriteBucketTable(output, columns, stats, t => CountOf(t.WithoutPositives, t.Boxes));
        output.WriteLine();

        output.WriteLine("Mean IoU threshold of the boxes, by COCO size");
        WriteBucketTable(output, columns, stats, t => TablePrinter.Number(t.MeanThreshold, 3));
        output.WriteLine();

        output.WriteLine("Positives by FPN level: share of positives (per box)");
        var strides = new SortedSet<int>();
        foreach (AssignmentStatistics s in stats)
        {
            foreach (int stride in s.Strides)
            {
                strides.Add(stride);
            }
        }

        var levels = new TablePrinter(["level", ">stride", .. columns.Select(c => ">" + c.Name)]);
        foreach (int stride in strides)
        {
            var row = new List<string> { LevelNames.Of(stride), TablePrinter.Number(stride) };
            foreach (AssignmentStatistics s in stats)
            {
                int l = s.Strides.IndexOf(stride);
                row.Add(l < 0 ? "-" : $"{TablePrinter.Percent(Ratio(s.LevelPositives(l), s.Positives))} ({TablePrinter.Number(Ratio(s.LevelPositives(l), s.Boxes), 2)})");
            }

            levels.AddRow([.. row]);
        }

        levels.Write(output);
        output.WriteLine();
        output.WriteLine("Times are assignment only (span overload, one reused workspace, after an untimed warm-up).");
    }

    private static void WriteBucketTable(TextWriter output, IReadOnlyList<AssignmentColumn> columns, IReadOnlyList<AssignmentStatistics> stats, Func<BucketTally, string> cell)
    {
        var table = new TablePrinter(["size", "area", .. columns.Select(c => ">" + c.Name)]);
        foreach ((SizeBucket bucket, string name, string area) in s_buckets)
        {
            table.AddRow([name, area, .. stats.Select(s => cell(s.Bucket(bucket)))]);
        }

        table.AddRow(["all", "", .. stats.Select(s => cell(s.All))]);
        table.Write(output);
    }

    private static void AddRow(TablePrinter table, string name, IReadOnlyList<AssignmentStatistics> stats, Func<AssignmentStatistics, string> cell)
        => table.AddRow([name, .. stats.Select(cell)]);

    private static string IgnoredNote(AssignmentColumn column) => $"priors ignored: {column.Setup.IgnoredPriors}";

    private static string CountOf(long count, long of)
        => of == 0 ? "-" : $"{TablePrinter.Number(count)} of {TablePrinter.Number(of)} ({TablePrinter.Percent(Ratio(count, of))})";

    private static void AddBucket(TablePrinter table, string name, string area, BucketTally tally)
    {
        bool any = tally.Boxes > 0;
        table.AddRow(
            name,
            area,
            TablePrinter.Number(tally.Boxes),
            TablePrinter.Number(tally.MeanPositives, 2),
            any ? TablePrinter.Number(tally.MinPositives) : "-",
            any ? TablePrinter.Number(tally.MaxPositives) : "-",
            any ? $"{TablePrinter.Number(tally.WithoutPositives)} ({TablePrinter.Percent(Ratio(tally.WithoutPositives, tally.Boxes))})" : "-",
            TablePrinter.Number(tally.MeanThreshold, 3));
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? double.NaN : numerator / (double)denominator;
}
